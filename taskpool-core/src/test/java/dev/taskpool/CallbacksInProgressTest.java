package dev.taskpool;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A callback that takes long, or never returns, is visible rather than silently holding a pool up. */
class CallbacksInProgressTest {

    @Test
    void aTaskWhoseEndCallbackRunsIsListedAndCountedAsSuch() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TaskPool pool = new TaskPool();
        pool.apply(() -> { }, 1, "g", id -> release.await(), null);

        await().until(() -> pool.stats().callbacks() == 1);

        assertThat(pool.tasks()).singleElement().satisfies(task -> {
            assertThat(task.state()).isEqualTo(TaskState.ENDED);
            assertThat(task.inCallback()).isTrue();
        });
        assertThat(pool.numEnded()).isEqualTo(1);
        release.countDown();
        await().until(() -> pool.stats().callbacks() == 0);
        assertThat(pool.tasks()).singleElement().extracting(TaskInfo::inCallback).isEqualTo(false);
    }

    @Test
    void flushKeepsATaskAndItsGroupUntilTheCallbacksHaveReturned() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TaskPool pool = new TaskPool();
        pool.apply(() -> { }, 1, "g", id -> release.await(), null);
        await().until(() -> pool.stats().callbacks() == 1);

        pool.flush();

        assertThat(pool.tasks()).hasSize(1);
        assertThat(pool.groups()).extracting(GroupInfo::name).containsExactly("g");
        release.countDown();
        await().until(() -> pool.stats().callbacks() == 0);
        pool.flush();
        assertThat(pool.tasks()).isEmpty();
        assertThat(pool.groups()).isEmpty();
    }

    @Test
    void gatherAndCloseWaitsForACallbackInProgressWhichStatsShows() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        SimpleTaskPool pool = SimpleTaskPool.builder(() -> Thread.sleep(Long.MAX_VALUE))
                .onCancel(id -> release.await()).build();
        pool.start(1);
        await().until(() -> pool.numRunning() == 1);
        pool.stopAll();
        AtomicReference<Throwable> closing = new AtomicReference<>();
        Thread closer = Thread.ofVirtual().start(() -> {
            try {
                pool.gatherAndClose();
            } catch (Throwable e) {
                closing.set(e);
            }
        });

        await().until(() -> pool.stats().callbacks() == 1 && pool.isLocked());
        assertThat(pool.isClosed()).isFalse();
        assertThat(pool.tasks()).singleElement().satisfies(task -> {
            assertThat(task.state()).isEqualTo(TaskState.CANCELLED);
            assertThat(task.inCallback()).isTrue();
        });

        release.countDown();
        assertThat(closer.join(Duration.ofSeconds(30))).isTrue();
        assertThat(closing.get()).isNull();
        assertThat(pool.isClosed()).isTrue();
    }
}
