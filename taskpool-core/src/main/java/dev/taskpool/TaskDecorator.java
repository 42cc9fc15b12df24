package dev.taskpool;

import dev.taskpool.function.CheckedRunnable;

/**
 * Wraps the body of every task of a pool: the place to set up a logging context (SLF4J's MDC),
 * a tracing span or a security context around each task, and to tear it down after.
 *
 * <p>Two moments matter. {@link #capture()} is called on the thread that asks for tasks
 * ({@code start}, {@code apply}, {@code map}, {@code submit}...), once per call, before the
 * call returns: it may read that thread's context and return a decorator that carries it.
 * {@link #decorate(Task, CheckedRunnable)} is then called on each task's own thread, just
 * before the body would run (never for a task cancelled before its body began), and the
 * body it returns runs in its place. The task's room, counters, timeout and callbacks are
 * the pool's as always; what the decorated body throws is what the task fails with.
 *
 * <pre>{@code
 * // The caller's MDC, plus the task's name, around every task.
 * TaskDecorator mdc = new TaskDecorator() {
 *     public TaskDecorator capture() {
 *         Map<String, String> caller = MDC.getCopyOfContextMap();
 *         return (task, body) -> () -> {
 *             if (caller != null) MDC.setContextMap(caller);
 *             MDC.put("task", task.threadName());
 *             try { body.run(); } finally { MDC.clear(); }
 *         };
 *     }
 *     public CheckedRunnable decorate(Task task, CheckedRunnable body) {
 *         return capture().decorate(task, body);
 *     }
 * };
 * TaskPool pool = TaskPool.builder().decorator(mdc).build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe: tasks of one call start on several threads.
 */
@FunctionalInterface
public interface TaskDecorator {

    /**
     * The task whose body is being decorated.
     *
     * @param pool  the pool's name
     * @param group the name of the task's group
     * @param id    the task's ID
     */
    record Task(String pool, String group, long id) {

        /**
         * The task's name, {@code <pool>_Task-<id>}, as logs and the control interface show it,
         * and as its thread is named unless the pool was built with {@code threadNames(false)}.
         */
        public String threadName() {
            return pool + "_Task-" + id;
        }
    }

    /**
     * Returns the body to run in place of {@code body}; called on the task's own thread.
     *
     * @param task which task it is
     * @param body the task's body; the result should run it once
     * @return the decorated body, not {@code null}
     */
    CheckedRunnable decorate(Task task, CheckedRunnable body);

    /**
     * Called on the thread that asks for tasks, once per call: returns the decorator for the
     * tasks of that call. The default returns this decorator; override it to carry the
     * caller's context (a copy of its MDC, its current span) to the tasks.
     */
    default TaskDecorator capture() {
        return this;
    }
}
