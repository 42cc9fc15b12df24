package dev.taskpool;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The ExecutorService view runs submitted work as tasks of one group of the pool. */
class TaskPoolExecutorTest {

    @Test
    void submittedWorkRunsAsTasksOfOneGroupOfThePool() throws Exception {
        TaskPool pool = new TaskPool(TaskPool.UNBOUNDED, "app");
        TaskPoolExecutor executor = pool.executor("jobs", 0);
        List<String> threads = new CopyOnWriteArrayList<>();

        Future<Integer> answer = executor.submit(() -> {
            threads.add(Thread.currentThread().getName());
            return 42;
        });
        executor.execute(() -> threads.add(Thread.currentThread().getName()));

        assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(42);
        executor.shutdown();
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(executor.isTerminated()).isTrue();
        assertThat(executor.groupName()).isEqualTo("jobs");
        assertThat(pool.getGroupIds("jobs")).hasSize(2);
        assertThat(threads).allMatch(name -> name.startsWith("app_Task-"));
        assertThat(pool.stats().completed()).isEqualTo(2);
        pool.gatherAndClose();
    }

    @Test
    void commandsWaitForRoomAndStartInTheOrderSubmitted() throws Exception {
        TaskPool pool = new TaskPool(1);
        ExecutorService executor = pool.executor();
        List<Integer> order = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        executor.execute(() -> {
            awaitQuietly(release);
            order.add(0);
        });
        for (int i = 1; i <= 20; i++) {
            int n = i;
            executor.execute(() -> order.add(n));
        }
        await().until(() -> pool.numRunning() == 1);
        assertThat(pool.stats().started()).isEqualTo(1);

        release.countDown();
        executor.shutdown();

        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i <= 20; i++) {
            expected.add(i);
        }
        assertThat(order).containsExactlyElementsOf(expected);
    }

    @Test
    void aLimitOfItsOwnBoundsTheGroupWithinALargerPool() throws Exception {
        TaskPool pool = new TaskPool();
        ExecutorService executor = pool.executor(null, 2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        for (int i = 0; i < 6; i++) {
            executor.execute(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                awaitQuietly(release);
                running.decrementAndGet();
            });
        }
        await().until(() -> pool.numRunning() == 2);

        release.countDown();
        executor.shutdown();

        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(most.get()).isEqualTo(2);
    }

    @RepeatedTest(20)
    void shutdownNowReturnsEveryCommandThatDidNotBeginAndRunsNoneOfThem() throws Exception {
        TaskPool pool = new TaskPool(2);
        ExecutorService executor = pool.executor();
        Gate gate = new Gate();
        AtomicInteger laterRan = new AtomicInteger();
        List<Runnable> later = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            executor.execute(() -> {
                try {
                    gate.task().run();
                } catch (Exception e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        for (int i = 0; i < 50; i++) {
            Runnable command = laterRan::incrementAndGet;
            later.add(command);
            executor.execute(command);
        }
        await().until(() -> gate.started.get() == 2);

        List<Runnable> notBegun = executor.shutdownNow();

        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.interrupted.get()).isEqualTo(2);
        // Each command either ran or came back, never both; with the pool full, none ran.
        assertThat(laterRan.get()).isZero();
        assertThat(notBegun).containsExactlyElementsOf(later);
    }

    @RepeatedTest(100)
    void shutdownNowWhileCommandsAreStartingLosesNone() throws Exception {
        TaskPool pool = new TaskPool(4);
        ExecutorService executor = pool.executor();
        AtomicInteger ran = new AtomicInteger();
        int submitted = 2_000;
        for (int i = 0; i < submitted; i++) {
            executor.execute(ran::incrementAndGet);
        }
        await().until(() -> ran.get() > 0);

        List<Runnable> notBegun = executor.shutdownNow();

        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ran.get() + notBegun.size()).isEqualTo(submitted);
    }

    @Test
    void workIsRefusedOnceShutDownAndNamesWhy() {
        TaskPool pool = new TaskPool(TaskPool.UNBOUNDED, "app");
        ExecutorService executor = pool.executor("jobs", 0);

        executor.shutdown();

        assertThat(executor.isShutdown()).isTrue();
        assertThatThrownBy(() -> executor.execute(() -> { }))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("group jobs of app").hasMessageEndingWith("the executor is shut down");
    }

    @Test
    void aLockedPoolRefusesNewWorkButFinishesWhatWasQueued() throws Exception {
        TaskPool pool = new TaskPool(1);
        ExecutorService executor = pool.executor();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        executor.execute(() -> {
            awaitQuietly(release);
            ran.incrementAndGet();
        });
        executor.execute(ran::incrementAndGet);

        pool.lock();

        assertThatThrownBy(() -> executor.execute(ran::incrementAndGet))
                .isInstanceOf(RejectedExecutionException.class).hasMessageContaining("locked");
        release.countDown();
        await().until(() -> ran.get() == 2);
        pool.unlock();
        executor.execute(ran::incrementAndGet);
        await().until(() -> ran.get() == 3);
    }

    @Test
    void cancellingItsGroupFromThePoolShutsTheViewDown() throws Exception {
        TaskPool pool = new TaskPool();
        TaskPoolExecutor executor = pool.executor("jobs", 0);
        Gate gate = new Gate();
        executor.execute(() -> {
            try {
                gate.task().run();
            } catch (Exception e) {
                Thread.currentThread().interrupt();
            }
        });
        await().until(() -> gate.started.get() == 1);

        pool.cancelGroup("jobs");

        assertThat(executor.isShutdown()).isTrue();
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.interrupted.get()).isEqualTo(1);
        assertThatThrownBy(() -> executor.execute(() -> { }))
                .isInstanceOf(RejectedExecutionException.class).hasMessageEndingWith("its group was cancelled");
        pool.gatherAndClose();
    }

    @Test
    void awaitTerminationWaitsOnlyAsLongAsAskedWhileTheViewRuns() throws Exception {
        TaskPool pool = new TaskPool();
        ExecutorService executor = pool.executor();

        assertThat(executor.awaitTermination(10, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(executor.isTerminated()).isFalse();

        executor.close();

        assertThat(executor.isTerminated()).isTrue();
    }

    @Test
    void aLockedPoolMakesNoView() {
        TaskPool pool = new TaskPool();
        pool.lock();

        assertThatThrownBy(pool::executor).isInstanceOf(PoolIsLockedException.class);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
