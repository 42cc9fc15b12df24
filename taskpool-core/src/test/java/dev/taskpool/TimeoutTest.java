package dev.taskpool;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A task may be given a timeout: at its deadline it is interrupted, and counts as timed out. */
class TimeoutTest {

    @Test
    void aTaskPastItsTimeoutIsInterruptedCountsAsTimedOutAndGetsItsEndCallback() {
        Gate gate = new Gate();
        List<String> callbacks = new CopyOnWriteArrayList<>();
        TaskPool pool = new TaskPool();

        pool.apply(gate.task(), 1, "g", id -> callbacks.add("end " + id), id -> callbacks.add("cancel " + id),
                Duration.ofMillis(20));

        await().until(() -> callbacks.size() == 1);
        assertThat(callbacks).containsExactly("end 0");
        assertThat(gate.interrupted).hasValue(1);
        assertThat(pool.tasks()).singleElement().extracting(TaskInfo::state).isEqualTo(TaskState.TIMED_OUT);
        PoolStats stats = pool.stats();
        assertThat(stats.timedOut()).isEqualTo(1);
        assertThat(stats.cancelledTotal()).isZero();
        assertThat(stats.running()).isZero();
        assertThat(stats.ended()).isEqualTo(1);
        assertThat(pool.flush(true)).as("a timeout is not a failure").isEmpty();
    }

    @Test
    void aTaskThatIgnoresItsTimeoutIsShownOverdueUntilItStops() throws Exception {
        CountDownLatch letGo = new CountDownLatch(1);
        TaskPool pool = new TaskPool();
        pool.apply(() -> {
            while (letGo.getCount() > 0) {
                try {
                    letGo.await();
                } catch (InterruptedException ignored) {
                    // Carries on past its deadline.
                }
            }
        }, 1, null, null, null, Duration.ofMillis(20));

        await().until(() -> pool.tasks().get(0).state() == TaskState.OVERDUE);
        assertThat(pool.numRunning()).isZero();
        assertThat(pool.numEnded()).isZero();
        assertThatThrownBy(() -> pool.cancel(0)).isInstanceOf(AlreadyEndedException.class)
                .hasMessageEndingWith("_Task-0 has timed out");
        letGo.countDown();
        await().until(() -> pool.tasks().get(0).state() == TaskState.TIMED_OUT);
        assertThat(pool.numEnded()).isEqualTo(1);
    }

    @Test
    void aTaskThatEndsInTimeIsNotTouched() throws Exception {
        TaskPool pool = new TaskPool();

        pool.apply(() -> { }, 3, null, null, null, Duration.ofMinutes(10));

        await().until(() -> pool.numEnded() == 3);
        assertThat(pool.tasks()).extracting(TaskInfo::state).containsOnly(TaskState.ENDED);
        assertThat(pool.stats().timedOut()).isZero();
        assertThat(pool.stats().completed()).isEqualTo(3);
    }

    @Test
    void aSimplePoolGivesItsTasksTheTimeoutOfItsBuilder() {
        Gate gate = new Gate();
        SimpleTaskPool pool = SimpleTaskPool.builder(gate.task()).timeout(Duration.ofMillis(20)).build();

        pool.start(2);

        await().until(() -> pool.stats().timedOut() == 2 && gate.interrupted.get() == 2);
        await().until(() -> pool.tasks().stream().allMatch(t -> t.state() == TaskState.TIMED_OUT));
    }

    @Test
    void aMapGivesEachOfItsTasksTheTimeout() {
        TaskPool pool = new TaskPool();
        List<Long> slow = List.of(1L, 2L, 3L);

        pool.map(item -> Thread.sleep(Long.MAX_VALUE), slow, 3, "m", null, null, Duration.ofMillis(20));

        await().until(() -> pool.stats().timedOut() == 3);
    }

    @Test
    void aTimeoutMustBePositive() {
        TaskPool pool = new TaskPool();

        assertThatThrownBy(() -> pool.apply(() -> { }, 1, null, null, null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be positive, got PT0S");
        assertThatThrownBy(() -> SimpleTaskPool.builder(() -> { }).timeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
