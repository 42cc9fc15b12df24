package dev.taskpool.cli.demo;

import dev.taskpool.queue.postgres.Lease;
import dev.taskpool.queue.postgres.PostgresQueue;
import dev.taskpool.queue.postgres.QueueException;
import dev.taskpool.queue.postgres.QueueOptions;
import dev.taskpool.queue.postgres.SeedMode;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The demo's items in a {@link PostgresQueue} that several demos drain together
 * ({@code --queue}): each claim is a {@link Lease}, and each item's result is recorded once in
 * the database, whichever demo does it. The counts are this demo's share. Owns the queue:
 * {@link #close()} only stops handing out items, {@link #shutdown()} closes it once the
 * workers have ended, and {@link #halt()} lets go of it as a killed process would.
 *
 * <p>Thread-safe.
 */
final class SharedWorkQueue implements DemoQueue {

    private final PostgresQueue queue;
    private volatile long size;
    private volatile long waiting;
    private final AtomicLong done = new AtomicLong();
    private final LongAdder resultSum = new LongAdder();
    private final Map<String, AtomicInteger> doneByWorker = new ConcurrentHashMap<>();

    private SharedWorkQueue(PostgresQueue queue) {
        this.queue = queue;
        var status = queue.status();
        this.size = status.total();
        this.waiting = status.pending();
    }

    /**
     * Opens the queue at {@code config}'s database, creating its tables if they are missing.
     *
     * @throws dev.taskpool.queue.postgres.QueueException if the database cannot be reached
     */
    static SharedWorkQueue open(DemoConfig.SharedQueue config) {
        Objects.requireNonNull(config, "config");
        QueueOptions options = QueueOptions.defaults().withLease(config.lease());
        if (config.node() != null) {
            options = options.withNode(config.node());
        }
        PostgresQueue queue = PostgresQueue.open(config.jdbcUrl(), options);
        try {
            return new SharedWorkQueue(queue);
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
    }

    /** The queue itself. */
    PostgresQueue queue() {
        return queue;
    }

    @Override
    public Claim take() throws InterruptedException {
        Lease lease = queue.take();
        return lease == null ? null : new SharedClaim(lease);
    }

    /** Hands out no more items: those claimed and not yet in a worker's hand go back. */
    @Override
    public void close() {
        queue.stop();
    }

    /** Appends items to the shared queue, numbered on from the highest, for every demo to take. */
    @Override
    public long add(long count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        if (queue.drained().isDone()) {
            throw new IllegalStateException("the shared queue is done: the demo is ending");
        }
        queue.seed(count, SeedMode.APPEND);
        size = queue.status().total();
        return size;
    }

    /** The items pending in the database; the last count read while it is away. */
    @Override
    public long waitingCount() {
        try {
            waiting = queue.status().pending();
        } catch (QueueException e) {
            // The queue reports the outage; the autoscaler keeps the last backlog meanwhile.
        }
        return waiting;
    }

    /** Closes the queue: removes this demo's registration and closes its connections. */
    void shutdown() {
        queue.close();
    }

    /**
     * Lets go as a killed process would: nothing handed back, the registration left to run
     * out, the leases this demo holds left to expire.
     */
    void halt() {
        queue.abandon();
    }

    @Override
    public boolean isEndless() {
        return false;
    }

    @Override
    public boolean isShared() {
        return true;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long doneCount() {
        return done.get();
    }

    @Override
    public int releasedCount() {
        return (int) queue.releasedCount();
    }

    @Override
    public long resultSum() {
        return resultSum.sum();
    }

    @Override
    public Map<String, Integer> doneByWorker() {
        Map<String, Integer> copy = new TreeMap<>();
        doneByWorker.forEach((worker, count) -> copy.put(worker, count.get()));
        return copy;
    }

    @Override
    public CompletableFuture<Void> allDone() {
        return queue.drained();
    }

    /** One lease, counted in this demo's share when its result is recorded. */
    private final class SharedClaim implements Claim {

        private final Lease lease;

        SharedClaim(Lease lease) {
            this.lease = lease;
        }

        @Override
        public long item() {
            return lease.item();
        }

        @Override
        public boolean complete(String worker, long result) throws InterruptedException {
            if (!lease.complete(worker, result)) {
                return false;
            }
            resultSum.add(result);
            doneByWorker.computeIfAbsent(worker, w -> new AtomicInteger()).incrementAndGet();
            done.incrementAndGet();
            return true;
        }

        @Override
        public boolean release() {
            return lease.release();
        }

        @Override
        public String toString() {
            return lease.toString();
        }
    }
}
