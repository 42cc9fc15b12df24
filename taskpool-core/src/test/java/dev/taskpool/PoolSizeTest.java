package dev.taskpool;

import org.junit.jupiter.api.Test;

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
