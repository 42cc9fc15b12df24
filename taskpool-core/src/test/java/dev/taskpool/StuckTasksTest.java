package dev.taskpool;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Finding the tasks that run long, and seeing what one of them is doing. */
class StuckTasksTest {

    @Test
    void theStackOfARunningTaskShowsWhereItWaits() {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool();
        pool.apply(gate.task(), 1);
        await().until(() -> gate.started.get() == 1);

        await().until(() -> pool.stack(0).stream().anyMatch(f -> f.getMethodName().equals("await")
                && f.getClassName().equals("java.util.concurrent.CountDownLatch")));
        List<StackTraceElement> frames = pool.stack(0);
        assertThat(frames.get(frames.size() - 1).getClassName()).as("outermost frame last").startsWith("java.lang");
        gate.open();
    }

    @Test
    void aTaskThatIsNotRunningHasNoStack() {
        TaskPool pool = new TaskPool(1, "p");
        pool.apply(() -> { }, 1);
        await().until(() -> pool.numEnded() == 1);

        assertThatThrownBy(() -> pool.stack(0)).isInstanceOf(AlreadyEndedException.class)
                .hasMessage("p_Task-0 is not running its body");
        assertThatThrownBy(() -> pool.stack(7)).isInstanceOf(UnknownTaskException.class);
    }

    @Test
    void olderThanListsOnlyTheLongRunnersStillRunning() {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool();
        pool.apply(() -> { }, 1, "quick");
        pool.apply(gate.task(), 2, "slow");
        await().until(() -> pool.numEnded() == 1 && gate.started.get() == 2);
        await().until(() -> pool.tasks().stream().allMatch(t -> t.age().toMillis() >= 30));

        assertThat(pool.tasks(100, Duration.ofMillis(30))).extracting(TaskInfo::group).containsOnly("slow").hasSize(2);
        assertThat(pool.tasks(1, Duration.ofMillis(30))).extracting(TaskInfo::id).containsExactly(2L);
        assertThat(pool.tasks(100, Duration.ofDays(1))).isEmpty();
        gate.open();
    }
}
