package dev.taskpool.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskpool.PoolStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The grace period of the demo's shutdown: workers finish the item in hand and take no other,
 * jobs run on, and whatever still runs when the period is over is cancelled, a worker handing
 * its item back.
 */
class DemoGraceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final StringWriter output = new StringWriter();
    private DemoDaemon daemon;

    @AfterEach
    void shutDown() {
        if (daemon != null) {
            daemon.shutdown("test over");
        }
    }

    private void start(int workers, Duration grace, ItemProcessor processor) throws IOException {
        DemoConfig config = new DemoConfig("127.0.0.1", 0, null, workers, 100, null,
                Duration.ZERO, Duration.ZERO, DemoConfig.Progress.OFF, grace, null);
        daemon = DemoDaemon.start(config, processor, new PrintWriter(output));
    }

    private CompletableFuture<DemoDaemon.Summary> shutdownInBackground() {
        return CompletableFuture.supplyAsync(() -> daemon.shutdown("test says stop"));
    }

    @Test
    void workersThatFinishTheirItemWithinTheGraceCompleteAndHandNothingBack() throws Exception {
        CountDownLatch working = new CountDownLatch(3);
        CountDownLatch finish = new CountDownLatch(1);
        start(3, PATIENCE, item -> {
            working.countDown();
            finish.await();
            return 1;
        });
        assertThat(working.await(30, TimeUnit.SECONDS)).as("three workers busy with an item").isTrue();

        CompletableFuture<DemoDaemon.Summary> stopping = shutdownInBackground();
        await("the grace period begins").atMost(PATIENCE)
                .until(() -> output.toString().contains("Giving 3 workers up to 30.0s to finish."));
        finish.countDown();
        DemoDaemon.Summary summary = stopping.get(30, TimeUnit.SECONDS);

        assertThat(summary.done()).as("the three items in hand, and no other").isEqualTo(3);
        assertThat(summary.handedBack()).isZero();
        PoolStats workers = daemon.workers().stats();
        assertThat(workers.completed()).isEqualTo(3);
        assertThat(workers.cancelledTotal()).isZero();
        assertThat(daemon.workers().isClosed()).isTrue();
        assertThat(daemon.queue().waitingCount()).isEqualTo(97);
        assertThat(output.toString()).doesNotContain("Stopped").contains("Summary: 3 of 100 items done by 3 workers");
    }

    @Test
    void workersStillBusyWhenTheGraceIsOverAreCancelledAndHandTheirItemsBack() throws Exception {
        Duration grace = Duration.ofMillis(300);
        CountDownLatch working = new CountDownLatch(2);
        CountDownLatch never = new CountDownLatch(1);
        start(2, grace, item -> {
            working.countDown();
            never.await();
            return 1;
        });
        assertThat(working.await(30, TimeUnit.SECONDS)).as("two workers busy with an item").isTrue();

        long began = System.nanoTime();
        DemoDaemon.Summary summary = daemon.shutdown("test says stop");
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(took).isGreaterThanOrEqualTo(grace).isLessThan(grace.plusSeconds(1));
        assertThat(summary.done()).isZero();
        assertThat(summary.handedBack()).isEqualTo(2);
        assertThat(daemon.workers().stats().cancelledTotal()).isEqualTo(2);
        assertThat(daemon.queue().waitingCount()).as("no item lost").isEqualTo(100);
        assertThat(daemon.queue().inProgressCount()).isZero();
        assertThat(output.toString())
                .contains("Giving 2 workers up to 0.3s to finish.")
                .contains("Stopped 2 running workers.")
                .contains("2 items handed back by stopped workers.");
    }

    @Test
    void everyItemInHandEndsEitherDoneOrHandedBackNeverBoth() throws Exception {
        Duration grace = Duration.ofSeconds(2);
        CountDownLatch working = new CountDownLatch(2);
        CountDownLatch finishItemZero = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        start(2, grace, item -> {
            working.countDown();
            (item == 0 ? finishItemZero : never).await();
            return 1;
        });
        assertThat(working.await(30, TimeUnit.SECONDS)).as("two workers busy with items 0 and 1").isTrue();

        CompletableFuture<DemoDaemon.Summary> stopping = shutdownInBackground();
        await("the grace period begins").atMost(PATIENCE)
                .until(() -> output.toString().contains("Giving 2 workers up to 2.0s to finish."));
        finishItemZero.countDown();
        DemoDaemon.Summary summary = stopping.get(30, TimeUnit.SECONDS);

        WorkQueue queue = daemon.queue();
        assertThat(queue.isDone(0)).isTrue();
        assertThat(queue.isDone(1)).isFalse();
        assertThat(summary.done()).isEqualTo(1);
        assertThat(summary.handedBack()).isEqualTo(1);
        assertThat(queue.inProgressCount()).isZero();
        assertThat(queue.doneCount() + queue.waitingCount()).as("every item done or waiting").isEqualTo(100);
        assertThat(output.toString()).contains("Stopped 1 running worker.")
                .contains("Summary: 1 of 100 items done by 1 worker in ")
                .contains("; 1 item handed back by stopped workers.");
    }

    @Test
    void aJobThatEndsWithinTheGraceCompletesInsteadOfBeingCancelled() throws Exception {
        start(0, PATIENCE, item -> 1);
        CountDownLatch finish = new CountDownLatch(1);
        daemon.jobs().apply(finish::await, 1);
        await("the job runs").atMost(PATIENCE).until(() -> daemon.jobs().numRunning() == 1);

        CompletableFuture<DemoDaemon.Summary> stopping = shutdownInBackground();
        await("the grace period begins").atMost(PATIENCE)
                .until(() -> output.toString().contains("Giving 1 job up to 30.0s to finish."));
        finish.countDown();
        DemoDaemon.Summary summary = stopping.get(30, TimeUnit.SECONDS);

        assertThat(summary.jobsStarted()).isEqualTo(1);
        assertThat(summary.jobsCancelled()).isZero();
        assertThat(daemon.jobs().stats().completed()).isEqualTo(1);
    }

    @Test
    void workersAndJobsShareOneGracePeriod() throws Exception {
        Duration grace = Duration.ofSeconds(1);
        CountDownLatch working = new CountDownLatch(1);
        start(1, grace, item -> {
            working.countDown();
            new CountDownLatch(1).await();
            return 1;
        });
        daemon.jobs().apply(() -> new CountDownLatch(1).await(), 1);
        assertThat(working.await(30, TimeUnit.SECONDS)).as("the worker is busy with an item").isTrue();
        await("the job runs").atMost(PATIENCE).until(() -> daemon.jobs().numRunning() == 1);

        long began = System.nanoTime();
        DemoDaemon.Summary summary = daemon.shutdown("test says stop");
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(took).as("one grace period, not one after the other").isLessThan(grace.multipliedBy(2));
        assertThat(summary.handedBack()).isEqualTo(1);
        assertThat(summary.jobsCancelled()).isEqualTo(1);
        assertThat(output.toString()).contains("Giving 1 worker and 1 job up to 1.0s to finish.");
    }
}
