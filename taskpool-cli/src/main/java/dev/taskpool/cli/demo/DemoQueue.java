package dev.taskpool.cli.demo;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The items the demo's {@link Worker}s drain: the {@link WorkQueue} in memory, or a
 * {@link SharedWorkQueue} in PostgreSQL that several demos share ({@code --queue}). Either
 * way a worker takes a claim on one item, then completes it or releases it back, and each
 * item's result counts once. The counts are this demo's own.
 *
 * <p>Implementations are thread-safe.
 */
public interface DemoQueue {

    /**
     * A worker's hold on one item, settled once: by {@link #complete} or by {@link #release},
     * whichever comes first.
     */
    interface Claim {

        /** The claimed item's number. */
        long item();

        /**
         * Records the item as done by {@code worker}, with its result.
         *
         * @return whether the result counts: {@code false} if the claim was settled before, or,
         *         for a shared queue, if another demo had taken the item over meanwhile
         * @throws InterruptedException if interrupted while a shared queue waits for its database
         */
        boolean complete(String worker, long result) throws InterruptedException;

        /**
         * Hands the item back, unless the claim is settled already; meant for a {@code finally}
         * block after {@link #complete}.
         *
         * @return whether the item went back
         */
        boolean release();
    }

    /**
     * Waits for an item and claims it.
     *
     * @return the claim, or {@code null} once no item is left or the queue is closed
     * @throws InterruptedException if interrupted; no item is claimed then
     */
    Claim take() throws InterruptedException;

    /** Hands out no more items; claims already made are settled as usual. Idempotent. */
    void close();

    /**
     * Adds {@code count} items after the last ones.
     *
     * @return how many items there are now
     * @throws IllegalArgumentException if {@code count} is not positive
     * @throws IllegalStateException    if the queue is endless, or the demo is ending
     */
    long add(long count);

    /**
     * How many items are waiting to be taken; for an endless queue, a number close to
     * {@link Long#MAX_VALUE}; for a shared queue, by every demo, as of the last time the
     * database answered.
     */
    long waitingCount();

    /** Whether the items never run out. */
    boolean isEndless();

    /** Whether other demos drain the same items, so that this demo's counts are its share. */
    default boolean isShared() {
        return false;
    }

    /** How many items there are in all; for a shared queue, as it was when this demo opened it. */
    long size();

    /** How many items this demo did. */
    long doneCount();

    /** How many times a worker handed an unfinished item back. */
    int releasedCount();

    /** The sum (modulo 2<sup>64</sup>) of the results of the items this demo did. */
    long resultSum();

    /** How many items each worker did, by worker name. */
    Map<String, Integer> doneByWorker();

    /** Completes once no item is left that is not done; never for an endless queue. */
    CompletableFuture<Void> allDone();
}
