package dev.taskpool.benchmarks;

import dev.taskpool.TaskPool;
import dev.taskpool.micrometer.TaskPoolMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What binding a pool to a registry and unbinding it costs, once per pool: registering its
 * twelve meters and its listener, then removing them. Matters to programs that make many
 * short-lived pools; {@link MapMetricsBenchmark} measures what each task pays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class MetricsBindingBenchmark {

    /** Where the meters go. */
    public enum Registry {
        /** Micrometer's {@link SimpleMeterRegistry}. */
        SIMPLE,
        /** A {@link PrometheusMeterRegistry} with its defaults. */
        PROMETHEUS
    }

    @Param({"SIMPLE", "PROMETHEUS"})
    public Registry registry;

    private MeterRegistry meters;
    private TaskPool pool;

    @Setup
    public void setUp() {
        meters = switch (registry) {
            case SIMPLE -> new SimpleMeterRegistry();
            case PROMETHEUS -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        };
        pool = new TaskPool(4, "bound");
    }

    @TearDown
    public void tearDown() {
        pool.close();
        meters.close();
    }

    @Benchmark
    public int bindAndClose() {
        try (TaskPoolMetrics bound = new TaskPoolMetrics(pool)) {
            bound.bindTo(meters);
            return meters.getMeters().size();
        }
    }
}
