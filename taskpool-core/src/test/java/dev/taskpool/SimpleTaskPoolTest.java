package dev.taskpool;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SimpleTaskPoolTest {

    @Test
    void startReturnsANewGroupNameEachTime() {
        Gate gate = new Gate();
        SimpleTaskPool pool = new SimpleTaskPool(gate.task());

        assertThat(pool.start(2)).isEqualTo("start-group-0");
        assertThat(pool.start(1)).isEqualTo("start-group-1");

        await().until(() -> pool.numRunning() == 3);
        pool.stopAll();
    }

    @Test
    void taskIdsCountFromZeroAndThreadsAreNamedAfterPoolAndId() {
        Gate gate = new Gate();
        SimpleTaskPool pool = SimpleTaskPool.builder(gate.task()).name("workers").build();

        pool.start(3);

        await().until(() -> gate.started.get() == 3);
        assertThat(pool.getGroupIds("start-group-0")).containsExactly(0L, 1L, 2L);
        assertThat(gate.threadNames).containsExactlyInAnyOrder(
                "workers_Task-0", "workers_Task-1", "workers_Task-2");
        gate.open();
    }

    @Test
    void threadsAreLeftUnnamedWhenAsked() {
        Gate gate = new Gate();
        SimpleTaskPool pool = SimpleTaskPool.builder(gate.task()).name("workers").threadNames(false).build();

        pool.start(2);

        await().until(() -> gate.started.get() == 2);
        assertThat(gate.threadNames).containsOnly("");
        assertThat(pool.tasks()).extracting(TaskInfo::id).containsExactly(0L, 1L);
        gate.open();
    }

    @Test
    void tasksRunOnVirtualThreads() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        boolean[] virtual = new boolean[1];
        SimpleTaskPool pool = new SimpleTaskPool(() -> {
            virtual[0] = Thread.currentThread().isVirtual();
            ran.countDown();
        });

        pool.start(1);
        ran.await();

        assertThat(virtual[0]).isTrue();
    }

    @Test
    void startNeverBlocksEvenWhenThePoolIsFull() {
        Gate gate = new Gate();
        SimpleTaskPool pool = new SimpleTaskPool(gate.task(), 1);

        pool.start(5);

        await().until(() -> gate.started.get() == 1);
        assertThat(pool.numRunning()).isEqualTo(1);
        assertThat(pool.isFull()).isTrue();
        gate.open();
        await().until(() -> pool.numEnded() == 5);
    }

    @Test
    void stopCancelsNewestTasksFirst() {
        Gate gate = new Gate();
        SimpleTaskPool pool = new SimpleTaskPool(gate.task());
        pool.start(5);
        await().until(() -> pool.numRunning() == 5);

        List<Long> stopped = pool.stop(2);

        assertThat(stopped).containsExactly(4L, 3L);
        assertThat(pool.numRunning()).isEqualTo(3);
        assertThat(pool.stats().cancelledTotal()).isEqualTo(2);
        await().until(() -> gate.interrupted.get() == 2);
        pool.stopAll();
    }

    @Test
    void stopMoreThanRunningStopsWhatIsThere() {
        Gate gate = new Gate();
        SimpleTaskPool pool = new SimpleTaskPool(gate.task());
        pool.start(2);
        await().until(() -> pool.numRunning() == 2);

        assertThat(pool.stop(10)).containsExactly(1L, 0L);
        assertThat(pool.stop(1)).isEmpty();
    }

    @Test
    void stopAllReturnsEveryRunningTaskNewestFirst() {
        Gate gate = new Gate();
        SimpleTaskPool pool = new SimpleTaskPool(gate.task());
        pool.start(3);
        await().until(() -> pool.numRunning() == 3);

        assertThat(pool.stopAll()).containsExactly(2L, 1L, 0L);
        assertThat(pool.numRunning()).isZero();
    }

    @Test
    void startRejectsNonPositiveCounts() {
        SimpleTaskPool pool = new SimpleTaskPool(() -> { });

        assertThatThrownBy(() -> pool.start(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("num must be at least 1, got 0");
        assertThatThrownBy(() -> pool.stop(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportsItsFunctionName() {
        assertThat(new SimpleTaskPool(() -> { }).funcName()).isEqualTo("lambda");
        assertThat(SimpleTaskPool.builder(() -> { }).functionName("worker").build().funcName())
                .isEqualTo("worker");
        assertThat(new SimpleTaskPool(new Worker()).funcName()).isEqualTo("Worker");
    }

    @Test
    void displayNameUsesClassAndGlobalIndexUnlessNamed() {
        SimpleTaskPool simple = new SimpleTaskPool(() -> { });
        TaskPool general = new TaskPool();

        assertThat(simple.name()).matches("SimpleTaskPool-\\d+");
        assertThat(general.toString()).matches("TaskPool-\\d+");
        int simpleIndex = Integer.parseInt(simple.name().substring("SimpleTaskPool-".length()));
        int generalIndex = Integer.parseInt(general.name().substring("TaskPool-".length()));
        assertThat(generalIndex).isGreaterThan(simpleIndex);
        assertThat(new TaskPool(1, "mine").name()).isEqualTo("mine");
    }

    @Test
    void poolLevelCallbacksFireForEveryTask() {
        java.util.Set<Long> ended = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.Set<Long> cancelled = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Gate gate = new Gate();
        SimpleTaskPool pool = SimpleTaskPool.builder(gate.task())
                .onEnd(ended::add).onCancel(cancelled::add).build();
        pool.start(3);
        await().until(() -> pool.numRunning() == 3);

        pool.stop(1);
        gate.open();

        await().until(() -> ended.size() == 3);
        assertThat(cancelled).containsExactly(2L);
    }

    @RepeatedTest(100)
    void stopWhileTasksAreStillStartingCancelsNoMoreThanAsked() {
        Gate gate = new Gate();
        SimpleTaskPool pool = new SimpleTaskPool(gate.task());
        pool.start(200);
        await().until(() -> pool.numRunning() >= 1);

        List<Long> stopped = pool.stop(1);

        assertThat(stopped).hasSize(1);
        await().until(() -> pool.stats().started() == 200 && pool.numEnded() == 1);
        assertThat(pool.numCancelled()).isZero();
        assertThat(pool.stats().cancelledTotal()).isEqualTo(1);
        assertThat(pool.numRunning()).isEqualTo(199);
        pool.stopAll();
    }

    static final class Worker implements dev.taskpool.function.CheckedRunnable {
        @Override
        public void run() {
        }
    }

    @Test
    void startReturnsOnceTheTasksThatFitAreRunning() {
        Gate gate = new Gate();
        SimpleTaskPool pool = new SimpleTaskPool(gate.task(), 2);

        pool.start(3);

        assertThat(pool.numRunning()).isEqualTo(2);
        assertThat(pool.groups()).singleElement().extracting(GroupInfo::queued).isEqualTo(1);
        gate.open();
    }
}
