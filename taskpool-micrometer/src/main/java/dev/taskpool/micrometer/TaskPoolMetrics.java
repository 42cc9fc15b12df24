package dev.taskpool.micrometer;

import dev.taskpool.Autoscaler;
import dev.taskpool.BaseTaskPool;
import dev.taskpool.SimpleTaskPool;
import dev.taskpool.TaskOutcome;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToDoubleFunction;

/**
 * Publishes one pool to a Micrometer {@link MeterRegistry}: how many tasks run, wait and fit,
 * how many started and how each ended since the pool was created, and how long they ran.
 *
 * <pre>{@code
 * TaskPoolMetrics metrics = new TaskPoolMetrics(pool);
 * metrics.bindTo(registry);
 * ...
 * metrics.close();   // removes the pool's meters and stops timing its tasks
 * }</pre>
 *
 * <h2>Meters</h2>
 * Every meter has the tag {@value #POOL_TAG} with the pool's name; the timers also have
 * {@value #OUTCOME_TAG}. The tag keys are the same for every pool, so one query covers them all.
 * <table>
 *   <caption>The meters of one pool</caption>
 *   <tr><th>name</th><th>type</th><th>what</th></tr>
 *   <tr><td>{@value #RUNNING}</td><td>gauge</td><td>tasks running now ({@link BaseTaskPool#numRunning()})</td></tr>
 *   <tr><td>{@value #QUEUED}</td><td>gauge</td><td>tasks of groups of known size waiting to start,
 *       for room in the pool or in their group</td></tr>
 *   <tr><td>{@value #POOL_SIZE}</td><td>gauge</td><td>the pool size; {@code +Inf} when unbounded</td></tr>
 *   <tr><td>{@value #STARTED}</td><td>function counter</td><td>tasks started since the pool was created</td></tr>
 *   <tr><td>{@value #COMPLETED}</td><td>function counter</td><td>tasks whose body returned, uncancelled</td></tr>
 *   <tr><td>{@value #FAILED}</td><td>function counter</td><td>tasks whose body threw</td></tr>
 *   <tr><td>{@value #CANCELLED}</td><td>function counter</td><td>tasks cancelled</td></tr>
 *   <tr><td>{@value #TIMED_OUT}</td><td>function counter</td><td>tasks whose timeout passed</td></tr>
 *   <tr><td>{@value #AUTOSCALER_UPS}, {@value #AUTOSCALER_DOWNS}</td><td>function counters</td><td>for a
 *       {@link SimpleTaskPool}, how often its autoscaler scaled up and down (0 without one)</td></tr>
 *   <tr><td>{@value #AUTOSCALER_WANTED}</td><td>gauge</td><td>the workers its autoscaler's last sample
 *       wanted; {@code NaN} without one, or before its first sample</td></tr>
 *   <tr><td>{@value #DURATION}</td><td>function timer</td><td>how many tasks ended and how long they
 *       ran in all, from start to end, one timer per outcome: {@code completed}, {@code failed},
 *       {@code cancelled}, {@code timed_out}</td></tr>
 * </table>
 * The counters read the pool's lifetime totals ({@link BaseTaskPool#stats()}), so they count
 * what happened before binding too and never go down; a flush leaves them alone. The four timers
 * count from the binding on, and exist from then on, also before any task has ended with their
 * outcome, so a dashboard sees a fixed set of series. They are {@link FunctionTimer}s, a count
 * and a total time ({@code _count} and {@code _sum} in Prometheus, from which rates and mean
 * durations follow), without the decaying maximum and the optional percentiles of a
 * {@code Timer}: keeping those for every task cost a map of sub-microsecond tasks about twice as
 * much as the sums (see the project's benchmarks).
 *
 * <h2>Binding</h2>
 * A binder binds once, to one registry; a second {@link #bindTo} throws. A registry takes one
 * binding per pool name: binding a pool again, or another pool of the same name, throws
 * {@link IllegalStateException} until the first binder is closed. Counting each task twice, or
 * two pools' figures mixed in one series, would otherwise go unnoticed.
 *
 * <h2>Cost and memory</h2>
 * Gauges and counters are read only when the registry is read (scraped or published), and
 * the queued gauge and the counters walk the pool's groups then. Durations are added up by
 * the pool itself ({@link BaseTaskPool#timeTasks()}, which binding turns on for good): each
 * ending task adds its run time to its outcome's total next to a count it updates anyway, a
 * clock read and an atomic addition, with no listener call and no allocation. Neither the
 * registry nor this binder keeps the pool alive: meters and binder hold it weakly, so a pool
 * dropped without closing its binder can be collected; its gauges then read {@code NaN} and
 * its counters their last value.
 *
 * <p>Thread-safe: {@link #bindTo} and {@link #close} may be called from any thread.
 */
public final class TaskPoolMetrics implements MeterBinder, AutoCloseable {

