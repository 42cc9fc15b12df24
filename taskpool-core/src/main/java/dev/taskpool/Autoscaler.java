package dev.taskpool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Keeps the number of running workers of a {@link SimpleTaskPool} between a minimum and a
 * maximum, following a signal sampled at an interval: the backlog of a queue, the time items
 * wait, or any value with a target.
 *
 * <pre>{@code
 * Autoscaler autoscaler = Autoscaler.builder(workers)
 *         .limits(1, 20)
 *         .backlog(queue::size, 10)           // one worker per 10 waiting items
 *         .build();
 * autoscaler.start();                          // samples every second
 * }</pre>
 *
 * <h2>How it decides</h2>
 * At each sample the signal gives a number of workers wanted, clamped to the limits:
 * <ul>
 *   <li>a backlog: {@code ceil(depth / perWorker)};</li>
 *   <li>a value with a target (the time items wait, a utilisation): the running workers
 *       times {@code value / target}, rounded up; a value within the tolerance of its target
 *       (10% by default) wants the workers there are.</li>
 * </ul>
 * Scaling up is immediate: more workers are started as soon as a sample wants them. Scaling
 * down is slow: the count goes down only to the highest number wanted over the last
 * stabilisation window (30 s by default), by at most the scale-down step (1) a sample, and
 * never within the cool-down (10 s) after a scale-up. So a noisy signal moves the count up
 * once and keeps it there, instead of flapping; a scale-down never follows a scale-up within
 * the window. Scaling down stops the newest workers, as {@link SimpleTaskPool#stop} does.
 *
 * <h2>The operator stays in charge</h2>
 * The autoscaler can be switched off and on, and its limits changed, while it runs (from a
 * control client: {@code autoscale off}, {@code autoscale --min 2 --max 8}). A worker count
 * changed by someone else ({@code start 5}, {@code stop 2}) is taken as it is: the autoscaler
 * holds it for one cool-down before it acts again, and its stabilisation window starts anew.
 * Every decision is logged (logger {@code dev.taskpool.autoscale}) and kept with its reason;
 * {@link #state()} shows the latest ones.
 *
 * <p>Thread-safe. One autoscaler per pool.
 */
public final class Autoscaler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger("dev.taskpool.autoscale");
    private static final int DECISIONS_KEPT = 20;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    /** On or off, as a control client switches it. */
    public enum Switch {
        /** The autoscaler samples and scales. */
        ON,
        /** The autoscaler leaves the worker count alone. */
        OFF
    }

    /**
     * One change the autoscaler made or saw.
     *
     * @param at     the wall-clock time, {@code HH:mm:ss}
     * @param from   the workers before
     * @param to     the workers after
     * @param reason why, in words
     */
    public record Decision(String at, int from, int to, String reason) {
    }

    /**
     * What the autoscaler is doing.
     *
     * @param on         whether it is on
     * @param min        the fewest workers it keeps
     * @param max        the most workers it keeps
     * @param signal     what it follows
     * @param workers    the workers now: running, or started and waiting for room
     * @param wanted     the workers the last sample wanted, within the limits; -1 before the first
     * @param scaleUps   how many times it has scaled up
     * @param scaleDowns how many times it has scaled down
     * @param decisions  its latest decisions, oldest first
     */
    public record State(boolean on, int min, int max, String signal, double reading, int workers, int wanted, long scaleUps,
                        long scaleDowns, List<Decision> decisions) {
    }

    /** A signal turned into a number of workers wanted. */
    private interface Signal {
        /** The workers wanted with {@code current} running, and why; may throw. */
        Want want(int current);

        String describe();
    }

    private record Want(int workers, double reading, String why) {
    }

    private final SimpleTaskPool pool;
    private final Signal signal;
    private final long intervalNanos;
    private final long windowNanos;
    private final long cooldownNanos;
    private final int scaleDownStep;
    private final LongSupplier clock;
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock.
    private boolean on = true;
    private int min;
    private int max;
    private int expected = -1;
    private int wanted = -1;
    private double reading = -1;
    private long holdUntil = Long.MIN_VALUE;
    private long lastScaleUp = Long.MIN_VALUE;
    private long scaleUps;
    private long scaleDowns;
    private String lastSignalFailure;
    private final Deque<long[]> recommendations = new ArrayDeque<>();
    private final Deque<Decision> decisions = new ArrayDeque<>();
    private ScheduledExecutorService scheduler;

    private Autoscaler(Builder b) {
        this.pool = b.pool;
        this.signal = Objects.requireNonNull(b.signal, "a signal (backlog, waitTime or signal)");
        this.min = b.min;
        this.max = b.max;
        this.intervalNanos = b.interval.toNanos();
        this.windowNanos = b.window.toNanos();
        this.cooldownNanos = b.cooldown.toNanos();
        this.scaleDownStep = b.scaleDownStep;
        this.clock = b.clock;
    }

    /** A builder for an autoscaler of {@code pool}'s workers. */
    public static Builder builder(SimpleTaskPool pool) {
        return new Builder(pool);
    }

    /**
     * Starts sampling, every interval, on a thread of its own.
     *
     * @throws IllegalStateException if it was started before
     */
    public void start() {
        lock.lock();
        try {
            if (scheduler != null) {
                throw new IllegalStateException("the autoscaler of " + pool.name() + " was started before");
            }
            scheduler = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("taskpool-autoscaler-" + pool.name()).factory());
            scheduler.scheduleWithFixedDelay(this::sampleQuietly, 0, intervalNanos, TimeUnit.NANOSECONDS);
        } finally {
            lock.unlock();
        }
    }

    /** Stops sampling for good; the workers stay as they are. Idempotent. */
    @Override
    public void close() {
        ScheduledExecutorService running;
        lock.lock();
        try {
            running = scheduler;
        } finally {
            lock.unlock();
        }
        if (running != null) {
            running.shutdownNow();
        }
        pool.detach(this);
    }

    /** Switches the autoscaler on or off; off, it leaves the worker count alone. */
    public void setOn(boolean on) {
        lock.lock();
        try {
            if (this.on != on) {
                this.on = on;
                // Back on, it starts from the count it finds, with a fresh window.
                expected = -1;
                recommendations.clear();
                decide(workers(), workers(), "switched " + (on ? "on" : "off"));
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Changes the limits; the next sample applies them.
     *
     * @throws IllegalArgumentException unless {@code 0 <= min <= max}
     */
    public void setLimits(int min, int max) {
        checkLimits(min, max);
        lock.lock();
        try {
            if (this.min != min || this.max != max) {
                int workers = workers();
                decide(workers, workers, "limits changed from " + this.min + ".." + this.max + " to " + min + ".." + max);
                this.min = min;
                this.max = max;
            }
        } finally {
            lock.unlock();
        }
    }

    /** What the autoscaler is doing now. */
    public State state() {
        lock.lock();
        try {
            return new State(on, min, max, signal.describe(), reading, workers(), wanted, scaleUps, scaleDowns,
                    List.copyOf(decisions));
        } finally {
            lock.unlock();
        }
    }

    /** The pool's workers: running, or started and waiting for room. */
    private int workers() {
        PoolStats stats = pool.stats();
        return stats.running() + stats.queued();
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException | Error e) {
            log.error("The autoscaler of {} failed", pool.name(), e);
        }
    }

    /** Samples the signal once and scales if it should; what each interval does. */
    void sample() {
        lock.lock();
        try {
            if (!on || pool.isClosed()) {
                return;
            }
            long now = clock.getAsLong();
            int current = workers();
            if (expected >= 0 && current != expected) {
                holdUntil = now + cooldownNanos;
                recommendations.clear();
                decide(expected, current, "the workers changed without it (started, stopped or ended); holding "
                        + current + " for " + seconds(cooldownNanos));
                expected = current;
                return;
            }
            expected = current;
            Want want;
            try {
                want = signal.want(current);
                lastSignalFailure = null;
            } catch (RuntimeException e) {
                String failure = e.toString();
                if (!failure.equals(lastSignalFailure)) {
                    log.warn("The autoscaler of {} could not read its signal; it keeps {} workers", pool.name(), current, e);
                    lastSignalFailure = failure;
                }
                return;
            }
            reading = want.reading();
            int recommended = Math.clamp(want.workers(), min, max);
            wanted = recommended;
            recommendations.addLast(new long[] {now, recommended});
            while (!recommendations.isEmpty() && now - recommendations.peekFirst()[0] > windowNanos) {
                recommendations.removeFirst();
            }
            if (current < min) {
                scale(current, recommended, now, recommended > min ? want.why() + ": wants " + recommended
                        : "below the minimum of " + min);
            } else if (current > max) {
                scale(current, max, now, "above the maximum of " + max);
            } else if (now < holdUntil) {
                return;
            } else if (recommended > current) {
                scale(current, recommended, now, want.why() + ": wants " + recommended);
            } else if (recommended < current && now - lastScaleUp >= cooldownNanos) {
                long highest = recommendations.stream().mapToLong(r -> r[1]).max().orElse(recommended);
                if (highest < current) {
                    int target = (int) Math.max(highest, current - scaleDownStep);
                    scale(current, target, now, want.why() + ": has wanted at most " + highest + " for "
                            + seconds(windowNanos));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void scale(int from, int to, long now, String reason) {
        try {
            if (to > from) {
                pool.start(to - from);
                scaleUps++;
                lastScaleUp = now;
            } else {
                pool.stop(from - to);
                scaleDowns++;
            }
        } catch (TaskPoolException e) {
            // Locked or closed: the operator's word goes; try again at the next sample.
            log.debug("The autoscaler of {} could not scale from {} to {}: {}", pool.name(), from, to, e.getMessage());
            return;
        }
        expected = to;
        decide(from, to, reason);
    }

    private void decide(int from, int to, String reason) {
        Decision decision = new Decision(LocalTime.now().format(TIME), from, to, reason);
        decisions.addLast(decision);
        while (decisions.size() > DECISIONS_KEPT) {
            decisions.removeFirst();
        }
        log.info("Autoscaler of {}: {} -> {} workers: {}", pool.name(), from, to, reason);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.0f s", nanos / 1e9);
    }

    private static void checkLimits(int min, int max) {
        if (min < 0 || min > max) {
            throw new IllegalArgumentException("need 0 <= min <= max, got min " + min + " and max " + max);
        }
    }

    @Override
    public String toString() {
        return "Autoscaler[" + pool.name() + ", " + signal.describe() + "]";
    }

    /** Options of an {@link Autoscaler}. Not thread-safe; build once. */
    public static final class Builder {
        private final SimpleTaskPool pool;
        private Signal signal;
        private int min = 1;
        private int max = 10;
        private Duration interval = Duration.ofSeconds(1);
        private Duration window = Duration.ofSeconds(30);
        private Duration cooldown = Duration.ofSeconds(10);
        private int scaleDownStep = 1;
        private double tolerance = 0.1;
        private LongSupplier clock = System::nanoTime;

        private Builder(SimpleTaskPool pool) {
            this.pool = Objects.requireNonNull(pool, "pool");
        }

        /**
         * The fewest and the most workers to keep; 1 and 10 by default.
         *
         * @throws IllegalArgumentException unless {@code 0 <= min <= max}
         */
        public Builder limits(int min, int max) {
            checkLimits(min, max);
            this.min = min;
            this.max = max;
            return this;
        }

        /**
         * Follows the depth of a queue: one worker per {@code perWorker} items waiting.
         *
         * @throws IllegalArgumentException if {@code perWorker} is not positive
         */
        public Builder backlog(LongSupplier depth, double perWorker) {
            Objects.requireNonNull(depth, "depth");
            if (!(perWorker > 0)) {
                throw new IllegalArgumentException("perWorker must be positive, got " + perWorker);
            }
            this.signal = new Signal() {
                @Override
                public Want want(int current) {
                    long waiting = depth.getAsLong();
                    return new Want((int) Math.min(Integer.MAX_VALUE, (long) Math.ceil(waiting / perWorker)),
                            waiting, "backlog " + waiting);
                }

                @Override
                public String describe() {
                    return "backlog, " + format(perWorker) + " items per worker";
                }
            };
            return this;
        }

        /** Follows the time items wait before a worker takes them, keeping it near {@code target}. */
        public Builder waitTime(Supplier<Duration> wait, Duration target) {
            Objects.requireNonNull(wait, "wait");
            requirePositive(target, "target");
            return proportional(() -> wait.get().toNanos() / 1e9, target.toNanos() / 1e9,
                    "wait time, target " + format(target.toNanos() / 1e9) + " s");
        }

        /**
         * Follows any value that grows with the load per worker (a utilisation, a latency),
         * keeping it near {@code target}.
         *
         * @param name how the autoscaler's state and log name the signal
         */
        public Builder signal(String name, DoubleSupplier value, double target) {
            Objects.requireNonNull(value, "value");
            if (!(target > 0)) {
                throw new IllegalArgumentException("target must be positive, got " + target);
            }
            return proportional(value, target, name + ", target " + format(target));
        }

        private Builder proportional(DoubleSupplier value, double target, String description) {
            this.signal = new Signal() {
                @Override
                public Want want(int current) {
                    double v = value.getAsDouble();
                    double ratio = v / target;
                    String why = "signal " + format(v) + " against " + format(target);
                    if (Math.abs(ratio - 1) <= tolerance) {
                        return new Want(current, v, why);
                    }
                    // A pool with no worker has no load per worker to scale: one, if there is any load.
                    int base = Math.max(current, v > 0 ? 1 : 0);
                    return new Want((int) Math.min(Integer.MAX_VALUE, (long) Math.ceil(base * ratio)), v, why);
                }

                @Override
                public String describe() {
                    return description;
                }
            };
            return this;
        }

        /** How often the signal is sampled; a second by default. */
        public Builder interval(Duration interval) {
            this.interval = requirePositive(interval, "interval");
            return this;
        }

        /**
         * How long the number wanted must stay lower before the workers go down to it; 30 s by
         * default. Longer is steadier, shorter follows a falling load sooner.
         */
        public Builder stabilizationWindow(Duration window) {
            this.window = requireNotNegative(window, "window");
            return this;
        }

        /** How long after a scale-up, or after someone else changed the workers, nothing goes down; 10 s by default. */
        public Builder cooldown(Duration cooldown) {
            this.cooldown = requireNotNegative(cooldown, "cooldown");
            return this;
        }

        /**
         * The most workers stopped at one sample; 1 by default.
         *
         * @throws IllegalArgumentException if {@code step} is below 1
         */
        public Builder scaleDownStep(int step) {
            if (step < 1) {
                throw new IllegalArgumentException("step must be at least 1, got " + step);
            }
            this.scaleDownStep = step;
            return this;
        }

        /** How far a value may be from its target before it counts; 0.1 (10%) by default. */
        public Builder tolerance(double tolerance) {
            if (!(tolerance >= 0)) {
                throw new IllegalArgumentException("tolerance must be 0 or more, got " + tolerance);
            }
            this.tolerance = tolerance;
            return this;
        }

        /** The clock, in {@link System#nanoTime()} units: a seam for tests. */
        Builder clock(LongSupplier clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The autoscaler, attached to the pool (its control commands then reach it); call
         * {@link Autoscaler#start()} to set it going.
         *
         * @throws IllegalStateException if the pool has an autoscaler already
         * @throws NullPointerException  if no signal was given
         */
        public Autoscaler build() {
            Autoscaler autoscaler = new Autoscaler(this);
            pool.attach(autoscaler);
            return autoscaler;
        }

        private static Duration requirePositive(Duration d, String name) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }

        private static Duration requireNotNegative(Duration d, String name) {
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + d);
            }
            return d;
        }

        private static String format(double value) {
            return value == Math.rint(value) && Math.abs(value) < 1e15
                    ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.3g", value);
        }
    }
}
