/**
 * The functional interfaces pools accept: task bodies that may throw checked exceptions
 * ({@link dev.taskpool.function.CheckedRunnable}, {@link dev.taskpool.function.CheckedConsumer})
 * and per-task callbacks ({@link dev.taskpool.function.TaskCallback}).
 */
package dev.taskpool.function;