    /** The tag naming the pool, on every meter. */
    public static final String POOL_TAG = "pool";
    /** The tag naming a task's outcome, on the duration timer: a {@link TaskOutcome} in lower case. */
    public static final String OUTCOME_TAG = "outcome";

    /** Gauge: tasks running now. */
    public static final String RUNNING = "taskpool.tasks.running";
    /** Gauge: tasks waiting to start. */
    public static final String QUEUED = "taskpool.tasks.queued";
    /** Gauge: the pool size, {@code +Inf} when unbounded. */
    public static final String POOL_SIZE = "taskpool.pool.size";
    /** Function counter: tasks started. */
    public static final String STARTED = "taskpool.tasks.started";
    /** Function counter: tasks completed. */
    public static final String COMPLETED = "taskpool.tasks.completed";
    /** Function counter: tasks failed. */
    public static final String FAILED = "taskpool.tasks.failed";
    /** Function counter: tasks cancelled. */
    public static final String CANCELLED = "taskpool.tasks.cancelled";
    /** Function counter: tasks timed out. */
    public static final String TIMED_OUT = "taskpool.tasks.timed.out";
    /** Timer: how long tasks ran, by outcome. */
    public static final String DURATION = "taskpool.task.duration";
    /** Function counter: how often a simple pool's autoscaler scaled up. */
    public static final String AUTOSCALER_UPS = "taskpool.autoscaler.scale.ups";
    /** Function counter: how often a simple pool's autoscaler scaled down. */
    public static final String AUTOSCALER_DOWNS = "taskpool.autoscaler.scale.downs";
    /** Gauge: the workers a simple pool's autoscaler last wanted. */
    public static final String AUTOSCALER_WANTED = "taskpool.autoscaler.workers.wanted";

    /** Makes "is this pool name bound to this registry yet?" and the binding one step across binders. */
    private static final ReentrantLock BINDING = new ReentrantLock();

    private final WeakReference<BaseTaskPool> pool;
    private final String poolName;
    private final ReentrantLock lock = new ReentrantLock();
    private MeterRegistry registry;
    private List<Meter> meters = List.of();
    private boolean closed;
    private TaskTimes times;

    /**
     * A binder for {@code pool}; nothing is published until {@link #bindTo} is called.
     *
     * @param pool the pool to publish, under its {@link BaseTaskPool#name() name}
     * @throws NullPointerException if {@code pool} is null
     */
    public TaskPoolMetrics(BaseTaskPool pool) {
        this.pool = new WeakReference<>(Objects.requireNonNull(pool, "pool"));
        this.poolName = pool.name();
    }

