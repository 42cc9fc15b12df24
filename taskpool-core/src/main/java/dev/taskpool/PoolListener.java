package dev.taskpool;

import java.time.Duration;

/**
 * Hears what happens in a pool as it happens: the hook for alarms, metrics and audits, so
 * that nothing has to poll. Register one with {@link BaseTaskPool#addListener}.
 *
 * <p>Every method has an empty default, so a listener implements only what it needs. Calls
 * are made outside every lock of the pool: task events on the task's own thread (before its
 * body; after its outcome is counted and before its callbacks), pool events on the thread
 * that changed the pool, after the change. A listener must be thread-safe and quick; an
 * exception it throws is logged and otherwise ignored.
 */
public interface PoolListener {

    /**
     * A task has started: its thread is about to run its body (unless the task was
     * cancelled before).
     *
     * @param pool   the pool's name
     * @param taskId the task's ID
     * @param group  the name of its group
     */
    default void taskStarted(String pool, long taskId, String group) {
    }

    /**
     * A task is over, its outcome counted; its callbacks come next.
     *
     * @param pool     the pool's name
     * @param taskId   the task's ID
     * @param group    the name of its group
     * @param outcome  how it ended
     * @param duration from its start until now
     */
    default void taskEnded(String pool, long taskId, String group, TaskOutcome outcome, Duration duration) {
    }

    /**
     * The pool size was changed.
     *
     * @param pool    the pool's name
     * @param oldSize the size before, {@link BaseTaskPool#UNBOUNDED} for none
     * @param newSize the size now
     */
    default void poolResized(String pool, int oldSize, int newSize) {
    }

    /** The pool was locked. */
    default void poolLocked(String pool) {
    }

    /** The pool was unlocked. */
    default void poolUnlocked(String pool) {
    }
}
