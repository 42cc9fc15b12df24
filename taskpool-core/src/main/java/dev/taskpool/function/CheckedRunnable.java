package dev.taskpool.function;

/**
 * A task body that takes no argument and may throw checked exceptions, so that plain
 * lambdas such as {@code () -> Thread.sleep(10)} can be handed to a pool.
 *
 * <p>A task is cancelled by interrupting its thread: a well-behaved body lets
 * {@link InterruptedException} propagate (or returns promptly when it sees its interrupt
 * status set).
 */
@FunctionalInterface
public interface CheckedRunnable {

    /**
     * Runs the task.
     *
     * @throws Exception anything the task fails with; the pool logs it and keeps it for
     *                   {@code flush} and {@code gatherAndClose}
     */
    void run() throws Exception;
}
