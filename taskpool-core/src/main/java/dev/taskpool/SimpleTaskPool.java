package dev.taskpool;

import dev.taskpool.function.CheckedRunnable;
import dev.taskpool.function.TaskCallback;
import dev.taskpool.internal.FunctionNames;
import dev.taskpool.internal.GroupSpec;
import dev.taskpool.internal.Repeat;
import dev.taskpool.internal.TaskGroup;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A pool of identical tasks: every task runs the one function the pool was made with.
 * Scale it up with {@link #start(int)} and down with {@link #stop(int)}, at any time and from
 * any thread, for instance from a control server.
 *
 * <pre>{@code
 * SimpleTaskPool workers = new SimpleTaskPool(() -> worker(queue));
 * workers.start(3);          // three workers
 * workers.stop(1);           // the newest one is cancelled
 * workers.stopAll();
 * workers.gatherAndClose();
 * }</pre>
 *
 * <p>Thread-safe; see {@link BaseTaskPool} for the contracts shared with {@link TaskPool}.
 */
public final class SimpleTaskPool extends BaseTaskPool {

    private final CheckedRunnable task;
    private final String functionName;
    private final TaskCallback onEnd;
    private final TaskCallback onCancel;
    private final Duration timeout;
    private final java.util.concurrent.atomic.AtomicReference<Autoscaler> autoscaler =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** An unbounded pool running {@code task}. */
    public SimpleTaskPool(CheckedRunnable task) {
        this(builder(task));
    }

    /** A pool running {@code task}, at most {@code poolSize} at once. */
    public SimpleTaskPool(CheckedRunnable task, int poolSize) {
        this(builder(task).poolSize(poolSize));
    }

    private SimpleTaskPool(Builder builder) {
        super(builder.poolSize, builder.name, builder.decorator, builder.threadNames, 0);
        this.task = builder.task;
        this.functionName = builder.functionName != null ? builder.functionName : FunctionNames.of(task);
        this.onEnd = builder.onEnd;
        this.onCancel = builder.onCancel;
        this.timeout = builder.timeout;
    }

    /** A builder for a pool running {@code task}, with every option. */
    public static Builder builder(CheckedRunnable task) {
        return new Builder(task);
    }

    /** The name of the function every task of this pool runs. */
    @ReadOnly
    public String funcName() {
        return functionName;
    }

    /**
     * Starts {@code num} new tasks, as room in the pool allows: those that do not fit wait
     * until running tasks end or the pool grows. Returns once the tasks that fit now have
     * started (they count in {@link #numRunning()}); the others start in the background.
     *
     * @param num how many tasks to start, at least 1
     * @return the name of the new group of tasks, {@code start-group-<k>}
     * @throws IllegalArgumentException if {@code num} is less than 1
     * @throws PoolIsLockedException    if the pool is locked
     * @throws PoolIsClosedException    if the pool is closed
     */
    public String start(int num) {
        if (num < 1) {
            throw new IllegalArgumentException("num must be at least 1, got " + num);
        }
        TaskGroup group = registry.spawn(new GroupSpec(null, "start", functionName, num, 0, onEnd, onCancel,
                timeout, true, captureDecorator()), new Repeat<>(task, num));
        return group.name();
    }

    /**
     * Cancels the {@code num} newest running tasks (all of them if fewer are running).
     * Tasks still waiting for room are not affected.
     *
     * @param num how many tasks to stop, 0 or more
     * @return the IDs of the cancelled tasks, newest first
     * @throws IllegalArgumentException if {@code num} is negative
     */
    public List<Long> stop(int num) {
        if (num < 0) {
            throw new IllegalArgumentException("num must be 0 or more, got " + num);
        }
        return registry.cancelNewest(num);
    }

    /**
     * Cancels every running task.
     *
     * @return the IDs of the cancelled tasks, newest first
     */
    public List<Long> stopAll() {
        return registry.cancelNewest(Integer.MAX_VALUE);
    }

    /**
     * The state of the pool's autoscaler: on or off, its limits, what it follows, and its
     * latest decisions with their reasons. With on or off, switches it first; with min and
     * max, changes its limits first.
     *
     * @param state on or off; leave it out to keep it as it is
     * @param min   the fewest workers to keep; leave it out to keep it
     * @param max   the most workers to keep; leave it out to keep it
     * @return the autoscaler's state after the change
     * @throws IllegalStateException    if the pool has no autoscaler (a program gives it one
     *                                  with {@link Autoscaler#builder})
     * @throws IllegalArgumentException unless {@code 0 <= min <= max}
     */
    public Autoscaler.State autoscale(@Default(positional = true) Autoscaler.Switch state, @Default Integer min,
                                      @Default Integer max) {
        Autoscaler scaler = autoscaler.get();
        if (scaler == null) {
            throw new IllegalStateException(name() + " has no autoscaler; a program gives it one with"
                    + " Autoscaler.builder(pool)");
        }
        if (min != null || max != null) {
            Autoscaler.State now = scaler.state();
            scaler.setLimits(min != null ? min : now.min(), max != null ? max : now.max());
        }
        if (state != null) {
            scaler.setOn(state == Autoscaler.Switch.ON);
        }
        return scaler.state();
    }

    /** The pool's autoscaler, if a program gave it one ({@link Autoscaler#builder}). */
    @LocalOnly
    public java.util.Optional<Autoscaler> autoscaler() {
        return java.util.Optional.ofNullable(autoscaler.get());
    }

    /** Attaches the pool's autoscaler; refuses a second. */
    void attach(Autoscaler scaler) {
        if (!autoscaler.compareAndSet(null, scaler)) {
            throw new IllegalStateException(name() + " has an autoscaler already");
        }
    }

    /** Detaches a closed autoscaler. */
    void detach(Autoscaler scaler) {
        autoscaler.compareAndSet(scaler, null);
    }

    /** Options of a {@link SimpleTaskPool}. Not thread-safe; build once. */
    public static final class Builder {
        private final CheckedRunnable task;
        private int poolSize = UNBOUNDED;
        private String name;
        private String functionName;
        private TaskCallback onEnd;
        private TaskCallback onCancel;
        private Duration timeout;
        private TaskDecorator decorator;
        private boolean threadNames = true;

        private Builder(CheckedRunnable task) {
            this.task = Objects.requireNonNull(task, "task");
        }

        /** At most this many tasks run at once; unbounded by default. */
        public Builder poolSize(int poolSize) {
            if (poolSize < 0) {
                throw new IllegalArgumentException("pool size must be 0 or more, got " + poolSize);
            }
            this.poolSize = poolSize;
            return this;
        }

        /** The pool's display name, instead of {@code SimpleTaskPool-<n>}. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The function name the pool reports (default: derived from the task's class). */
        public Builder functionName(String functionName) {
            this.functionName = functionName;
            return this;
        }

        /** Called with each task's ID when it ends, cancelled or not. */
        public Builder onEnd(TaskCallback onEnd) {
            this.onEnd = onEnd;
            return this;
        }

        /** Called with a cancelled task's ID when it has stopped, before the end callback. */
        public Builder onCancel(TaskCallback onCancel) {
            this.onCancel = onCancel;
            return this;
        }

        /**
         * How long each task may run: at the deadline it is interrupted and counts as timed
         * out. No limit by default.
         *
         * @throws IllegalArgumentException if {@code timeout} is not positive
         */
        public Builder timeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("timeout must be positive, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Wraps every task's body, for instance to set a logging or tracing context around it;
         * see {@link TaskDecorator}. None by default.
         */
        public Builder decorator(TaskDecorator decorator) {
            this.decorator = decorator;
            return this;
        }

        /**
         * Whether each task's thread is named {@code <pool>_Task-<id>}, as thread dumps, stack
         * traces and a log pattern's thread name show it; {@code true} by default. Unnamed
         * threads (an empty name) save each running task a string, about 64 bytes of heap,
         * which matters only for a million tasks or more at once. The pool's own log lines
         * and its control interface name tasks either way.
         */
        public Builder threadNames(boolean threadNames) {
            this.threadNames = threadNames;
            return this;
        }

        /** A new pool with these options. */
        public SimpleTaskPool build() {
            return new SimpleTaskPool(this);
        }
    }
}
