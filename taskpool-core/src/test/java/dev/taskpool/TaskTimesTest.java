package dev.taskpool;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TaskTimesTest {

    @Test
    void eachEndingTaskIsTimedUnderItsOutcomeOnceTimingIsOn() throws Exception {
        TaskPool pool = new TaskPool();
        pool.apply(() -> { }, 2, "before");
        await().until(() -> pool.numEnded() == 2);
        pool.timeTasks();

        pool.apply(() -> Thread.sleep(20), 2, "completed");
        pool.apply(() -> {
            throw new IllegalStateException("planned");
        }, 1, "failed");
        Gate gate = new Gate();
        pool.apply(gate.task(), 1, "cancelled");
        await().until(() -> gate.started.get() == 1);
        pool.cancelGroup("cancelled");
        pool.apply(() -> Thread.sleep(60_000), 1, "timed", null, null, Duration.ofMillis(10));
        pool.gatherAndClose(true);

        assertThat(pool.timedTasks(TaskOutcome.COMPLETED)).isEqualTo(2);
        assertThat(pool.timedTasks(TaskOutcome.FAILED)).isEqualTo(1);
        assertThat(pool.timedTasks(TaskOutcome.CANCELLED)).isEqualTo(1);
        assertThat(pool.timedTasks(TaskOutcome.TIMED_OUT)).isEqualTo(1);
        assertThat(pool.taskNanos(TaskOutcome.COMPLETED)).isGreaterThanOrEqualTo(Duration.ofMillis(40).toNanos());
        assertThat(pool.taskNanos(TaskOutcome.TIMED_OUT)).isGreaterThanOrEqualTo(Duration.ofMillis(10).toNanos());
    }

    @Test
    void aPoolThatDoesNotTimeTasksCountsNone() throws Exception {
        TaskPool pool = new TaskPool();
        pool.apply(() -> { }, 3);
        pool.gatherAndClose();

        assertThat(pool.timedTasks(TaskOutcome.COMPLETED)).isZero();
        assertThat(pool.taskNanos(TaskOutcome.COMPLETED)).isZero();
    }
}
