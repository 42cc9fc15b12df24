package dev.taskpool.cli.demo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

/**
 * The demo's stand-in for real work: each item waits a while, as if for I/O, then hashes a few
 * bytes. Both the wait (between the two given durations) and the result are fixed per item, so
 * runs can be compared, and the sum of all results ({@link #expectedSum}) tells whether each
 * item was counted exactly once.
 *
 * <p>Immutable and thread-safe.
 */
public final class SimulatedWork implements ItemProcessor {

    private static final int HASH_ROUNDS = 16;

    private final long minMillis;
    private final long maxMillis;

    /**
     * @param minTime the shortest wait of an item
     * @param maxTime the longest wait of an item; at least {@code minTime}
     * @throws IllegalArgumentException if {@code minTime} is negative or above {@code maxTime}
     */
    public SimulatedWork(Duration minTime, Duration maxTime) {
        this.minMillis = minTime.toMillis();
        this.maxMillis = maxTime.toMillis();
        if (minMillis < 0 || maxMillis < minMillis) {
            throw new IllegalArgumentException("need 0 <= minTime <= maxTime, got " + minTime + " and " + maxTime);
        }
    }

    @Override
    public long process(long item) throws InterruptedException {
        Thread.sleep(waitMillis(item));
        return result(item);
    }

    /** How long {@code item} waits, in milliseconds: the same every time. */
    public long waitMillis(long item) {
        long span = maxMillis - minMillis + 1;
        return minMillis + Math.floorMod(mix(item), span);
    }

    /** The result of {@code item}: the first 8 bytes of a SHA-256 chain over its number. */
    public static long result(long item) {
        MessageDigest sha256 = sha256();
        byte[] digest = ("item-" + item).getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < HASH_ROUNDS; round++) {
            digest = sha256.digest(digest);
        }
        return ByteBuffer.wrap(digest).getLong();
    }

    /** The sum (modulo 2<sup>64</sup>) of the results of items {@code 0..items-1}. */
    public static long expectedSum(long items) {
        long sum = 0;
        for (long item = 0; item < items; item++) {
            sum += result(item);
        }
        return sum;
    }

    /** A well-spread hash of the item number (the finalizer of SplitMix64). */
    private static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
