package dev.taskpool;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Closing is final: once {@code gatherAndClose} has begun, nothing new starts. */
class ClosingTest {

    @Test
    void closingWaitsForTheListenerOfTheLastTask() throws Exception {
        // A task with nothing to do after its body counts as finished at once; one whose end
        // a listener hears must keep the pool from closing until the listener has returned.
        java.util.concurrent.CountDownLatch inListener = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger heard = new AtomicInteger();
        TaskPool pool = new TaskPool();
        pool.addListener(new PoolListener() {
            @Override
            public void taskEnded(String poolName, long taskId, String group, TaskOutcome outcome, Duration duration) {
                inListener.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                heard.incrementAndGet();
            }
        });
        pool.apply(() -> { }, 1);
        assertThat(inListener.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            try {
                pool.gatherAndClose();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        await().during(Duration.ofMillis(150)).atMost(Duration.ofSeconds(5)).until(() -> !closing.isDone());
        release.countDown();

        closing.get(30, TimeUnit.SECONDS);
        assertThat(heard).hasValue(1);
    }

    @Test
    void unlockDuringGatherAndCloseDoesNotReopenThePool() throws Exception {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool(4, "p");
        pool.apply(gate.task(), 1);
        await().until(() -> gate.started.get() == 1);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            try {
                pool.gatherAndClose();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().until(pool::isLocked);

        pool.unlock();

        assertThat(pool.isLocked()).isTrue();
        assertThatThrownBy(() -> pool.apply(() -> { }, 1))
                .isInstanceOf(PoolIsClosedException.class)
                .hasMessage("Cannot start new tasks: p is closing");
        gate.open();
        closing.get(30, TimeUnit.SECONDS);
        assertThat(pool.stats().started()).isEqualTo(1);
    }

    @Test
    void anInterruptedGatherAndCloseLeavesThePoolClosingAndCanBeRepeated() throws Exception {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool(4, "p");
        pool.apply(gate.task(), 1);
        await().until(() -> gate.started.get() == 1);
        AtomicReference<Throwable> first = new AtomicReference<>();
        Thread closer = Thread.ofVirtual().start(() -> {
            try {
                pool.gatherAndClose();
            } catch (Throwable e) {
                first.set(e);
            }
        });
        await().until(pool::isLocked);

        closer.interrupt();
        assertThat(closer.join(Duration.ofSeconds(30))).isTrue();

        assertThat(first.get()).isInstanceOf(InterruptedException.class);
        assertThat(pool.isClosed()).isFalse();
        pool.unlock();
        assertThatThrownBy(() -> pool.apply(() -> { }, 1)).isInstanceOf(PoolIsClosedException.class);
        gate.open();
        pool.gatherAndClose();
        assertThat(pool.isClosed()).isTrue();
    }

    @RepeatedTest(200)
    void nothingStartsOnceClosingHasBegunWhateverTheInterleaving() throws Exception {
        TaskPool pool = new TaskPool(2);
        AtomicInteger bodiesAfterClose = new AtomicInteger();
        pool.apply(() -> { }, 3);
        CyclicBarrier start = new CyclicBarrier(3);
        Thread closer = Thread.ofPlatform().start(() -> {
            meet(start);
            try {
                pool.gatherAndClose();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread unlocker = Thread.ofPlatform().start(() -> {
            meet(start);
            for (int i = 0; i < 50; i++) {
                pool.unlock();
            }
        });
        meet(start);
        for (int i = 0; i < 50; i++) {
            try {
                pool.apply(() -> {
                    if (pool.isClosed()) {
                        bodiesAfterClose.incrementAndGet();
                    }
                }, 1);
            } catch (PoolIsLockedException | PoolIsClosedException refused) {
                // Refused starts are the expected outcome once closing began.
            }
        }
        assertThat(closer.join(Duration.ofSeconds(30))).isTrue();
        assertThat(unlocker.join(Duration.ofSeconds(30))).isTrue();

        assertThat(pool.isClosed()).isTrue();
        assertThat(bodiesAfterClose).hasValue(0);
        long startedAtClose = pool.stats().started();
        assertThatThrownBy(() -> pool.apply(() -> { }, 1)).isInstanceOf(PoolIsClosedException.class);
        assertThat(pool.stats().started()).isEqualTo(startedAtClose);
        assertThat(pool.tasks()).isEmpty();
    }

    @Test
    void untilClosedReturnsOnlyAfterTheClosingFlush() throws Exception {
        TaskPool pool = new TaskPool();
        pool.apply(() -> { }, 20_000);
        await().until(() -> pool.numEnded() == 20_000);
        AtomicReference<List<TaskInfo>> seenByWaiter = new AtomicReference<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                pool.untilClosed();
                seenByWaiter.set(pool.tasks());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        pool.gatherAndClose();

        assertThat(waiter.join(Duration.ofSeconds(30))).isTrue();
        assertThat(seenByWaiter.get()).isEmpty();
    }

    private static void meet(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
