package dev.taskpool.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One task of a pool: its ID, group, thread and a three-state machine.
 *
 * <pre>
 *   RUNNING --(its body returns or throws)--> ENDED
 *   RUNNING --(cancel: interrupt)-----------> CANCELLED
 * </pre>
 *
 * The two transitions race, and exactly one wins (a compare-and-set), so a task is counted
 * either as ended or as cancelled, never both. A cancelled task whose body ignores the
 * interrupt keeps its thread until the body really returns; {@link #isFinished()} tells when
 * that has happened.
 *
 * <p>Thread-safe. The interrupt is delivered inside this record's monitor, and the task's
 * own thread takes the same monitor to settle its final state, so once it has, no interrupt
 * of the cancellation can still arrive and the thread can clear its status for good before
 * running callbacks.
 */
public final class TaskRecord {

    public static final int RUNNING = 0;
    public static final int CANCELLED = 1;
    public static final int ENDED = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(TaskRecord.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int id;
    private final TaskGroup group;
    private final long startNanos;
    private Thread thread; // guarded by this once attached
    private volatile int state = RUNNING;
    private volatile boolean finished;
    private volatile Throwable failure;

    TaskRecord(int id, TaskGroup group, long startNanos) {
        this.id = id;
        this.group = group;
        this.startNanos = startNanos;
    }

    public int id() {
        return id;
    }

    public TaskGroup group() {
        return group;
    }

    /** {@link System#nanoTime()} when the task was started. */
    public long startNanos() {
        return startNanos;
    }

    public int state() {
        return state;
    }

    /** Whether the task's thread has finished its body (and its callbacks are due or done). */
    public boolean isFinished() {
        return finished;
    }

    /** What the body threw, if it failed; {@code null} otherwise. */
    public Throwable failure() {
        return failure;
    }

    void attach(Thread thread) {
        this.thread = thread;
    }

    /**
     * Moves a running task to CANCELLED and interrupts its thread.
     *
     * @return {@code false} if the task was no longer running
     */
    boolean cancel() {
        synchronized (this) {
            if (!STATE.compareAndSet(this, RUNNING, CANCELLED)) {
                return false;
            }
            // A thread not started yet ignores the interrupt; it then sees CANCELLED
            // before running the body and skips it.
            thread.interrupt();
        }
        return true;
    }

    /**
     * Called by the task's own thread when its body is over: settles the final state. The
     * thread is let go here, in the same monitor: a finished record is kept until a flush and
     * must not keep its thread reachable meanwhile (a map over a million elements keeps a
     * million records), and no cancel can need it once the state is settled.
     *
     * @return {@code true} if the task ended, {@code false} if it had been cancelled
     */
    boolean settleEnded() {
        synchronized (this) {
            thread = null;
            return STATE.compareAndSet(this, RUNNING, ENDED);
        }
    }

    void fail(Throwable error) {
        failure = error;
    }

    void markFinished() {
        finished = true;
    }
}
