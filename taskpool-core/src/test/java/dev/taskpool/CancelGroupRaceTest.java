package dev.taskpool;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Races between room freeing up in a full pool and the cancellation of a group waiting for
 * that room, run many times: whatever the interleaving, no task of the group may start
 * after {@code cancelGroup} returns.
 */
class CancelGroupRaceTest {

    @RepeatedTest(300)
    @Timeout(30)
    void noQueuedTaskStartsOnceCancelGroupHasReturned() throws Exception {
        Gate holder = new Gate();
        TaskPool pool = new TaskPool(1);
        pool.apply(holder.task(), 1, "holder");
        await().until(() -> holder.started.get() == 1);
        // Each queued task sleeps until interrupted: one that the cancellation did not reach,
        // because it started afterwards, would never end by itself.
        pool.apply(() -> Thread.sleep(Long.MAX_VALUE), 20, "queued");
        CyclicBarrier start = new CyclicBarrier(2);

        Thread freer = Thread.ofPlatform().start(() -> {
            meet(start);
            holder.open();
        });
        meet(start);
        pool.cancelGroup("queued");
        assertThat(freer.join(Duration.ofSeconds(10))).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> pool.groups().stream()
                .noneMatch(g -> g.name().equals("queued") && g.spawning())
                && pool.tasks().stream().filter(t -> t.group().equals("queued"))
                        .allMatch(t -> t.state() == TaskState.CANCELLED));
        assertThat(pool.stats().started())
                .isEqualTo(1 + pool.tasks().stream().filter(t -> t.group().equals("queued")).count());
        pool.gatherAndClose();
    }

    private static void meet(CyclicBarrier barrier) {
        try {
            barrier.await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
