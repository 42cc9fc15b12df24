package dev.taskpool;

/**
 * A snapshot of a pool's counters, as returned by {@link BaseTaskPool#stats()}. Each counter
 * is exact at some instant of the call and never negative. They are read one after another
 * while tasks come and go, and a task passing from one counter to another (from running to
 * ended, say) leaves the first before it joins the second: under load two counters may miss
 * a task in passing, but never count it twice. Once the pool is quiet,
 * {@code started == running + cancelled + ended + forgotten}, where forgotten tasks are those
 * removed by flushes (and tasks timed out but not stopped yet, which count in none). The last
 * five counters are totals since the pool was created: flushing
 * leaves them alone, and they never go down.
 *
 * @param pool           the pool's display name
 * @param poolSize       the pool size, {@link BaseTaskPool#UNBOUNDED} when unbounded
 * @param running        tasks running now, as {@link BaseTaskPool#numRunning()}
 * @param queued         tasks waiting to be started by spawning groups of known size
 * @param cancelled      tasks cancelled and not yet ended, as {@link BaseTaskPool#numCancelled()}
 * @param ended          tasks ended since the last flush, as {@link BaseTaskPool#numEnded()}
 * @param callbacks      tasks whose end or cancel callbacks are running now; such tasks are
 *                       kept, and {@link BaseTaskPool#gatherAndClose()} waits, until they return
 * @param groups         groups the pool lists (cancelled ones until a flush forgets them)
 * @param locked         whether the pool refuses new starts
 * @param closed         whether the pool has been closed
 * @param started        tasks started since the pool was created
 * @param completed      tasks whose body returned, uncancelled, since the pool was created
 * @param failed         tasks whose body failed since the pool was created (a cancelled task
 *                       failing on its own as it stops included)
 * @param cancelledTotal tasks cancelled since the pool was created
 * @param timedOut       tasks whose timeout passed since the pool was created
 */
public record PoolStats(String pool, int poolSize, int running, int queued, int cancelled, int ended,
                        int callbacks, int groups, boolean locked, boolean closed, long started,
                        long completed, long failed, long cancelledTotal, long timedOut) {
}
