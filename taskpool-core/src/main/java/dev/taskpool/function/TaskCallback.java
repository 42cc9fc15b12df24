package dev.taskpool.function;

/**
 * Called with a task's ID when the task ends ({@code onEnd}) or when a cancelled task
 * has stopped ({@code onCancel}).
 *
 * <p>Callbacks run on the task's own virtual thread after its body has returned, never
 * under a lock of the pool, with the thread's interrupt status cleared. Each is called
 * exactly once per task: a cancelled task gets its cancel callback and then its end
 * callback. An exception thrown by a callback is logged and otherwise ignored.
 */
@FunctionalInterface
public interface TaskCallback {

    /**
     * Reacts to the event.
     *
     * @param taskId the ID of the task, unique within its pool (IDs count from 0 and never
     *               wrap, hence a {@code long})
     * @throws Exception logged with the task's name, otherwise ignored
     */
    void accept(long taskId) throws Exception;
}