    /**
     * Registers the pool's meters with {@code registry} and starts timing its tasks as they end.
     *
     * @throws IllegalStateException if this binder was bound or closed before, if the registry
     *                               has a pool of this name bound already, or if the pool has
     *                               been collected
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the metrics of pool " + poolName + " were closed; bind a new "
                        + TaskPoolMetrics.class.getSimpleName());
            }
            if (this.registry != null) {
                throw new IllegalStateException("the metrics of pool " + poolName + " are bound already");
            }
            BaseTaskPool target = pool.get();
            if (target == null) {
                throw new IllegalStateException("pool " + poolName + " is gone");
            }
            BINDING.lock();
            try {
                if (registry.find(STARTED).tag(POOL_TAG, poolName).meter() != null) {
                    throw new IllegalStateException("a pool named " + poolName + " is bound to this registry "
                            + "already; close its " + TaskPoolMetrics.class.getSimpleName()
                            + " first, or give this pool another name");
                }
                this.meters = register(target, registry);
            } finally {
                BINDING.unlock();
            }
            this.registry = registry;
            target.timeTasks();
        } finally {
            lock.unlock();
        }
    }

    private List<Meter> register(BaseTaskPool target, MeterRegistry registry) {
        Tags tags = Tags.of(POOL_TAG, poolName);
        List<Meter> registered = new ArrayList<>();
        try {
            registerAll(target, registry, tags, registered);
        } catch (RuntimeException | Error e) {
            // A meter filter or a naming clash may refuse a meter: leave nothing half bound.
            registered.forEach(registry::remove);
            throw e;
        }
        return List.copyOf(registered);
    }

    private void registerAll(BaseTaskPool target, MeterRegistry registry, Tags tags, List<Meter> registered) {
        registered.add(gauge(RUNNING, "Tasks running now", target, BaseTaskPool::numRunning, tags, registry));
        registered.add(gauge(QUEUED, "Tasks of groups of known size waiting for room to start",
                target, p -> p.stats().queued(), tags, registry));
        registered.add(gauge(POOL_SIZE, "How many tasks may run at once; +Inf when unbounded",
                target, TaskPoolMetrics::poolSize, tags, registry));
        registered.add(counter(STARTED, "Tasks started since the pool was created",
                target, p -> p.stats().started(), tags, registry));
        registered.add(counter(COMPLETED, "Tasks whose body returned, uncancelled, since the pool was created",
                target, p -> p.stats().completed(), tags, registry));
        registered.add(counter(FAILED, "Tasks whose body threw since the pool was created",
                target, p -> p.stats().failed(), tags, registry));
        registered.add(counter(CANCELLED, "Tasks cancelled since the pool was created",
                target, p -> p.stats().cancelledTotal(), tags, registry));
        registered.add(counter(TIMED_OUT, "Tasks whose timeout passed since the pool was created",
                target, p -> p.stats().timedOut(), tags, registry));
        if (target instanceof SimpleTaskPool) {
            registered.add(counter(AUTOSCALER_UPS, "How often the pool's autoscaler scaled up",
                    target, p -> autoscaler(p).map(a -> (double) a.state().scaleUps()).orElse(0.0), tags, registry));
            registered.add(counter(AUTOSCALER_DOWNS, "How often the pool's autoscaler scaled down",
                    target, p -> autoscaler(p).map(a -> (double) a.state().scaleDowns()).orElse(0.0), tags, registry));
            registered.add(gauge(AUTOSCALER_WANTED, "The workers the autoscaler's last sample wanted",
                    target, p -> autoscaler(p).map(a -> a.state().wanted()).filter(w -> w >= 0)
                            .map(Integer::doubleValue).orElse(Double.NaN), tags, registry));
        }
        // The timers hold the pool weakly, and the functions, which hold the times, strongly.
        TaskTimes times = new TaskTimes();
        for (TaskOutcome outcome : TaskOutcome.values()) {
            registered.add(FunctionTimer.builder(DURATION, target, p -> times.count(p, outcome),
                            p -> times.totalNanos(p, outcome), TimeUnit.NANOSECONDS)
                    .description("How long tasks ran, from their start to their end, by outcome")
                    .tags(tags)
                    .tag(OUTCOME_TAG, outcomeTag(outcome))
                    .register(registry));
        }
        this.times = times;
    }

    /**
     * The {@value #OUTCOME_TAG} tag's value for an outcome.
     *
     * @param outcome how tasks ended
     * @return its name in lower case: {@code completed}, {@code failed}, {@code cancelled}, {@code timed_out}
     */
    public static String outcomeTag(TaskOutcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    // The value functions below capture nothing: a function holding the pool would keep it alive
    // through the registry, whereas the meter itself holds it weakly.

    private static Gauge gauge(String name, String description, BaseTaskPool target,
                               ToDoubleFunction<BaseTaskPool> value, Tags tags, MeterRegistry registry) {
        return Gauge.builder(name, target, value).description(description).tags(tags).register(registry);
    }

    private static FunctionCounter counter(String name, String description, BaseTaskPool target,
                                           ToDoubleFunction<BaseTaskPool> value, Tags tags, MeterRegistry registry) {
        return FunctionCounter.builder(name, target, value).description(description).tags(tags).register(registry);
    }

    private static java.util.Optional<Autoscaler> autoscaler(BaseTaskPool pool) {
        return pool instanceof SimpleTaskPool simple ? simple.autoscaler() : java.util.Optional.empty();
    }

    private static double poolSize(BaseTaskPool pool) {
        int size = pool.poolSize();
        return size == BaseTaskPool.UNBOUNDED ? Double.POSITIVE_INFINITY : size;
    }

    /**
     * Removes the pool's meters from the registry and stops timing its tasks. Idempotent; a
     * binder never bound just becomes closed. The pool itself is left alone.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (registry == null) {
                return;
            }
            BaseTaskPool target = pool.get();
            if (target != null) {
                times.freeze(target);
            }
            meters.forEach(registry::remove);
            meters = List.of();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The name of the pool this binder publishes.
     *
     * @return the value of its meters' {@value #POOL_TAG} tag
     */
    public String poolName() {
        return poolName;
    }

    /** {@code TaskPoolMetrics[<pool name>]}. */
    @Override
    public String toString() {
        return "TaskPoolMetrics[" + poolName + "]";
    }


    /**
     * What the duration timers read: the pool's task times, or, once the binder is closed,
     * their values at that moment, so that a timer kept after closing stops counting.
     */
    private static final class TaskTimes {

        private volatile long[] frozen;

        long count(BaseTaskPool pool, TaskOutcome outcome) {
            long[] last = frozen;
            return last != null ? last[2 * outcome.ordinal()] : pool.timedTasks(outcome);
        }

        double totalNanos(BaseTaskPool pool, TaskOutcome outcome) {
            long[] last = frozen;
            return last != null ? last[2 * outcome.ordinal() + 1] : pool.taskNanos(outcome);
        }

        void freeze(BaseTaskPool pool) {
            long[] last = new long[2 * TaskOutcome.values().length];
            for (TaskOutcome outcome : TaskOutcome.values()) {
                last[2 * outcome.ordinal()] = pool.timedTasks(outcome);
                last[2 * outcome.ordinal() + 1] = pool.taskNanos(outcome);
            }
            frozen = last;
        }
    }
}
