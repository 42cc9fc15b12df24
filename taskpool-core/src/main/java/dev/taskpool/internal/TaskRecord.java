package dev.taskpool.internal;

import dev.taskpool.TaskDecorator;
import dev.taskpool.function.CheckedRunnable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * One task of a pool: its ID, group and thread, and two small state machines, one for its
 * outcome and one for its thread's progress.
 *
 * <pre>
 *   outcome:  RUNNING --(its body returns or throws)-------------------> ENDED
 *             RUNNING --(cancel)-----> CANCELLED --(its body is over)---> STOPPED
 *             RUNNING --(deadline)---> TIMING_OUT --(its body is over)--> TIMED_OUT
 *
 *   progress: UNCOUNTED -> STARTING -> IN_BODY -> SETTLED -> IN_CALLBACKS -> DONE
 * </pre>
 *
 * The ways out of RUNNING race, and exactly one wins (a compare-and-set), so a task is
 * counted as ended, cancelled or timed out, never two of them. A deadline takes the
 * cancellation's path (the same handshake below). Only the task's own thread moves
 * CANCELLED to STOPPED, TIMING_OUT to TIMED_OUT, and its progress along.
 *
 * <h2>Cancellation handshake</h2>
 * The canceller wins the compare-and-set, does its accounting, interrupts the thread if the
 * body may be running, and then marks the cancellation <em>settled</em>. A thread whose body
 * is over waits for that mark before it counts itself, clears its interrupt status and runs
 * callbacks, so that the canceller's accounting happens-before the callbacks and no
 * interrupt of the cancellation can arrive during them. No lock is involved: the canceller
 * never waits for the task, and the task waits only for a canceller that is past its
 * decision.
 *
 * <p>A record is published (findable by cancellers) a moment before the pool counts it as
 * running, so that anybody who sees it counted can also find it; a canceller that wins a
 * record in that moment waits for the count (UNCOUNTED to STARTING, a few instructions of
 * the starter's, no user code) before it does its own accounting.
 *
 * <p>The thread announces that it is about to run the body (IN_BODY) before it reads the
 * outcome, and the canceller reads the progress after its compare-and-set; so either the
 * thread sees CANCELLED and skips the body, or the canceller sees IN_BODY and interrupts it.
 *
 * <p>Thread-safe.
 */
public final class TaskRecord implements Runnable {

    /** Outcome: the task counts as running. */
    public static final int RUNNING = 0;
    /** Outcome: cancelled; its body may still be running. */
    public static final int CANCELLED = 1;
    /** Outcome: its body returned or threw without being cancelled. */
    public static final int ENDED = 2;
    /** Outcome: cancelled, and its body is over. */
    public static final int STOPPED = 3;
    /** Outcome: its deadline passed and it was interrupted; its body may still be running. */
    public static final int TIMING_OUT = 4;
    /** Outcome: timed out, and its body is over. */
    public static final int TIMED_OUT = 5;

    static final int UNCOUNTED = 0;
    static final int STARTING = 1;
    static final int IN_BODY = 2;
    static final int SETTLED = 3;
    static final int IN_CALLBACKS = 4;
    static final int DONE = 5;

    private static final int CANCEL_SETTLED = 1;
    private static final int AWAITING_CANCELLER = 2;

    // Its pool permit: none (started while the pool was unbounded), held, or given back.
    private static final int PERMIT_NONE = 0;
    private static final int PERMIT_HELD = 1;
    private static final int PERMIT_GONE = 2;

    private static final VarHandle OUTCOME;
    private static final VarHandle PROGRESS;
    private static final VarHandle THREAD;
    private static final VarHandle CANCEL;
    private static final VarHandle PERMIT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            OUTCOME = lookup.findVarHandle(TaskRecord.class, "outcome", int.class);
            PROGRESS = lookup.findVarHandle(TaskRecord.class, "progress", int.class);
            THREAD = lookup.findVarHandle(TaskRecord.class, "thread", Thread.class);
            CANCEL = lookup.findVarHandle(TaskRecord.class, "cancel", int.class);
            PERMIT = lookup.findVarHandle(TaskRecord.class, "permit", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long id;
    private final TaskGroup group;
    private final long startNanos;
    // No initializers: RUNNING and UNCOUNTED are the defaults, and writing them again would
    // cost every task two volatile stores.
    private volatile Thread thread;
    private volatile int outcome;
    private volatile int progress;
    private volatile int cancel;
    private volatile int permit;
    // Written before the outcome that publishes it (the compare-and-set, or STOPPED).
    private Throwable failure;
    // Written by the canceller that won the task, before it settles the cancellation.
    private volatile String cancelMessage;
    // What its thread runs; dropped once run, so that a map's element does not outlive its task.
    private CheckedRunnable body;

    TaskRecord(long id, TaskGroup group, long startNanos) {
        this(id, group, startNanos, null, true);
    }

    /**
     * The record of a task whose thread runs it ({@link #run()}): a record is its own thread's
     * runnable, so that a task costs one object of the pool's besides its thread.
     */
    TaskRecord(long id, TaskGroup group, long startNanos, CheckedRunnable body, boolean holdsPermit) {
        this.id = id;
        this.group = group;
        this.startNanos = startNanos;
        this.body = body;
        if (holdsPermit) {
            // Published with the record.
            PERMIT.set(this, PERMIT_HELD);
        }
    }

    /**
     * Charges a pool permit to a task that started without one, unless it has one or is
     * over; once at most, whoever asks.
     *
     * @return whether the permit was charged now: the caller takes it from the pool
     */
    boolean chargePermit() {
        return permit == PERMIT_NONE && PERMIT.compareAndSet(this, PERMIT_NONE, PERMIT_HELD);
    }

    /**
     * Called by the task's thread when it is over: gives up its claim to a permit.
     *
     * @return whether it held one, which the caller gives back to the pool
     */
    boolean returnPermit() {
        if (permit == PERMIT_NONE && PERMIT.compareAndSet(this, PERMIT_NONE, PERMIT_GONE)) {
            return false;
        }
        // Held, from its start or charged since: nobody else changes it any more.
        PERMIT.setRelease(this, PERMIT_GONE);
        return true;
    }

    /**
     * Runs the task, on the calling thread, with {@code failure} as its body: for a task whose
     * thread could not start, so that its room, counts and callbacks are settled as for any
     * failure.
     */
    void runInstead(CheckedRunnable failure) {
        body = failure;
        run();
    }

    /**
     * What the task's thread does, from its body to its last callback; see {@link TaskRun}.
     * The body runs right in this frame: a sleeping task's stack is kept on the heap, and
     * every frame below its body is paid for by every task.
     */
    @Override
    public void run() {
        CheckedRunnable work = body;
        body = null;
        // The pool is looked up again after the body rather than kept in a local: only what
        // is live across the body's call takes room in a sleeping task's frame.
        ScheduledFuture<?> deadline = TaskRun.begin(this, group.registry());
        Throwable error = null;
        try {
            if (enterBody()) {
                TaskDecorator decorator = group.decorator();
                if (decorator == null) {
                    work.run();
                } else {
                    TaskRun.decorated(this, work, group.registry(), decorator).run();
                }
            }
        } catch (Throwable e) {
            error = e;
        }
        TaskRun.finish(this, group.registry(), deadline, error);
    }

    public long id() {
        return id;
    }

    public TaskGroup group() {
        return group;
    }

    /** {@link System#nanoTime()} when the task was started. */
    public long startNanos() {
        return startNanos;
    }

    /** One of {@link #RUNNING}, {@link #CANCELLED}, {@link #ENDED}, {@link #STOPPED}, {@link #TIMING_OUT}, {@link #TIMED_OUT}. */
    public int outcome() {
        return outcome;
    }

    /** Whether the task's callbacks are running now. */
    public boolean inCallbacks() {
        return progress == IN_CALLBACKS;
    }

    /**
     * What the body threw, if that counts as a failure; {@code null} otherwise. Read it after
     * {@link #outcome()} has shown ENDED or STOPPED.
     */
    public Throwable failure() {
        return failure;
    }

    /** The message its cancellation gave, if any; {@code null} otherwise. */
    public String cancelMessage() {
        return cancelMessage;
    }

    /** The task's thread while its body runs; {@code null} before and after. */
    Thread bodyThread() {
        Thread current = thread;
        return progress == IN_BODY && !isOver() ? current : null;
    }

    /** Whether {@code thread} is the task's own thread, its body or callbacks not over yet. */
    boolean runsOn(Thread thread) {
        return thread != null && this.thread == thread;
    }

    int progress() {
        return progress;
    }

    /** Called by the starter before it publishes the record, which makes the thread visible. */
    void attach(Thread thread) {
        THREAD.set(this, thread);
    }

    /** Called by the starter once the pool counts the task as running, before its thread starts. */
    void markCounted() {
        // Release suffices here and in the other steps but enterBody: a reader waits for
        // the step and then reads what came before it, with no write of its own to order.
        PROGRESS.setRelease(this, STARTING);
    }

    /** Waits until the starter has counted the task; a matter of a few instructions. */
    void awaitCounted() {
        awaitProgress(STARTING);
    }

    /**
     * Waits until the task's own thread has counted its final outcome, a few instructions
     * after {@link #isOver()} became true, with no user code in between.
     */
    void awaitOutcomeCounted() {
        awaitProgress(SETTLED);
    }

    private void awaitProgress(int atLeast) {
        for (int spins = 0; progress < atLeast; spins++) {
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    // ---------------------------------------------------------------- the canceller's side

    /** Moves a running task to TIMING_OUT; the caller then proceeds as a canceller. */
    boolean markTimedOut() {
        return OUTCOME.compareAndSet(this, RUNNING, TIMING_OUT);
    }

    /**
     * Moves a running task to CANCELLED, keeping the message. The caller must then do its
     * accounting and call {@link #interruptAndSettle()}.
     *
     * @return {@code false} if the task was no longer running
     */
    boolean markCancelled(String message) {
        if (!OUTCOME.compareAndSet(this, RUNNING, CANCELLED)) {
            return false;
        }
        if (message != null) {
            cancelMessage = message;
        }
        return true;
    }

    /**
     * Interrupts the task's thread if its body may be running, without ever waiting for the
     * thread, then settles the cancellation so that the thread may finish.
     */
    void interruptAndSettle() {
        Thread target = thread;
        if (target != null && progress == IN_BODY) {
            Interrupts.deliver(target, this::settle);
        } else {
            settle();
        }
    }

    private void settle() {
        int before = (int) CANCEL.getAndBitwiseOr(this, CANCEL_SETTLED);
        if ((before & AWAITING_CANCELLER) != 0) {
            LockSupport.unpark(thread);
        }
    }

    // ---------------------------------------------------------------- the task thread's side

    /**
     * Called by the task's thread before its body: whether to run it. A task cancelled
     * before this point never runs its body.
     */
    boolean enterBody() {
        PROGRESS.setVolatile(this, IN_BODY);
        return outcome == RUNNING;
    }

    /**
     * Called by the task's thread when its body is over: settles the outcome. An error is
     * recorded first, so that nobody sees the task ended before its failure is known.
     *
     * @param error what the body threw, or {@code null}
     * @return {@code true} if the task ended, {@code false} if it had been cancelled; in
     *         that case the canceller has settled when this returns
     */
    boolean settleEnded(Throwable error) {
        if (error != null) {
            failure = error;
        }
        if (OUTCOME.compareAndSet(this, RUNNING, ENDED)) {
            return true;
        }
        awaitCanceller();
        return false;
    }

    private void awaitCanceller() {
        if ((cancel & CANCEL_SETTLED) != 0) {
            return;
        }
        int before = (int) CANCEL.getAndBitwiseOr(this, AWAITING_CANCELLER);
        while ((before & CANCEL_SETTLED) == 0 && (cancel & CANCEL_SETTLED) == 0) {
            // The interrupt being delivered would end the park at once: clear it and wait on.
            Thread.interrupted();
            LockSupport.park(this);
        }
    }

    /**
     * Called by the task's thread after a cancellation or deadline settled: the body is over.
     *
     * @param keepFailure whether the body's error is a failure of its own rather than its
     *                    reaction to the interrupt
     * @return the final outcome, {@link #STOPPED} or {@link #TIMED_OUT}
     */
    int markStopped(boolean keepFailure) {
        if (!keepFailure) {
            failure = null;
        }
        int stopped = outcome == TIMING_OUT ? TIMED_OUT : STOPPED;
        OUTCOME.setRelease(this, stopped);
        return stopped;
    }

    /** Called by the task's thread once the outcome is counted: the task may be forgotten. */
    void markSettled() {
        PROGRESS.setRelease(this, SETTLED);
    }

    void markInCallbacks() {
        PROGRESS.setRelease(this, IN_CALLBACKS);
    }

    /** Called by the task's thread last of all; lets the thread go. */
    void markDone() {
        THREAD.setRelease(this, null);
        PROGRESS.setRelease(this, DONE);
    }

    /**
     * Whether a flush may forget the task: its outcome is final and counted, and its
     * callbacks, if it has any, have returned.
     */
    boolean isForgettable() {
        int state = progress;
        return state == DONE || (state == SETTLED && !group.hasCallbacks());
    }

    /** Whether the outcome is final (ENDED, STOPPED or TIMED_OUT), though perhaps not counted yet. */
    public boolean isOver() {
        int state = outcome;
        return state == ENDED || state == STOPPED || state == TIMED_OUT;
    }
}
