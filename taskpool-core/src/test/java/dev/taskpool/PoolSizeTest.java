package dev.taskpool;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class PoolSizeTest {

    @Test
    void poolsAreUnboundedByDefault() {
        assertThat(new TaskPool().poolSize()).isEqualTo(BaseTaskPool.UNBOUNDED);
        assertThat(new SimpleTaskPool(() -> { }).poolSize()).isEqualTo(BaseTaskPool.UNBOUNDED);
    }

    @Test
    void raisingThePoolSizeStartsWaitingTasksAtOnce() {
        Gate gate = new Gate();
        SimpleTaskPool pool = new SimpleTaskPool(gate.task(), 2);
        pool.start(5);
        await().until(() -> pool.numRunning() == 2);

        pool.setPoolSize(4);

        await().until(() -> pool.numRunning() == 4);
        assertThat(pool.poolSize()).isEqualTo(4);
        pool.setPoolSize(BaseTaskPool.UNBOUNDED);
        await().until(() -> pool.numRunning() == 5);
        gate.open();
    }

    @Test
    void loweringThePoolSizeNeverCancelsRunningTasks() {
        Gate gate = new Gate();
        SimpleTaskPool pool = new SimpleTaskPool(gate.task());
        pool.start(4);
        await().until(() -> pool.numRunning() == 4);

        pool.setPoolSize(1);

        assertThat(pool.numRunning()).isEqualTo(4);
        assertThat(pool.numCancelled()).isZero();
        assertThat(pool.isFull()).isTrue();
        gate.open();
    }

    @Test
    void boundingAnUnboundedPoolChargesTheTasksItRunsAlready() {
        // An unbounded pool starts tasks without permits; bounding it must count them all.
        Gate first = new Gate();
        Gate second = new Gate();
        TaskPool pool = new TaskPool();
        // Tasks that end while the pool is unbounded give back no permit they never took.
        pool.apply(() -> { }, 2, "quick");
        await().until(() -> pool.numEnded() == 2);
        pool.apply(first.task(), 5, "first");
        await().until(() -> pool.numRunning() == 5);
        pool.setPoolSize(3);

        pool.apply(second.task(), 1, "second");
        assertThat(pool.isFull()).isTrue();
        pool.cancel(2, 3);
        await().until(() -> first.interrupted.get() == 2);
        // Three of the first group still run: the pool is full at 3.
        assertThat(second.started).hasValue(0);
        pool.cancel(4);

        await().until(() -> second.started.get() == 1);
        assertThat(pool.numRunning()).isEqualTo(3);
        first.open();
        second.open();
        await().until(() -> pool.numRunning() == 0);
        // Every permit came back: three tasks fit again, and a fourth waits.
        Gate third = new Gate();
        pool.apply(third.task(), 4, "third");
        await().until(() -> third.started.get() == 3);
        assertThat(pool.numRunning()).isEqualTo(3);
        third.open();
        await().until(() -> third.finished.get() == 4);
    }

    @Test
    void tasksThatRanWhileThePoolWasUnboundedGiveBackNoPermit() {
        Gate held = new Gate();
        Gate later = new Gate();
        TaskPool pool = new TaskPool(2);
        pool.apply(held.task(), 2, "held");
        await().until(() -> held.started.get() == 2);
        pool.setPoolSize(BaseTaskPool.UNBOUNDED);
        pool.apply(() -> { }, 2, "unbounded");
        await().until(() -> pool.numEnded() == 2);

        pool.setPoolSize(3);
        pool.apply(later.task(), 3, "later");

        // The two held tasks still hold their permits: one more fits, not three.
        await().until(() -> later.started.get() == 1);
        await().during(Duration.ofMillis(100)).until(() -> later.started.get() == 1);
        held.open();
        await().until(() -> later.started.get() == 3);
        later.open();
    }

    @RepeatedTest(10)
    void boundingAnUnboundedPoolWhileItStartsTasksStopsItsStarts() {
        // The spawner starts tasks without permits as fast as it can while the pool is bounded:
        // those already published are charged by the resize, the one being published by the
        // spawner itself, so no more start until enough have ended.
        Gate gate = new Gate();
        TaskPool pool = new TaskPool();
        int items = 20_000;
        pool.map(item -> gate.task().run(), IntStream.range(0, items).boxed().toList(), items, "fast");
        await().until(() -> pool.stats().started() >= 200);

        pool.setPoolSize(4);

        long startedThen = pool.stats().started();
        assertThat(pool.isFull()).isTrue();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5))
                .until(() -> pool.stats().started() <= startedThen + 1);
        long started = pool.stats().started();
        assertThat(pool.numRunning()).isEqualTo((int) started);
        gate.open();
        await().until(() -> gate.finished.get() == items);
        assertThat(pool.numRunning()).isZero();
    }

    @Test
    void afterLoweringNewTasksWaitUntilEnoughHaveEnded() {
        Gate first = new Gate();
        Gate second = new Gate();
        TaskPool pool = new TaskPool();
        pool.apply(first.task(), 3, "first");
        await().until(() -> pool.numRunning() == 3);
        pool.setPoolSize(2);

        pool.apply(second.task(), 1, "second");
        pool.cancel(0);
        await().until(() -> first.interrupted.get() == 1);
        // Two of the first group still run: the pool is full at 2.
        assertThat(second.started).hasValue(0);
        pool.cancel(1);

        await().until(() -> second.started.get() == 1);
        first.open();
        second.open();
    }

    @Test
    void aPoolOfSizeZeroStartsNothingUntilItGrows() {
        Gate gate = new Gate();
        SimpleTaskPool pool = new SimpleTaskPool(gate.task(), 0);
        pool.start(1);

        assertThat(pool.isFull()).isTrue();
        assertThat(pool.numRunning()).isZero();
        pool.setPoolSize(1);

        await().until(() -> gate.started.get() == 1);
        gate.open();
    }

    @Test
    void negativeSizesAreRefused() {
        TaskPool pool = new TaskPool();

        assertThatThrownBy(() -> pool.setPoolSize(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pool size must be 0 or more, got -1");
        assertThatThrownBy(() -> new TaskPool(-3)).isInstanceOf(IllegalArgumentException.class);
    }
}
