package dev.taskpool.cli.demo;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The demo's work items, numbered from 0, and the bookkeeping that makes each one done exactly
 * once however often workers are stopped.
 *
 * <p>A worker {@linkplain #take() takes} a {@link Claim} on an item, processes it, then either
 * {@linkplain Claim#complete completes} it or {@linkplain Claim#release releases} it back to
 * the queue. Each claim settles once, by a compare-and-set: whichever of {@code complete} and
 * {@code release} comes first wins and the other does nothing. So a worker that calls
 * {@code release()} in a {@code finally} block after {@code complete()} never hands back an
 * item it finished, and an item it did not finish always goes back, wherever the interrupt that
 * stopped it arrived. Completing is never blocked or interrupted: it is a few atomic updates.
 *
 * <p>Every item is in one of four states: fresh (not taken yet), taken (claimed by a worker),
 * handed back (released, waiting to be taken again) or done. Handed-back items are taken before
 * fresh ones, so they are retried first.
 *
 * <p>A queue may be {@linkplain #close() closed} so that workers finish the items in hand and
 * take no more, as a graceful shutdown wants: those items may still be completed or handed
 * back, and an item handed back then stays in the queue, not done, where the counts show it.
 *
 * <h2>Memory</h2>
 * Items are numbered as they are first taken: a fresh item is nothing but a number above those
 * handed out so far, and a done item is forgotten. The queue holds only the items handed back
 * and the items workers hold now ({@link #retainedItems()}), so its memory does not depend on
 * how many items there are, and a queue may be {@linkplain #endless() endless}.
 *
 * <p>Thread-safe.
 */
public final class WorkQueue implements DemoQueue {

    /** Put in the deque once every item is done or the queue is closed; whoever takes it puts it back and stops. */
    private static final long END = -1;

    /** Grows with {@link #add}; written under {@link #numbering}. */
    private volatile long size;
    private final boolean endless;
    /** Whether every item was done and {@link #allDone} completed; guarded by {@link #numbering}. */
    private boolean finished;
    /** Guards {@link #nextFresh} and the entry of fresh items into {@link #open}. */
    private final ReentrantLock numbering = new ReentrantLock();
    private long nextFresh;
    /** Items handed back and waiting, most recently handed back first; then {@link #END} once all are done. */
    private final LinkedBlockingDeque<Long> handedBack = new LinkedBlockingDeque<>();
    /** Items numbered but not done: taken or handed back. */
    private final Set<Long> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong done = new AtomicLong();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger released = new AtomicInteger();
    private final LongAdder resultSum = new LongAdder();
    private final Map<String, AtomicInteger> doneByWorker = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> allDone = new CompletableFuture<>();
    private volatile boolean closed;

    /**
     * A queue of the items {@code 0..size-1}, all fresh. Allocates nothing per item.
     *
     * @throws IllegalArgumentException if {@code size} is negative
     */
    public WorkQueue(long size) {
        this(size, false);
        if (size < 0) {
            throw new IllegalArgumentException("size must be 0 or more, got " + size);
        }
        if (size == 0) {
            finish();
        }
    }

    private WorkQueue(long size, boolean endless) {
        this.size = size;
        this.endless = endless;
    }

    /** A queue whose items never run out: {@link #take()} never returns {@code null}. */
    public static WorkQueue endless() {
        return new WorkQueue(Long.MAX_VALUE, true);
    }

    /**
     * Waits for an item and claims it: an item handed back if there is one, else a fresh one.
     *
     * @return the claim, or {@code null} once every item is done or the queue is closed
     * @throws InterruptedException if interrupted before or while waiting; no item is claimed then
     */
    @Override
    public Claim take() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (closed) {
            return null;
        }
        Long item = handedBack.pollFirst();
        if (item == null) {
            long fresh = numberFresh();
            if (fresh >= 0) {
                return claim(fresh);
            }
            // No fresh item is left: wait for one handed back, or for the last to be done.
            item = handedBack.takeFirst();
        }
        if (item == END) {
            handedBack.addFirst(END);
            return null;
        }
        return claim(item);
    }

    /** The next fresh item, now open; -1 if there is none. */
    private long numberFresh() {
        numbering.lock();
        try {
            if (nextFresh >= size) {
                return -1;
            }
            long item = nextFresh++;
            open.add(item);
            return item;
        } finally {
            numbering.unlock();
        }
    }

    private Claim claim(long item) {
        inProgress.incrementAndGet();
        return new Claim(item);
    }

    /**
     * Hands out no more items: from now on {@link #take()} returns {@code null}, as when every
     * item is done, and takes waiting for an item return {@code null} at once. Claims already
     * made are settled as usual; a take that raced this call may still claim one item. Every
     * item not done stays counted as waiting. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        handedBack.addLast(END);
    }

    /**
     * Adds {@code count} fresh items after the last ones.
     *
     * @return how many items there are now
     * @throws IllegalArgumentException if {@code count} is not positive
     * @throws IllegalStateException    if the queue is endless, closed, or every item is done
     *                                  already (the demo has ended)
     */
    @Override
    public long add(long count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        if (endless) {
            throw new IllegalStateException("the queue is endless: its items never run out");
        }
        numbering.lock();
        try {
            if (finished || closed) {
                throw new IllegalStateException("the queue is " + (closed ? "closed" : "done") + ": the demo is ending");
            }
            size = Math.addExact(size, count);
            return size;
        } finally {
            numbering.unlock();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Whether the items never run out. */
    @Override
    public boolean isEndless() {
        return endless;
    }

    /** How many items there are in all; {@link Long#MAX_VALUE} for an endless queue. */
    @Override
    public long size() {
        return size;
    }

    /** How many items are done. */
    @Override
    public long doneCount() {
        return done.get();
    }

    /** How many items are claimed by workers right now. */
    public int inProgressCount() {
        return inProgress.get();
    }

    /**
     * How many items are waiting to be taken, fresh or handed back; for an endless queue, a
     * number close to {@link Long#MAX_VALUE}.
     */
    @Override
    public long waitingCount() {
        return size - done.get() - inProgress.get();
    }

    /** How many times a worker handed an unfinished item back. */
    @Override
    public int releasedCount() {
        return released.get();
    }

    /**
     * How many items the queue keeps in memory: those handed back and waiting to be taken
     * again, and those workers hold now. Fresh and done items are not kept.
     */
    public int retainedItems() {
        return open.size();
    }

    /** Whether {@code item} is done. */
    public boolean isDone(long item) {
        numbering.lock();
        try {
            return item >= 0 && item < nextFresh && !open.contains(item);
        } finally {
            numbering.unlock();
        }
    }

    /** The sum (modulo 2<sup>64</sup>) of the results of the items done so far. */
    @Override
    public long resultSum() {
        return resultSum.sum();
    }

    /** How many items each worker completed, by worker name; workers that completed none are absent. */
    @Override
    public Map<String, Integer> doneByWorker() {
        Map<String, Integer> copy = new TreeMap<>();
        doneByWorker.forEach((worker, count) -> copy.put(worker, count.get()));
        return copy;
    }

    /** Completes once every item is done, never for an endless queue; never completes exceptionally. */
    @Override
    public CompletableFuture<Void> allDone() {
        return allDone.copy();
    }

    private void finish() {
        numbering.lock();
        try {
            // Items may have been added since the count was read: done only if still all done.
            if (finished || done.get() != size) {
                return;
            }
            finished = true;
        } finally {
            numbering.unlock();
        }
        handedBack.addLast(END);
        allDone.complete(null);
    }

    /**
     * A worker's hold on one item: settled exactly once, either by {@link #complete} (the item
     * is done) or by {@link #release} (the item goes back to the queue).
     *
     * <p>Thread-safe, though meant for the one worker that took it.
     */
    public final class Claim implements DemoQueue.Claim {

        private final long item;
        private final AtomicBoolean settled = new AtomicBoolean();

        private Claim(long item) {
            this.item = item;
        }

        /** The claimed item's number. */
        public long item() {
            return item;
        }

        /**
         * Records the item as done by {@code worker}, with the result of its processing.
         * Never blocks and ignores interrupts, so a worker interrupted just after finishing the
         * work still records it.
         *
         * @return {@code true} if this call settled the claim; {@code false} if it had been
         *         settled before (the item was released, or already completed by this claim)
         */
        @Override
        public boolean complete(String worker, long result) {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            if (!open.remove(item)) {
                throw new IllegalStateException("item " + item + " completed but not taken");
            }
            resultSum.add(result);
            doneByWorker.computeIfAbsent(worker, w -> new AtomicInteger()).incrementAndGet();
            inProgress.decrementAndGet();
            if (done.incrementAndGet() >= size) {
                finish();
            }
            return true;
        }

        /**
         * Hands the item back to the queue, to be taken before any fresh item, unless the
         * claim is settled already. Meant for a {@code finally} block after {@link #complete}.
         *
         * @return {@code true} if the item went back; {@code false} if the claim had been
         *         settled before (typically: the item was completed)
         */
        @Override
        public boolean release() {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            if (!open.contains(item)) {
                throw new IllegalStateException("item " + item + " released but not taken");
            }
            inProgress.decrementAndGet();
            released.incrementAndGet();
            handedBack.addFirst(item);
            return true;
        }

        @Override
        public String toString() {
            return "Claim[item " + item + (settled.get() ? ", settled" : "") + "]";
        }
    }
}
