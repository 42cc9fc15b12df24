package dev.taskpool.control.wire;

import dev.taskpool.control.text.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Slows down peers that fail handshakes, and keeps their failures from flooding the log, as
 * {@link Limits} describe (the server's {@code AuthThrottle} option): each peer has a failure count that halves every half-life;
 * past the free failures, each of its handshakes waits for a turn before its token is checked,
 * turns following one another at the current delay, and a handshake whose turn is too far away
 * is turned away unchecked. The first failure after a quiet interval is reported at once,
 * later ones in one summary line per peer and interval.
 *
 * <p>Memory stays bounded whoever connects: peers whose failures are forgotten are dropped,
 * and past {@value #MAX_PEERS} peers with recent failures, further ones share a single count.
 *
 * <p>Time comes from a clock in {@link System#nanoTime()} units, summaries are written by tasks
 * handed to a scheduler, and reports go to a sink, so that tests can drive all three.
 *
 * <p>Thread-safe: one lock guards every peer's state; no report is written under it.
 */
public final class HandshakeThrottle {

    /** How many peers are tracked one by one at most. */
    public static final int MAX_PEERS = 10_000;

    /** Runs a task after a delay; never runs it on the calling thread. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Runnable task, long delayNanos);
    }

    /**
     * What a handshake must do before its token is checked.
     *
     * @param waitNanos  how long to wait first (0: check at once); when turned away, how long
     *                   until a turn could be had
     * @param turnedAway whether the handshake is to be refused unchecked
     */
    public record Turn(long waitNanos, boolean turnedAway) {
        static final Turn NOW = new Turn(0, false);
    }

    private static final double FORGOTTEN = 0.01;
    private static final long SWEEP_PAUSE_NANOS = 1_000_000_000L;

    private final int freeFailures;
    private final long initialDelayNanos;
    private final long maxDelayNanos;
    private final double halfLifeNanos;
    private final long logIntervalNanos;
    private final LongSupplier clock;
    private final Scheduler scheduler;
    private final Consumer<String> reports;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Object, PeerState> peers = new HashMap<>();
    private final PeerState others;
    private int sweepAtSize = 1024;
    private long lastSweepNanos;

    /**
     * How hard the throttle is.
     *
     * @param freeFailures how many failures a peer has before it is made to wait
     * @param initialDelay the wait for the first failure past the free ones
     * @param maxDelay     the longest wait
     * @param halfLife     how long it takes a peer's failure count to halve
     * @param logInterval  how often a throttled peer is reported, at most
     */
    public record Limits(int freeFailures, Duration initialDelay, Duration maxDelay, Duration halfLife,
                         Duration logInterval) {
    }

    /**
     * @param config    how hard the throttle is
     * @param clock     the time, in {@link System#nanoTime()} units
     * @param scheduler runs the summaries when they are due
     * @param reports   receives each line to log
     */
    public HandshakeThrottle(Limits config, LongSupplier clock, Scheduler scheduler, Consumer<String> reports) {
        Objects.requireNonNull(config, "config");
        this.freeFailures = config.freeFailures();
        this.initialDelayNanos = saturatedNanos(config.initialDelay());
        this.maxDelayNanos = saturatedNanos(config.maxDelay());
        this.halfLifeNanos = config.halfLife().toSeconds() * 1e9 + config.halfLife().toNanosPart();
        this.logIntervalNanos = saturatedNanos(config.logInterval());
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.reports = Objects.requireNonNull(reports, "reports");
        long now = clock.getAsLong();
        this.lastSweepNanos = now;
        this.others = new PeerState(
                new Peer("other-peers", "other peers (over " + MAX_PEERS + " are being counted)", ""), now);
    }

    /**
     * Takes a turn for a handshake from {@code peer} whose token is about to be checked. A
     * turned-away handshake counts as a failure in the peer's report, not in its count.
     */
    public Turn turn(Peer peer, String connection) {
        String report;
        Turn turn;
        lock.lock();
        try {
            long now = clock.getAsLong();
            PeerState state = peers.get(peer.key());
            if (state == null) {
                if (peers.size() < MAX_PEERS) {
                    return Turn.NOW;
                }
                state = others;
            }
            long delay = delayNanos(state.failuresAt(now));
            if (delay == 0) {
                return Turn.NOW;
            }
            long start = Math.max(0, state.nextTurnNanos - now);
            if (start + delay > maxDelayNanos) {
                turn = new Turn(start, true);
                report = state.record(now, true, "Control connection " + connection
                        + " refused: too many failed handshakes from " + state.peer.description());
            } else {
                state.nextTurnNanos = now + start + delay;
                return new Turn(start + delay, false);
            }
        } finally {
            lock.unlock();
        }
        emit(report);
        return turn;
    }

    /** Counts a failed handshake of {@code connection}, whose token was {@code problem}. */
    public void failed(Peer peer, String connection, String problem) {
        String report;
        lock.lock();
        try {
            long now = clock.getAsLong();
            PeerState state = stateFor(peer, now);
            state.failures = state.failuresAt(now) + 1;
            state.countedAtNanos = now;
            report = state.record(now, false, "Control connection " + connection + " refused: " + problem);
        } finally {
            lock.unlock();
        }
        emit(report);
    }

    /** Writes every summary still pending, as a closing server does. */
    public void flush() {
        List<String> pending = new ArrayList<>();
        lock.lock();
        try {
            long now = clock.getAsLong();
            for (PeerState state : peers.values()) {
                pending.add(state.summary(now));
            }
            pending.add(others.summary(now));
        } finally {
            lock.unlock();
        }
        pending.forEach(this::emit);
    }

    /** How many peers are counted one by one now. */
    public int trackedPeers() {
        lock.lock();
        try {
            return peers.size();
        } finally {
            lock.unlock();
        }
    }

    private PeerState stateFor(Peer peer, long now) {
        PeerState state = peers.get(peer.key());
        if (state != null) {
            return state;
        }
        long sinceSweep = now - lastSweepNanos;
        boolean crowded = peers.size() >= Math.min(sweepAtSize, MAX_PEERS) && sinceSweep >= SWEEP_PAUSE_NANOS;
        if (crowded || sinceSweep >= halfLifeNanos) {
            sweep(now);
        }
        if (peers.size() >= MAX_PEERS) {
            return others;
        }
        state = new PeerState(peer, now);
        peers.put(peer.key(), state);
        return state;
    }

    /**
     * Drops the peers nothing is remembered of any more: once every half-life, and when their
     * number has doubled since the last sweep, but not more than once a second, for a full
     * table of peers that are all remembered would be swept in vain at every failure.
     */
    private void sweep(long now) {
        for (Iterator<PeerState> it = peers.values().iterator(); it.hasNext(); ) {
            if (it.next().isForgotten(now)) {
                it.remove();
            }
        }
        sweepAtSize = Math.max(1024, 2 * peers.size());
        lastSweepNanos = now;
    }

    private long delayNanos(double failures) {
        if (failures <= freeFailures || initialDelayNanos == 0) {
            return 0;
        }
        double delay = initialDelayNanos * Math.pow(2, failures - freeFailures - 1);
        return delay >= maxDelayNanos ? maxDelayNanos : (long) delay;
    }

    private void flushLater(PeerState state, long delayNanos) {
        scheduler.schedule(() -> {
            String report;
            lock.lock();
            try {
                state.summaryScheduled = false;
                report = state.summary(clock.getAsLong());
            } finally {
                lock.unlock();
            }
            emit(report);
        }, Math.max(1, delayNanos));
    }

    private void emit(String report) {
        if (report != null) {
            reports.accept(report);
        }
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** What is remembered of one peer; guarded by the throttle's lock. */
    private final class PeerState {
        final Peer peer;
        double failures;
        long countedAtNanos;
        long nextTurnNanos;
        boolean reported;
        long reportedAtNanos;
        long unreported;
        long unreportedTurnedAway;
        boolean summaryScheduled;

        PeerState(Peer peer, long now) {
            this.peer = peer;
            this.countedAtNanos = now;
            this.nextTurnNanos = now;
            this.reportedAtNanos = now;
        }

        double failuresAt(long now) {
            if (failures == 0) {
                return 0;
            }
            return failures * Math.pow(0.5, (now - countedAtNanos) / halfLifeNanos);
        }

        /**
         * Records a failure for the log: returns the line to write now, or null when the peer
         * had its line this interval and the failure waits for the summary at its end.
         */
        String record(long now, boolean turnedAway, String line) {
            if (!summaryScheduled && (!reported || now - reportedAtNanos >= logIntervalNanos)) {
                reported = true;
                reportedAtNanos = now;
                return line;
            }
            unreported++;
            if (turnedAway) {
                unreportedTurnedAway++;
            }
            if (!summaryScheduled) {
                summaryScheduled = true;
                flushLater(this, reportedAtNanos + logIntervalNanos - now);
            }
            return null;
        }

        /** The summary of the failures not reported yet, or null if there are none. */
        String summary(long now) {
            if (unreported == 0) {
                return null;
            }
            String line = unreported + " failed handshake" + (unreported == 1 ? "" : "s") + " from "
                    + peer.description() + " in the last " + DurationText.of(Duration.ofNanos(now - reportedAtNanos))
                    + (unreportedTurnedAway == 0 ? "" : ", " + unreportedTurnedAway + " of them turned away unchecked");
            unreported = 0;
            unreportedTurnedAway = 0;
            reported = true;
            reportedAtNanos = now;
            return line;
        }

        boolean isForgotten(long now) {
            return failuresAt(now) < FORGOTTEN && unreported == 0 && !summaryScheduled
                    && now - nextTurnNanos >= 0 && (!reported || now - reportedAtNanos >= logIntervalNanos);
        }
    }
}
