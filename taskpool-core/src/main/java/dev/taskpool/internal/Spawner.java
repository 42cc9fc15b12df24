package dev.taskpool.internal;

import dev.taskpool.function.CheckedRunnable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Iterator;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The loop a group's spawner thread runs: wait for room, take the next piece of work from
 * the group's input, start its task; until the input is exhausted or the group cancelled.
 *
 * <p>Room comes first: the group's own concurrency slot, then a pool permit, and only then
 * is the input asked for an element, so that an element is never taken from the input
 * (a queue, say) while its task could not start, and a cancelled group leaves its next
 * elements in the input. While the input blocks, the group holds the room of the task it
 * will start.
 *
 * <p>Runs on one thread; not thread-safe.
 */
final class Spawner implements Runnable {

    private static final Logger log = LoggerFactory.getLogger("dev.taskpool");

    private final String poolName;
    private final TaskGroup group;
    private final Iterator<? extends CheckedRunnable> work;
    private final PoolPermits permits;
    private final TaskGroup.TaskStarter starter;
    private final Runnable whenQuiet;

    Spawner(String poolName, TaskGroup group, Iterator<? extends CheckedRunnable> work,
            PoolPermits permits, TaskGroup.TaskStarter starter, Runnable whenQuiet) {
        this.poolName = poolName;
        this.group = group;
        this.work = work;
        this.permits = permits;
        this.starter = starter;
        this.whenQuiet = whenQuiet;
    }

    @Override
    public void run() {
        try {
            if (work instanceof MappedWork<?> mapped) {
                group.resolveTotal(mapped.knownSize());
            }
            while (!group.isCancelled() && startNext()) {
                // Each round starts one task.
            }
        } catch (InterruptedException e) {
            log.debug("Spawner of group {} in {} stopped", group.name(), poolName);
        } catch (Throwable e) {
            if (group.isCancelled() && Interrupts.isInterruption(e)) {
                log.debug("Input of group {} in {} stopped on cancellation", group.name(), poolName);
            } else {
                group.spawnerFailed(e);
                log.error("Spawner of group {} in {} failed; no more tasks of the group will start",
                        group.name(), poolName, e);
            }
        } finally {
            boolean quiet = group.spawnerDone();
            group.firstRoundOver();
            if (quiet) {
                whenQuiet.run();
            }
        }
    }

    /** Waits for room, then starts the next task; {@code false} when there is nothing more to start. */
    private boolean startNext() throws InterruptedException {
        Semaphore concurrency = group.concurrency();
        if (concurrency != null && !concurrency.tryAcquire()) {
            group.firstRoundOver();
            concurrency.acquire();
        }
        boolean handedOver = false;
        try {
            // An unbounded pool hands out no permits; see PoolPermits.
            boolean permit = permits.isBounded();
            // A timed try keeps the pool's permits fair to groups already waiting.
            if (permit && !permits.tryAcquire(0, TimeUnit.NANOSECONDS)) {
                group.firstRoundOver();
                permits.acquire();
            }
            try {
                if (group.isCancelled() || !work.hasNext()) {
                    return false;
                }
                CheckedRunnable body = work.next();
                handedOver = group.startIfActive(starter, body, permit);
                if (!handedOver) {
                    dropped();
                }
                return handedOver;
            } finally {
                if (!handedOver && permit) {
                    permits.release();
                }
            }
        } finally {
            if (!handedOver && concurrency != null) {
                concurrency.release();
            }
        }
    }

    private void dropped() {
        if (work instanceof MappedWork<?>) {
            log.warn("Group {} in {} was cancelled while its input was producing an element;"
                    + " that element was taken from the input and not run", group.name(), poolName);
        }
    }
}
