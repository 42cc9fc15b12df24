package dev.taskpool.internal;

import dev.taskpool.TaskDecorator;
import dev.taskpool.function.CheckedRunnable;
import dev.taskpool.function.TaskCallback;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A named set of tasks started by one call ({@code start}, {@code apply}, {@code map}...),
 * and the spawner thread that starts them.
 *
 * <p>Starting a task of the group and cancelling the group both happen under this group's
 * lock (never a pool-wide one): once {@link #cancelSpawning()} has returned, the spawner
 * cannot start another task, even one that was already waiting for room. User code never
 * runs under the lock. Thread-safe.
 */
public final class TaskGroup {

    /** Sentinel for {@link #total()} when the size of the input is unknown. */
    public static final int UNKNOWN = -1;

    // The counts that change with every task, in one array, each kind on cache lines of its
    // own: the spawner's (tasks spawned) apart from the ending tasks' (done, and those of
    // late tasks: see taskOver), those of cancellation on a third, and all apart from the
    // group's other fields, which every task reads, and from the array's length, which every
    // access reads. Separate longs, not packed, so that none ever overflows into another.
    private static final int SPAWNED = 8;
    private static final int DONE = 24;
    private static final int LATE = 25;
    private static final int LATE_FINISHED = 26;
    private static final int CANCEL_PENDING = 40;
    private static final int CELLS = 56;

    private final String name;
    private final String functionName;
    private final Semaphore concurrency;
    private final TaskCallback onEnd;
    private final TaskCallback onCancel;
    private final long timeoutNanos;
    private final TaskDecorator decorator;
    // Held here rather than by each task's record: a record is kept per task, a group per call.
    private final TaskRegistry registry;
    private final ReentrantLock lock = new ReentrantLock();
    private final CountDownLatch firstRound = new CountDownLatch(1);
    private final CountDownLatch over = new CountDownLatch(1);

    private volatile boolean cancelled;
    private volatile int total;
    private final AtomicLongArray cells = new AtomicLongArray(CELLS);
    // Whether the group has been reported quiet: its spawner done and every thread of its
    // tasks finished with all it does for the pool (see taskOver).
    private final AtomicBoolean quiet = new AtomicBoolean();
    // Guarded by the pool's flush lock.
    private long forgotten;
    private volatile Thread spawner;
    private volatile boolean spawning = true;
    private volatile Throwable spawnFailure;

    TaskGroup(String name, GroupSpec spec, TaskRegistry registry) {
        this.name = name;
        this.registry = registry;
        this.functionName = spec.functionName();
        this.total = spec.total();
        // Not fair: the group's spawner is its only acquirer, so fairness would only cost.
        this.concurrency = spec.maxConcurrent() > 0 ? new Semaphore(spec.maxConcurrent()) : null;
        this.onEnd = spec.onEnd();
        this.onCancel = spec.onCancel();
        this.timeoutNanos = spec.timeout() == null ? 0 : spec.timeout().toNanos();
        this.decorator = spec.decorator();
    }

    /** The pool whose group this is. */
    TaskRegistry registry() {
        return registry;
    }

    /** What wraps each task's body, or {@code null}. */
    TaskDecorator decorator() {
        return decorator;
    }

    /** How long each task may run before it is interrupted, in nanoseconds; 0 for ever. */
    long timeoutNanos() {
        return timeoutNanos;
    }

    public String name() {
        return name;
    }

    public String functionName() {
        return functionName;
    }

    /** How many tasks the group will start in all, or {@link #UNKNOWN}. */
    public int total() {
        return total;
    }

    /**
     * Tasks of the group running now: those spawned less those done and those cancelled or
     * timed out whose body is not over yet. Never negative, and a task that stops running
     * during the call may still be counted. A task is counted as spawned before its thread
     * starts, so reading the others first never sees one leave that is not counted yet.
     */
    public int running() {
        // Done before pending: a cancelled task leaves pending before it counts as done, so
        // no task is subtracted twice.
        long done = cells.get(DONE);
        long pending = cells.get(CANCEL_PENDING);
        return (int) (cells.getAcquire(SPAWNED) - done - pending);
    }

    /** Tasks of the group whose body is over (ended, or cancelled and stopped). */
    public int done() {
        return (int) cells.get(DONE);
    }

    public int spawned() {
        return (int) cells.getAcquire(SPAWNED);
    }

    /** Whether the spawner may still start tasks. */
    public boolean isSpawning() {
        return spawning;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Whether the group's tasks have callbacks to run when they end. */
    boolean hasCallbacks() {
        return onEnd != null || onCancel != null;
    }

    /**
     * Whether the group has nothing left to start and every task of it has been forgotten;
     * called under the pool's flush lock.
     */
    boolean isForgettable() {
        // Spawning is read first: once it is over, the number spawned is final.
        return !spawning && cells.getAcquire(SPAWNED) == forgotten;
    }

    void resolveTotal(int total) {
        this.total = total;
    }

    Throwable spawnFailure() {
        return spawnFailure;
    }

    void clearSpawnFailure() {
        spawnFailure = null;
    }

    Semaphore concurrency() {
        return concurrency;
    }

    TaskCallback onEnd() {
        return onEnd;
    }

    TaskCallback onCancel() {
        return onCancel;
    }

    void attachSpawner(Thread thread) {
        spawner = thread;
    }

    /** Whether {@code thread} is this group's spawner, still at work. */
    boolean spawnsOn(Thread thread) {
        return spawning && spawner == thread;
    }

    /** The spawner has started every task that fitted at first: it now waits for room, or is done. */
    void firstRoundOver() {
        firstRound.countDown();
    }

    /**
     * Waits until {@link #firstRoundOver()}. An interrupt ends the wait early, the interrupt
     * status kept: the tasks still start in the background.
     */
    void awaitFirstRound() {
        try {
            firstRound.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts one task of a group with the given body, holding a pool permit for it or not,
     * and returns its ID; called under the group's lock.
     */
    @FunctionalInterface
    interface TaskStarter {
        long start(TaskGroup group, CheckedRunnable body, boolean holdsPermit);
    }

    /**
     * Starts a task with {@code body} unless the group was cancelled; {@code holdsPermit}
     * says whether the caller took a pool permit for it. The starter runs under
     * the group's lock and publishes the task in the pool's table before it returns, so a
     * concurrent cancellation either comes first (and nothing starts) or finds the new task
     * in the table.
     *
     * @return whether a task was started
     * @throws RuntimeException or Error as thrown by the starter, when nothing was started
     */
    boolean startIfActive(TaskStarter starter, CheckedRunnable body, boolean holdsPermit) {
        lock.lock();
        try {
            if (cancelled) {
                return false;
            }
            starter.start(this, body, holdsPermit);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the spawner: no task of this group starts after this returns. */
    void cancelSpawning() {
        lock.lock();
        try {
            cancelled = true;
        } finally {
            lock.unlock();
        }
        Thread thread = spawner;
        if (thread != null && spawning) {
            Interrupts.deliver(thread, () -> { });
        }
    }

    void spawnerFailed(Throwable error) {
        spawnFailure = error;
    }

    /**
     * The spawner has stopped for good.
     *
     * @return whether the group is quiet now (see {@link #taskThreadDone()}), reported once
     */
    boolean spawnerDone() {
        spawning = false;
        checkOver();
        return becameQuiet();
    }

    /**
     * The thread of a late task (see {@link #taskOver}) has finished what it does for the
     * pool, its callbacks included.
     *
     * @return whether this made the group quiet: its spawner has stopped and every thread it
     *         started has finished; of this, {@link #taskOver} and {@link #spawnerDone()},
     *         exactly one call returns {@code true}
     */
    boolean taskThreadDone() {
        cells.incrementAndGet(LATE_FINISHED);
        return becameQuiet();
    }

    /**
     * Whether the group is quiet now and nobody has reported it yet. Like checkOver,
     * whichever of the spawner's end and the last task's comes second sees the other; both
     * may, and the compare-and-set picks one.
     */
    private boolean becameQuiet() {
        return !spawning && finished() == cells.getAcquire(SPAWNED) && quiet.compareAndSet(false, true);
    }

    /**
     * Tasks whose thread has finished what it does for the pool: those done that are not
     * late, and the late ones that finished. Read so that it may fall short but never
     * overshoot while tasks end: a late task counts as late before it counts as done, and
     * as finished after both, so finished tasks are read first and late ones last.
     */
    private long finished() {
        long lateFinished = cells.get(LATE_FINISHED);
        long done = cells.get(DONE);
        return done - cells.get(LATE) + lateFinished;
    }

    /**
     * A task of the group is starting, before its thread starts: it counts as spawned and
     * running. Called by the spawner only, under the group's lock.
     */
    void taskStarting() {
        // Release suffices: only the spawner writes it, its thread's start orders it before
        // anything the task does, and the spawner's later write of spawning, a volatile one,
        // orders it before what the end of the group reads.
        cells.setRelease(SPAWNED, cells.getPlain(SPAWNED) + 1);
    }

    /** A running task of the group was cancelled or timed out: it no longer runs. */
    void taskLeftRunning() {
        cells.incrementAndGet(CANCEL_PENDING);
    }

    /**
     * A task of the group is over: frees its concurrency slot. A task is late if its thread
     * still has something to do for the pool after this (callbacks, listeners, a log line):
     * it then reports {@link #taskThreadDone()} when that is done, and the group is not quiet
     * before. A task that is not late is finished here, with one update.
     *
     * @param endedByItself whether its body ended by itself, rather than being cancelled or
     *                      timed out (it then stopped running when that happened)
     * @param late          whether its thread still works for the pool after this
     * @return whether this made the group quiet; see {@link #taskThreadDone()}
     */
    boolean taskOver(boolean endedByItself, boolean late) {
        if (!endedByItself) {
            cells.decrementAndGet(CANCEL_PENDING);
        }
        if (late) {
            cells.incrementAndGet(LATE);
        }
        cells.incrementAndGet(DONE);
        if (concurrency != null) {
            concurrency.release();
        }
        if (!spawning) {
            checkOver();
            return !late && becameQuiet();
        }
        return false;
    }

    // Spawning is written before done is read, and done before spawning is read: whichever of
    // the spawner's end and the last task's end comes second sees the other.
    private void checkOver() {
        if (!spawning && cells.get(DONE) == cells.getAcquire(SPAWNED)) {
            over.countDown();
        }
    }

    /** Whether the spawner has stopped and the body of every task it started is over. */
    public boolean isOver() {
        return over.getCount() == 0;
    }

    /**
     * Waits until the spawner has stopped and the body of every task it started is over.
     *
     * @return {@code false} if the time ran out first
     */
    public boolean awaitOver(long timeout, TimeUnit unit) throws InterruptedException {
        return over.await(timeout, unit);
    }

    /** A flush forgot a task of the group; called under the pool's flush lock. */
    void taskForgotten() {
        forgotten++;
    }
}
