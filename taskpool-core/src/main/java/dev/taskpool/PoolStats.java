package dev.taskpool;

/**
 * A snapshot of a pool's counters, as returned by {@link BaseTaskPool#stats()}. Each counter
 * is exact at some instant of the call and never negative. They are read one after another
 * while tasks come and go, and a task passing from one counter to another (from running to
 * ended, say) leaves the first before it joins the second: under load two counters may miss
 * a task in passing, but never count it twice. Once the pool is quiet,
 * {@code started == running + cancelled + ended + forgotten}, where forgotten tasks are those
 * removed by flushes.
 *
 * @param pool      the pool's display name
 * @param poolSize  the pool size, {@link BaseTaskPool#UNBOUNDED} when unbounded
 * @param running   tasks running now
 * @param queued    tasks waiting to be started by spawning groups of known size
 * @param cancelled cancelled tasks not yet flushed
 * @param ended     ended tasks (failed ones included) not yet flushed
 * @param failed    failed tasks not yet flushed
 * @param started   tasks started since the pool was created
 * @param callbacks tasks whose end or cancel callbacks are running now; such tasks are kept,
 *                  and {@link BaseTaskPool#gatherAndClose()} waits, until they return
 * @param groups    groups known to the pool
 * @param locked    whether the pool refuses new starts
 * @param closed    whether the pool has been closed
 */
public record PoolStats(String pool, int poolSize, int running, int queued, int cancelled,
                        int ended, int failed, int started, int callbacks, int groups, boolean locked,
                        boolean closed) {
}
