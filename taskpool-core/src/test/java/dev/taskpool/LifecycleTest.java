package dev.taskpool;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class LifecycleTest {

    @Test
    void aLockedPoolRefusesNewStartsWithAClearError() {
        SimpleTaskPool pool = SimpleTaskPool.builder(() -> { }).name("p").build();
        pool.lock();

        assertThat(pool.isLocked()).isTrue();
        assertThatThrownBy(() -> pool.start(1))
                .isInstanceOf(PoolIsLockedException.class)
                .hasMessage("Cannot start new tasks: p is locked");
        pool.unlock();
        assertThat(pool.start(1)).isEqualTo("start-group-0");
    }

    @Test
    void lockingDoesNotHoldBackTasksAlreadyQueued() throws Exception {
        Gate gate = new Gate();
        SimpleTaskPool pool = new SimpleTaskPool(gate.task(), 1);
        pool.start(3);
        await().until(() -> gate.started.get() == 1);

        pool.lock();
        gate.open();

        await().until(() -> pool.numEnded() == 3);
    }

    @Test
    void gatherAndCloseWaitsForQueuedTasksToo() throws Exception {
        AtomicInteger done = new AtomicInteger();
        TaskPool pool = new TaskPool(1);
        pool.apply(done::incrementAndGet, 50);

        pool.gatherAndClose();

        assertThat(done).hasValue(50);
        assertThat(pool.isClosed()).isTrue();
        assertThat(pool.isLocked()).isTrue();
        assertThatThrownBy(() -> pool.apply(() -> { }, 1))
                .isInstanceOf(PoolIsClosedException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void gatherAndCloseRethrowsFailuresAfterClosing() {
        TaskPool pool = new TaskPool(1, "p");
        pool.apply(() -> {
            throw new java.io.IOException("disk full");
        }, 2);

        assertThatThrownBy(pool::gatherAndClose)
                .isInstanceOf(TaskFailedException.class)
                .hasMessageStartingWith("2 tasks failed; first: p_Task-0")
                .hasRootCauseInstanceOf(java.io.IOException.class)
                .satisfies(e -> assertThat(((TaskFailedException) e).failures()).hasSize(2));
        assertThat(pool.isClosed()).isTrue();
    }

    @Test
    void untilClosedReturnsOnceThePoolIsClosed() throws Exception {
        TaskPool pool = new TaskPool();
        AtomicBoolean returned = new AtomicBoolean();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread waiter = Thread.ofVirtual().start(() -> {
            waiting.countDown();
            try {
                pool.untilClosed();
                returned.set(true);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        waiting.await();
        assertThat(returned).isFalse();

        pool.gatherAndClose();

        waiter.join();
        assertThat(returned).isTrue();
    }

    @Test
    void flushForgetsEndedAndCancelledTasks() {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool();
        pool.apply(() -> { }, 2, "quick");
        pool.apply(gate.task(), 2, "slow");
        await().until(() -> pool.numEnded() == 2 && pool.numRunning() == 2);
        long cancelled = pool.getGroupIds("slow").first();
        pool.cancel(cancelled);
        // The body reacting to the interrupt is not the task being over: wait for its state.
        await().until(() -> pool.tasks().stream()
                .anyMatch(t -> t.id() == cancelled && t.state() == TaskState.CANCELLED));

        pool.flush();

        assertThat(pool.numEnded()).isZero();
        assertThat(pool.numCancelled()).isZero();
        assertThat(pool.numRunning()).isEqualTo(1);
        assertThat(pool.tasks()).hasSize(1);
        assertThat(pool.groups()).extracting(GroupInfo::name).containsExactly("slow");
        assertThatThrownBy(() -> pool.getGroupIds("quick")).isInstanceOf(UnknownGroupException.class);
        gate.open();
    }

    @Test
    void flushReturnsFailuresWhenAskedAndForgetsThem() {
        TaskPool pool = new TaskPool(1, "p");
        pool.apply(() -> {
            throw new IllegalStateException("bad");
        }, 1, "g");
        await().until(() -> pool.numEnded() == 1);

        List<TaskFailure> failures = pool.flush(true);

        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.taskId()).isZero();
            assertThat(f.name()).isEqualTo("p_Task-0");
            assertThat(f.group()).isEqualTo("g");
            assertThat(f.error()).isInstanceOf(IllegalStateException.class).hasMessage("bad");
        });
        assertThat(pool.flush(true)).isEmpty();
    }

    @Test
    void flushRethrowsFailuresByDefault() {
        TaskPool pool = new TaskPool();
        pool.apply(() -> {
            throw new IllegalStateException("bad");
        }, 1);
        await().until(() -> pool.numEnded() == 1);

        assertThatThrownBy(pool::flush).isInstanceOf(TaskFailedException.class).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(pool.numEnded()).isZero();
    }

    @Test
    void statsAndTasksDescribeThePool() {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool(2, "p");
        pool.apply(gate.task(), 3, "g");
        await().until(() -> pool.numRunning() == 2);

        PoolStats stats = pool.stats();

        assertThat(stats.pool()).isEqualTo("p");
        assertThat(stats.poolSize()).isEqualTo(2);
        assertThat(stats.running()).isEqualTo(2);
        assertThat(stats.queued()).isEqualTo(1);
        assertThat(stats.started()).isEqualTo(2);
        assertThat(stats.groups()).isEqualTo(1);
        assertThat(pool.tasks()).extracting(TaskInfo::id, TaskInfo::group, TaskInfo::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0L, "g", TaskState.RUNNING),
                        org.assertj.core.groups.Tuple.tuple(1L, "g", TaskState.RUNNING));
        assertThat(pool.groups()).singleElement().satisfies(g -> {
            assertThat(g.running()).isEqualTo(2);
            assertThat(g.queued()).isEqualTo(1);
            assertThat(g.total()).isEqualTo(3);
            assertThat(g.spawning()).isTrue();
        });
        gate.open();
    }

    @Test
    void tasksListsTheNewestUpToALimit() {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool();
        pool.apply(gate.task(), 5);
        await().until(() -> pool.numRunning() == 5);

        assertThat(pool.tasks(2)).extracting(TaskInfo::id).containsExactly(3L, 4L);
        assertThat(pool.tasks()).hasSize(5);
        assertThat(pool.tasks(0)).isEmpty();
        gate.open();
    }

    @Test
    void gatherAndCloseFromOneOfThePoolsOwnTasksFailsAtOnce() throws Exception {
        closingFromItsOwnTaskFailsAtOnce(new TaskPool(2, "p"));
    }

    @Test
    void gatherAndCloseFromATaskOnAnUnnamedThreadFailsAtOnceToo() throws Exception {
        // Found by identity rather than by its thread's name.
        closingFromItsOwnTaskFailsAtOnce(TaskPool.builder().name("p").threadNames(false).build());
    }

    private static void closingFromItsOwnTaskFailsAtOnce(TaskPool pool) throws Exception {
        java.util.concurrent.CompletableFuture<Throwable> seen = new java.util.concurrent.CompletableFuture<>();
        pool.apply(() -> {
            try {
                pool.gatherAndClose();
                seen.complete(null);
            } catch (Throwable e) {
                seen.complete(e);
            }
        }, 1);

        assertThat(seen.get(30, java.util.concurrent.TimeUnit.SECONDS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("gatherAndClose was called from p_Task-0, a thread of p itself;"
                        + " it would wait for that thread to end, which never comes");
        pool.gatherAndClose();
        assertThat(pool.isClosed()).isTrue();
    }

    @Test
    void untilClosedFromACallbackFailsAtOnce() throws Exception {
        TaskPool pool = new TaskPool(2, "p");
        java.util.concurrent.CompletableFuture<Throwable> seen = new java.util.concurrent.CompletableFuture<>();
        pool.apply(() -> { }, 1, "g", id -> {
            try {
                pool.untilClosed();
                seen.complete(null);
            } catch (Throwable e) {
                seen.complete(e);
            }
        }, null);

        assertThat(seen.get(30, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
        pool.gatherAndClose();
    }

    @Test
    void untilClosedAnswersTrueOnceClosed() throws Exception {
        TaskPool pool = new TaskPool();
        pool.gatherAndClose();

        assertThat(pool.untilClosed()).isTrue();
    }
}
