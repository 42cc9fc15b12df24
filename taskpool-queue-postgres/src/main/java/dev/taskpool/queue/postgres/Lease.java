package dev.taskpool.queue.postgres;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A worker's hold on one item of a {@link PostgresQueue}, for as long as the lease lasts. The
 * queue renews the lease while the lease is held, so it runs out only when this process stops
 * renewing it: it died, hung, or lost the database for longer than the lease. Another process
 * may then take the item over.
 *
 * <p>A lease is settled once, by {@link #complete} (the result is recorded, or refused as
 * late) or by {@link #release} (the item goes back to the queue); whichever comes first wins.
 * So a worker calls {@code release()} in a {@code finally} block after {@code complete()}, and
 * an item it did not finish always goes back, wherever an interrupt stopped it.
 *
 * <p>Thread-safe, though meant for the one worker that took it.
 */
public final class Lease {

    private final PostgresQueue queue;
    private final long item;
    private final long token;
    private final int attempt;
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile boolean lost;

    Lease(PostgresQueue queue, long item, long token, int attempt) {
        this.queue = queue;
        this.item = item;
        this.token = token;
        this.attempt = attempt;
    }

    /** The item's number. */
    public long item() {
        return item;
    }

    /** Which claim of the item this is: 1 the first time, more after releases and expiries. */
    public int attempt() {
        return attempt;
    }

    /**
     * Whether the queue found, renewing the lease, that another process has taken the item
     * over: {@link #complete} will be refused. A worker may give up on the item early.
     */
    public boolean isLost() {
        return lost;
    }

    long token() {
        return token;
    }

    void markLost() {
        lost = true;
    }

    /**
     * Marks the item done and records {@code result}, in one transaction, unless another
     * process has taken the item over since its lease ran out: then the completion is refused
     * and counted as late, and the other process's result is the one recorded. While the
     * database is away, waits for it and tries again; a retry after a commit whose answer was
     * lost finds its own result and returns {@code true}.
     *
     * @param worker who did the work, recorded with the result (a thread name, say)
     * @return {@code true} if the result is recorded; {@code false} if it was refused as late
     * @throws InterruptedException  if interrupted while waiting for the database; the item
     *                               is handed back if the database allows, else its lease
     *                               runs out
     * @throws IllegalStateException if the lease was settled before
     * @throws QueueClosedException  if the queue was closed
     */
    public boolean complete(String worker, long result) throws InterruptedException {
        if (!settled.compareAndSet(false, true)) {
            throw new IllegalStateException("the lease of item " + item + " is settled already");
        }
        return queue.complete(this, worker, result);
    }

    /**
     * Gives the item back to the queue at once, unless the lease is settled already: meant for
     * a {@code finally} block after {@link #complete}. One attempt, never blocking for long and
     * never interrupted: if the database is away, the item goes back when its lease runs out.
     *
     * @return {@code true} if the item went back now; {@code false} if the lease was settled
     *         before, or the database could not be reached
     */
    public boolean release() {
        if (!settled.compareAndSet(false, true)) {
            return false;
        }
        return queue.release(this);
    }

    /** Settles the lease without touching the database: for a queue that is stopping or abandoned. */
    boolean settleQuietly() {
        return settled.compareAndSet(false, true);
    }

    @Override
    public String toString() {
        return "Lease[item " + item + ", attempt " + attempt + (settled.get() ? ", settled" : "")
                + (lost ? ", lost" : "") + "]";
    }
}
