package dev.taskpool.cli.demo;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The demo's work items, numbered {@code 0..size-1}, and the bookkeeping that makes each one
 * done exactly once however often workers are stopped.
 *
 * <p>A worker {@linkplain #take() takes} a {@link Claim} on an item, processes it, then either
 * {@linkplain Claim#complete completes} it or {@linkplain Claim#release releases} it back to
 * the queue. Each claim settles once, by a compare-and-set: whichever of {@code complete} and
 * {@code release} comes first wins and the other does nothing. So a worker that calls
 * {@code release()} in a {@code finally} block after {@code complete()} never hands back an
 * item it finished, and an item it did not finish always goes back, wherever the interrupt that
 * stopped it arrived. Completing is never blocked or interrupted: it is a few atomic updates.
 *
 * <p>Every item is in one of three states: queued (waiting in the deque), taken (claimed by a
 * worker) or done. Released items go back to the head of the queue, so they are retried first.
 *
 * <p>Thread-safe.
 */
public final class WorkQueue {

    private static final int QUEUED = 0;
    private static final int TAKEN = 1;
    private static final int DONE = 2;
    /** Put in the deque once every item is done; whoever takes it puts it back and stops. */
    private static final int END = -1;

    private final int size;
    private final LinkedBlockingDeque<Integer> pending = new LinkedBlockingDeque<>();
    private final AtomicIntegerArray states;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger released = new AtomicInteger();
    private final LongAdder resultSum = new LongAdder();
    private final Map<String, AtomicInteger> doneByWorker = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> allDone = new CompletableFuture<>();

    /**
     * A queue holding the items {@code 0..size-1}, all waiting.
     *
     * @throws IllegalArgumentException if {@code size} is negative
     */
    public WorkQueue(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be 0 or more, got " + size);
        }
        this.size = size;
        this.states = new AtomicIntegerArray(size);
        for (int item = 0; item < size; item++) {
            pending.addLast(item);
        }
        if (size == 0) {
            finish();
        }
    }

    /**
     * Waits for an item and claims it.
     *
     * @return the claim, or {@code null} once every item is done
     * @throws InterruptedException if interrupted while waiting; no item is claimed then
     */
    public Claim take() throws InterruptedException {
        int item = pending.takeFirst();
        if (item == END) {
            pending.addFirst(END);
            return null;
        }
        if (!states.compareAndSet(item, QUEUED, TAKEN)) {
            throw new IllegalStateException("item " + item + " was in the queue but not waiting");
        }
        inProgress.incrementAndGet();
        return new Claim(item);
    }

    /** How many items there are in all. */
    public int size() {
        return size;
    }

    /** How many items are done. */
    public int doneCount() {
        return done.get();
    }

    /** How many items are claimed by workers right now. */
    public int inProgressCount() {
        return inProgress.get();
    }

    /** How many items are waiting to be taken. */
    public int waitingCount() {
        return size - done.get() - inProgress.get();
    }

    /** How many times a worker handed an unfinished item back. */
    public int releasedCount() {
        return released.get();
    }

    /** Whether {@code item} is done. */
    public boolean isDone(int item) {
        return states.get(item) == DONE;
    }

    /** The sum (modulo 2<sup>64</sup>) of the results of the items done so far. */
    public long resultSum() {
        return resultSum.sum();
    }

    /** How many items each worker completed, by worker name; workers that completed none are absent. */
    public Map<String, Integer> doneByWorker() {
        Map<String, Integer> copy = new TreeMap<>();
        doneByWorker.forEach((worker, count) -> copy.put(worker, count.get()));
        return copy;
    }

    /** Completes once every item is done; never completes exceptionally. */
    public CompletableFuture<Void> allDone() {
        return allDone.copy();
    }

    private void finish() {
        pending.addLast(END);
        allDone.complete(null);
    }

    /**
     * A worker's hold on one item: settled exactly once, either by {@link #complete} (the item
     * is done) or by {@link #release} (the item goes back to the queue).
     *
     * <p>Thread-safe, though meant for the one worker that took it.
     */
    public final class Claim {

        private final int item;
        private final AtomicBoolean settled = new AtomicBoolean();

        private Claim(int item) {
            this.item = item;
        }

        /** The claimed item's number. */
        public int item() {
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
        public boolean complete(String worker, long result) {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            if (!states.compareAndSet(item, TAKEN, DONE)) {
                throw new IllegalStateException("item " + item + " completed but not taken");
            }
            resultSum.add(result);
            doneByWorker.computeIfAbsent(worker, w -> new AtomicInteger()).incrementAndGet();
            inProgress.decrementAndGet();
            if (done.incrementAndGet() == size) {
                finish();
            }
            return true;
        }

        /**
         * Hands the item back to the head of the queue, unless the claim is settled already.
         * Meant for a {@code finally} block after {@link #complete}.
         *
         * @return {@code true} if the item went back; {@code false} if the claim had been
         *         settled before (typically: the item was completed)
         */
        public boolean release() {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            if (!states.compareAndSet(item, TAKEN, QUEUED)) {
                throw new IllegalStateException("item " + item + " released but not taken");
            }
            inProgress.decrementAndGet();
            released.incrementAndGet();
            pending.addFirst(item);
            return true;
        }

        @Override
        public String toString() {
            return "Claim[item " + item + (settled.get() ? ", settled" : "") + "]";
        }
    }
}
