/**
 * Pools of concurrent tasks on virtual threads that can be reshaped while they run.
 *
 * <ul>
 *   <li>{@link dev.taskpool.SimpleTaskPool}: many copies of one task, scaled with
 *       {@code start(n)}, {@code stop(n)} and {@code stopAll()}.</li>
 *   <li>{@link dev.taskpool.TaskPool}: any tasks in named groups, with {@code apply},
 *       {@code map}, {@code starmap} and {@code doublestarmap}.</li>
 *   <li>{@link dev.taskpool.BaseTaskPool}: what both share (pool size, lock, counters,
 *       cancellation, flush, close) and the concurrency contracts.</li>
 *   <li>{@link dev.taskpool.TaskFunction}: a function that declares its parameters, for named
 *       arguments and for the control interface.</li>
 * </ul>
 *
 * Task bodies and callbacks are the functional interfaces of {@code dev.taskpool.function};
 * {@code dev.taskpool.jmx} exposes pools to JMX tools. Nothing in {@code dev.taskpool.internal}
 * is API.
 */
package dev.taskpool;
