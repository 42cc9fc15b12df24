package dev.taskpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The autoscaler against a scripted signal and a simulated clock: one sample a simulated
 * second, real workers in a real pool.
 */
class AutoscalerTest {

    private final SimpleTaskPool workers = SimpleTaskPool.builder(() -> Thread.sleep(Long.MAX_VALUE))
            .name("workers").build();
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();
    private int second;

    @AfterEach
    void stop() {
        workers.cancelAll();
    }

    private Autoscaler.Builder builder() {
        return Autoscaler.builder(workers).limits(1, 8).backlog(backlog::get, 10)
                .stabilizationWindow(Duration.ofSeconds(30)).cooldown(Duration.ofSeconds(10))
                .clock(nanos::get);
    }

    /** Samples once a second until {@code untilSecond}, returning the workers after each sample. */
    private List<Integer> runUntil(Autoscaler autoscaler, int untilSecond) {
        List<Integer> counts = new ArrayList<>();
        for (; second <= untilSecond; second++) {
            nanos.set(second * 1_000_000_000L);
            autoscaler.sample();
            counts.add(workers());
        }
        return counts;
    }

    private int workers() {
        PoolStats stats = workers.stats();
        return stats.running() + stats.queued();
    }

    @Test
    void theMinimumIsStartedAtOnceAndAStepUpIsFollowedAtTheNextSample() {
        Autoscaler autoscaler = builder().build();

        runUntil(autoscaler, 0);
        assertThat(workers()).isEqualTo(1);

        backlog.set(55);
        runUntil(autoscaler, 1);
        assertThat(workers()).isEqualTo(6);

        backlog.set(10_000);
        runUntil(autoscaler, 2);
        assertThat(workers()).as("never above the maximum").isEqualTo(8);
        assertThat(autoscaler.state().scaleUps()).isEqualTo(3);
    }

    @Test
    void aStepDownIsFollowedOnlyAfterTheWindowAndOneWorkerASample() {
        Autoscaler autoscaler = builder().build();
        backlog.set(200);
        runUntil(autoscaler, 0);
        assertThat(workers()).isEqualTo(8);

        backlog.set(0);
        List<Integer> counts = runUntil(autoscaler, 45);

        // Seconds 1 to 45. Wanted 8 at second 0: the count holds while the window (30 s)
        // still remembers it, then goes down a worker a second, to the minimum.
        assertThat(counts.subList(0, 30)).containsOnly(8);
        assertThat(counts.subList(30, 45)).startsWith(7, 6, 5, 4, 3, 2, 1).endsWith(1);
        for (int i = 1; i < counts.size(); i++) {
            assertThat(counts.get(i - 1) - counts.get(i)).as("one worker a sample at most").isLessThanOrEqualTo(1);
        }
    }

    @Test
    void aManualChangeIsHeldForTheCooldownNotUndoneAtOnce() {
        Autoscaler autoscaler = builder().stabilizationWindow(Duration.ZERO).build();
        backlog.set(40);
        runUntil(autoscaler, 0);
        assertThat(workers()).isEqualTo(4);

        workers.start(3);
        List<Integer> held = runUntil(autoscaler, 10);

        assertThat(held).containsOnly(7);
        assertThat(autoscaler.state().decisions()).last().satisfies(d ->
                assertThat(d.reason()).contains("changed without it"));
        List<Integer> after = runUntil(autoscaler, 20);
        assertThat(after).last().isEqualTo(4);
    }

    @Test
    void offItLeavesTheWorkersAloneAndOnItStartsAfresh() {
        Autoscaler autoscaler = builder().build();
        backlog.set(30);
        runUntil(autoscaler, 0);
        autoscaler.setOn(false);

        backlog.set(80);
        runUntil(autoscaler, 5);
        assertThat(workers()).isEqualTo(3);
        assertThat(autoscaler.state().on()).isFalse();

        autoscaler.setOn(true);
        runUntil(autoscaler, 6);
        assertThat(workers()).isEqualTo(8);
    }

    @Test
    void newLimitsApplyAtTheNextSample() {
        Autoscaler autoscaler = builder().build();
        backlog.set(200);
        runUntil(autoscaler, 0);

        autoscaler.setLimits(2, 5);
        runUntil(autoscaler, 1);

        assertThat(workers()).isEqualTo(5);
        assertThat(autoscaler.state().decisions()).extracting(Autoscaler.Decision::reason)
                .anyMatch(reason -> reason.contains("limits changed from 1..8 to 2..5"))
                .anyMatch(reason -> reason.contains("above the maximum of 5"));
    }

    @Test
    void aFailingSignalKeepsTheWorkers() {
        Autoscaler autoscaler = Autoscaler.builder(workers).limits(1, 8).clock(nanos::get)
                .backlog(() -> {
                    if (backlog.get() < 0) {
                        throw new IllegalStateException("queue unreachable");
                    }
                    return backlog.get();
                }, 10).build();
        backlog.set(30);
        runUntil(autoscaler, 0);

        backlog.set(-1);
        runUntil(autoscaler, 40);

        assertThat(workers()).isEqualTo(3);
    }

    @Test
    void aProportionalSignalWithinItsToleranceWantsTheWorkersThereAre() {
        AtomicLong waitMillis = new AtomicLong(1000);
        Autoscaler autoscaler = Autoscaler.builder(workers).limits(1, 20).clock(nanos::get)
                .stabilizationWindow(Duration.ZERO).cooldown(Duration.ZERO)
                .waitTime(() -> Duration.ofMillis(waitMillis.get()), Duration.ofSeconds(1)).build();
        runUntil(autoscaler, 0);
        workers.start(3);
        runUntil(autoscaler, 1);
        assertThat(workers()).isEqualTo(4);

        waitMillis.set(1080);
        runUntil(autoscaler, 5);
        assertThat(workers()).as("within 10%%").isEqualTo(4);

        waitMillis.set(2000);
        runUntil(autoscaler, 6);
        assertThat(workers()).as("twice the target: twice the workers").isEqualTo(8);
    }

    @Test
    void onePoolHasOneAutoscalerAndItsCommandsReachIt() {
        Autoscaler autoscaler = builder().build();
        assertThatThrownBy(() -> builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has an autoscaler already");

        Autoscaler.State state = workers.autoscale(Autoscaler.Switch.OFF, 2, null);

        assertThat(state.on()).isFalse();
        assertThat(state.min()).isEqualTo(2);
        assertThat(state.max()).isEqualTo(8);
        autoscaler.close();
        assertThatThrownBy(() -> workers.autoscale(null, null, null)).isInstanceOf(IllegalStateException.class)
                .hasMessage("workers has no autoscaler; a program gives it one with Autoscaler.builder(pool)");
    }

    @Test
    void limitsMustBeOrdered() {
        assertThatThrownBy(() -> builder().limits(5, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("need 0 <= min <= max, got min 5 and max 2");
    }
}
