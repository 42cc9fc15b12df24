package dev.taskpool.function;

/**
 * A task body that takes one argument and may throw checked exceptions; what
 * {@code TaskPool.map} applies to every element of its input.
 *
 * @param <T> the argument type
 */
@FunctionalInterface
public interface CheckedConsumer<T> {

    /**
     * Runs the task for one argument.
     *
     * @param argument one element of the mapped input
     * @throws Exception anything the task fails with; the pool logs it and keeps it
     */
    void accept(T argument) throws Exception;
}
