package dev.taskpool;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Ending a pool with a service: close, a bounded gatherAndClose, and shutdown with a grace period. */
class ShutdownTest {

    @Test
    void closeCancelsWhatRunsAndWaitsForIt() {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool(1);
        pool.apply(gate.task(), 3);
        await().until(() -> gate.started.get() == 1);

        pool.close();

        assertThat(pool.isClosed()).isTrue();
        assertThat(gate.interrupted).hasValue(1);
        assertThat(pool.stats().started()).as("queued tasks never started").isEqualTo(1);
    }

    @Test
    void closeIsIdempotentAndServesTryWithResources() {
        Gate gate = new Gate();
        SimpleTaskPool outside;
        try (SimpleTaskPool pool = new SimpleTaskPool(gate.task())) {
            pool.start(2);
            await().until(() -> gate.started.get() == 2);
            outside = pool;
        }

        assertThat(outside.isClosed()).isTrue();
        outside.close();
        assertThat(outside.isClosed()).isTrue();
        assertThat(gate.interrupted).hasValue(2);
    }

    @Test
    void aBoundedGatherAndCloseGivesUpAtItsDeadlineAndSaysSo() throws Exception {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool(4, "p");
        pool.apply(gate.task(), 1);

        assertThatThrownBy(() -> pool.gatherAndClose(false, Duration.ofMillis(20)))
                .isInstanceOf(TimeoutException.class)
                .hasMessage("gatherAndClose gave up after PT0.02S: 1 tasks still running, 0 cancelled but not yet"
                        + " stopped, 0 in callbacks; p stays closing");

        assertThat(pool.isClosed()).isFalse();
        assertThatThrownBy(() -> pool.apply(() -> { }, 1)).isInstanceOf(PoolIsClosedException.class);
        gate.open();
        assertThat(pool.gatherAndClose(true, Duration.ofSeconds(30))).isEmpty();
        assertThat(pool.isClosed()).isTrue();
    }

    @Test
    void shutdownLetsRunningTasksFinishWithinTheGracePeriod() throws Exception {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool();
        pool.apply(gate.task(), 2);

        CompletableFuture<Boolean> shutdown = shuttingDown(pool, Duration.ofSeconds(30));
        await().until(pool::isLocked);
        gate.open();

        assertThat(shutdown.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.isClosed()).isTrue();
        assertThat(gate.finished).hasValue(2);
        assertThat(gate.interrupted).hasValue(0);
    }

    @Test
    void shutdownCancelsWhatStillRunsWhenTheGracePeriodIsOver() throws Exception {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool();
        pool.apply(gate.task(), 2);
        await().until(() -> gate.started.get() == 2);

        assertThat(pool.shutdown(Duration.ofMillis(20))).isFalse();

        // Closed by now, unless a very busy machine kept the interrupted tasks from stopping
        // within the extra second: they were cancelled, so they end, and the pool closes.
        pool.gatherAndClose(true, Duration.ofSeconds(30));
        assertThat(pool.isClosed()).isTrue();
        assertThat(gate.interrupted).hasValue(2);
        assertThat(pool.stats().cancelledTotal()).isEqualTo(2);
    }

    @Test
    void shutdownStartsNoTaskThatWasWaitingForRoom() throws Exception {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool(1);
        pool.apply(gate.task(), 4);

        CompletableFuture<Boolean> shutdown = shuttingDown(pool, Duration.ofSeconds(30));
        await().until(pool::isLocked);
        gate.open();

        assertThat(shutdown.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.stats().started()).isEqualTo(1);
    }

    @Test
    void shutdownGivesUpOnATaskThatIgnoresItsInterrupt() throws Exception {
        CountDownLatch letGo = new CountDownLatch(1);
        TaskPool pool = new TaskPool();
        pool.apply(() -> {
            while (letGo.getCount() > 0) {
                try {
                    letGo.await();
                } catch (InterruptedException ignored) {
                    // This task insists on finishing.
                }
            }
        }, 1);

        assertThat(pool.shutdown(Duration.ofMillis(20))).isFalse();

        assertThat(pool.isClosed()).isFalse();
        assertThat(pool.isLocked()).isTrue();
        letGo.countDown();
        pool.gatherAndClose();
        assertThat(pool.isClosed()).isTrue();
    }

    private static CompletableFuture<Boolean> shuttingDown(BaseTaskPool pool, Duration grace) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(pool.shutdown(grace));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
