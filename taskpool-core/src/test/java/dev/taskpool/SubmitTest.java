package dev.taskpool;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** submit runs a Callable as a task and hands its result over as a future. */
class SubmitTest {

    @Test
    void theFutureCompletesWithTheResult() throws Exception {
        TaskPool pool = new TaskPool();

        CompletableFuture<Integer> answer = pool.submit(() -> 6 * 7);

        assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(42);
        await().until(() -> pool.stats().completed() == 1);
    }

    @Test
    void theFutureCompletesWithWhatTheCallableThrew() {
        TaskPool pool = new TaskPool();

        CompletableFuture<Integer> answer = pool.submit(() -> {
            throw new IllegalStateException("no answer");
        });

        assertThatThrownBy(() -> answer.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class).hasRootCauseMessage("no answer");
        await().until(() -> pool.stats().failed() == 1);
    }

    @Test
    void cancellingTheFutureInterruptsTheRunningTask() throws Exception {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool();
        CompletableFuture<String> answer = pool.submit(() -> {
            gate.task().run();
            return "done";
        });
        await().until(() -> gate.started.get() == 1);

        assertThat(answer.cancel(true)).isTrue();

        await().until(() -> gate.interrupted.get() == 1);
        assertThat(answer).isCancelled();
        await().until(() -> pool.stats().cancelledTotal() == 1);
    }

    @Test
    void cancellingTheFutureOfATaskWaitingForRoomKeepsItFromStarting() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TaskPool pool = new TaskPool(1);
        pool.apply(release::await, 1);
        CompletableFuture<String> waiting = pool.submit(() -> "never");

        waiting.cancel(true);
        release.countDown();
        pool.gatherAndClose();

        assertThat(pool.stats().started()).isEqualTo(1);
    }

    @Test
    void cancellingTheTaskThroughThePoolCancelsTheFuture() throws Exception {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool();
        CompletableFuture<String> answer = pool.submit(() -> {
            gate.task().run();
            return "done";
        });
        await().until(() -> gate.started.get() == 1);

        pool.cancelAll();

        assertThatThrownBy(() -> answer.get(30, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    }
}
