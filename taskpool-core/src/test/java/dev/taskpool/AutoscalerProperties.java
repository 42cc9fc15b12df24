package dev.taskpool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The autoscaler on random signals: whatever the signal, the workers stay within the limits
 * and a scale-down never follows a scale-up within the stabilisation window; on a noisy but
 * steady signal, the count settles instead of flapping.
 */
class AutoscalerProperties {

    private static final int WINDOW = 20;

    @Property(tries = 40)
    void withinTheLimitsAndNoDownSoonAfterAnUp(@ForAll("signals") List<Integer> signal,
                                               @ForAll @IntRange(min = 0, max = 4) int min,
                                               @ForAll @IntRange(min = 0, max = 6) int extra) {
        int max = min + extra;
        List<Integer> counts = run(signal, min, max);

        assertThat(counts).allSatisfy(count -> assertThat(count).isBetween(min, max));
        int lastUp = Integer.MIN_VALUE / 2;
        for (int t = 1; t < counts.size(); t++) {
            if (counts.get(t) > counts.get(t - 1)) {
                lastUp = t;
            } else if (counts.get(t) < counts.get(t - 1)) {
                assertThat(t - lastUp).as("a scale-down at %d, %d s after a scale-up", t, t - lastUp)
                        .isGreaterThan(WINDOW);
            }
        }
    }

    @Property(tries = 30)
    void aNoisySteadySignalSettles(@ForAll @IntRange(min = 20, max = 60) int level,
                                   @ForAll @IntRange(min = 1, max = 15) int noise,
                                   @ForAll("seeds") long seed) {
        java.util.Random random = new java.util.Random(seed);
        List<Integer> signal = new ArrayList<>();
        for (int t = 0; t < 300; t++) {
            signal.add(level + random.nextInt(-noise, noise + 1));
        }
        List<Integer> counts = run(signal, 1, 20);

        int reversals = 0;
        int lastDirection = 0;
        for (int t = 1; t < counts.size(); t++) {
            int direction = Integer.signum(counts.get(t) - counts.get(t - 1));
            if (direction != 0 && lastDirection != 0 && direction != lastDirection) {
                reversals++;
            }
            if (direction != 0) {
                lastDirection = direction;
            }
        }
        // Up with the noise's highs, down only once a whole window has stayed lower: at most
        // one turn a window, however noisy the samples.
        assertThat(reversals).isLessThanOrEqualTo(signal.size() / WINDOW + 1);
    }

    @Provide
    Arbitrary<List<Integer>> signals() {
        return Arbitraries.integers().between(0, 120).list().ofMinSize(1).ofMaxSize(200);
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    /** Samples once a simulated second over the signal (a backlog, 10 items a worker). */
    private static List<Integer> run(List<Integer> signal, int min, int max) {
        SimpleTaskPool workers = SimpleTaskPool.builder(() -> Thread.sleep(Long.MAX_VALUE)).name("workers").build();
        AtomicLong backlog = new AtomicLong();
        AtomicLong nanos = new AtomicLong();
        Autoscaler autoscaler = Autoscaler.builder(workers).limits(min, max).backlog(backlog::get, 10)
                .stabilizationWindow(Duration.ofSeconds(WINDOW)).cooldown(Duration.ofSeconds(5))
                .clock(nanos::get).build();
        List<Integer> counts = new ArrayList<>();
        try {
            for (int t = 0; t < signal.size(); t++) {
                nanos.set(t * 1_000_000_000L);
                backlog.set(signal.get(t));
                autoscaler.sample();
                PoolStats stats = workers.stats();
                counts.add(stats.running() + stats.queued());
            }
        } finally {
            workers.cancelAll();
        }
        return counts;
    }
}
