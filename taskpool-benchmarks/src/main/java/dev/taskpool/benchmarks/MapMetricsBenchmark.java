package dev.taskpool.benchmarks;

import dev.taskpool.BaseTaskPool;
import dev.taskpool.PoolListener;
import dev.taskpool.TaskOutcome;
import dev.taskpool.TaskPool;
import dev.taskpool.benchmarks.MapBenchmark.Work;
import dev.taskpool.micrometer.TaskPoolMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

/**
 * What publishing a pool to Micrometer costs {@link MapBenchmark#taskPool}'s map: the same map
 * of {@code items} tasks, {@code concurrency} at a time, on a pool
 * <ul>
 *   <li>{@code metrics=NONE}: with no listener;</li>
 *   <li>{@code LISTENER}: with an empty {@link PoolListener}, the floor of anything that hears
 *       each task end (the pool then tells its listeners of every start and end);</li>
 *   <li>{@code TIMED}: timing its tasks ({@code timeTasks()}), what a binding turns on, with no
 *       registry;</li>
 *   <li>{@code SIMPLE}, {@code PROMETHEUS}: bound by {@link TaskPoolMetrics} to a
 *       {@link SimpleMeterRegistry} or a {@link PrometheusMeterRegistry}, which makes the pool
 *       add up each task's run time under its outcome.</li>
 * </ul>
 * The pool is made and bound before each invocation and unbound after it, outside the
 * measurement: a program binds a pool once, and this measures what each task pays. Gauges and
 * counters cost nothing until the registry is read, which nothing does here. Compare the
 * variants of one run; {@link MetricsBindingBenchmark} measures the binding itself.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class MapMetricsBenchmark {

    /** What listens to the pool, and where its meters go. */
    public enum Metrics {
        /** Nothing. */
        NONE,
        /** An empty listener. */
        LISTENER,
        /** The pool times its tasks ({@code timeTasks()}), as a binding makes it, with no registry. */
        TIMED,
        /** {@link TaskPoolMetrics} bound to Micrometer's {@link SimpleMeterRegistry}. */
        SIMPLE,
        /** {@link TaskPoolMetrics} bound to a {@link PrometheusMeterRegistry} with its defaults. */
        PROMETHEUS
    }

    private static final long PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final String POOL_NAME = "map";

    @Param("10000")
    public int items;

    @Param("64")
    public int concurrency;

    @Param({"CPU", "PARK"})
    public Work work;

    @Param({"NONE", "LISTENER", "TIMED", "SIMPLE", "PROMETHEUS"})
    public Metrics metrics;

    private List<Integer> inputs;
    private MeterRegistry registry;
    private TaskPool pool;
    private TaskPoolMetrics bound;

    @Setup
    public void setUp() throws InterruptedException {
        inputs = IntStream.range(0, items).boxed().toList();
        registry = switch (metrics) {
            case NONE, LISTENER, TIMED -> null;
            case SIMPLE -> new SimpleMeterRegistry();
            case PROMETHEUS -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        };
        if (registry != null) {
            checkEveryTaskIsTimed();
        }
    }

    /** A bound pool must really time each task once, and its meters must go with its binding. */
    private void checkEveryTaskIsTimed() throws InterruptedException {
        newPool();
        pool.map(element -> { }, inputs, concurrency);
        pool.gatherAndClose();
        double timed = registry.get(TaskPoolMetrics.DURATION)
                .tag(TaskPoolMetrics.OUTCOME_TAG, TaskPoolMetrics.outcomeTag(TaskOutcome.COMPLETED))
                .functionTimer().count();
        unbind();
        if (timed != items) {
            throw new IllegalStateException("timed " + timed + " tasks instead of " + items);
        }
        if (!registry.getMeters().isEmpty()) {
            throw new IllegalStateException("meters left after unbinding: " + registry.getMeters());
        }
    }

    /** Before each map, as a program does once: a pool, and its listener or its binding. */
    @Setup(Level.Invocation)
    public void newPool() {
        pool = new TaskPool(BaseTaskPool.UNBOUNDED, POOL_NAME);
        if (metrics == Metrics.LISTENER) {
            pool.addListener(new PoolListener() { });
        } else if (metrics == Metrics.TIMED) {
            pool.timeTasks();
        } else if (registry != null) {
            bound = new TaskPoolMetrics(pool);
            bound.bindTo(registry);
        }
    }

    @TearDown(Level.Invocation)
    public void unbind() {
        if (bound != null) {
            bound.close();
            bound = null;
        }
    }

    @TearDown
    public void tearDown() {
        if (registry != null) {
            registry.close();
        }
    }

    @Benchmark
    public void taskPool() throws InterruptedException {
        pool.map(this::doWork, inputs, concurrency);
        pool.gatherAndClose();
    }

    /** The same work as {@link MapBenchmark}'s. */
    private void doWork(int element) {
        switch (work) {
            case CPU -> Blackhole.consumeCPU(100);
            case PARK -> LockSupport.parkNanos(PARK_NANOS);
        }
    }
}
