package dev.taskpool;

import dev.taskpool.function.CheckedConsumer;
import dev.taskpool.function.CheckedRunnable;
import dev.taskpool.function.TaskCallback;
import dev.taskpool.internal.FunctionNames;
import dev.taskpool.internal.GroupSpec;
import dev.taskpool.internal.MappedWork;
import dev.taskpool.internal.Repeat;
import dev.taskpool.internal.TaskGroup;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A general pool: each call starts a group of tasks running any function, either the same
 * call several times ({@code apply}) or once per element of an input ({@code map},
 * {@code starmap}, {@code doublestarmap}).
 *
 * <pre>{@code
 * TaskPool pool = new TaskPool(10);                      // at most 10 tasks at once
 * pool.apply(() -> Thread.sleep(10), 2);                  // two tasks
 * pool.map(url -> fetch(url), urls, 5);                   // 5 at a time until urls run out
 * pool.gatherAndClose();
 * }</pre>
 *
 * <p>Every call returns with the name of the new group: {@code apply} once the tasks that fit
 * in the pool now have started, the map family at once; the rest of the group's tasks are
 * started in the background as room allows, bounded by the pool size and, for the map
 * family, by {@code numConcurrent} tasks of the group at a time. Inputs are consumed lazily,
 * one element per task started, so an endless iterator works.
 *
 * <p>Thread-safe; see {@link BaseTaskPool} for the contracts shared with
 * {@link SimpleTaskPool}.
 */
public final class TaskPool extends BaseTaskPool {

    /** An unbounded pool. */
    public TaskPool() {
        this(UNBOUNDED, null);
    }

    /** A pool running at most {@code poolSize} tasks at once. */
    public TaskPool(int poolSize) {
        this(poolSize, null);
    }

    /**
     * A pool running at most {@code poolSize} tasks at once, displayed as {@code name}.
     *
     * @param name the display name, or {@code null} for {@code TaskPool-<n>}
     * @throws IllegalArgumentException if {@code poolSize} is negative
     */
    public TaskPool(int poolSize, String name) {
        super(checkSize(poolSize), name);
    }

    /** A pool whose first task gets ID {@code firstId}: a seam for tests of long runs. */
    TaskPool(int poolSize, String name, long firstId) {
        super(checkSize(poolSize), name, null, true, firstId);
    }

    private TaskPool(Builder builder) {
        super(builder.poolSize, builder.name, builder.decorator, builder.threadNames, 0);
    }

    /** A builder for a pool with every option: size, name, task decorator, thread names. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts one task running {@code task}. Same as {@code apply(task, 1)}. */
    public String apply(CheckedRunnable task) {
        return apply(task, 1);
    }

    /** Starts {@code num} tasks running {@code task}; see the full {@link #apply(CheckedRunnable, int, String, TaskCallback, TaskCallback)}. */
    public String apply(CheckedRunnable task, int num) {
        return apply(task, num, null, null, null);
    }

    /** Starts {@code num} tasks running {@code task} in a group of the given name. */
    public String apply(CheckedRunnable task, int num, String groupName) {
        return apply(task, num, groupName, null, null);
    }

    /**
     * Starts {@code num} tasks that each run {@code task}, as room in the pool allows.
     *
     * @param task           what each task runs
     * @param num            how many tasks to start, at least 1
     * @param groupName      the new group's name, or {@code null} for {@code apply-<function>-group-<k>}
     * @param endCallback    called with each task's ID when it ends; may be {@code null}
     * @param cancelCallback called with a cancelled task's ID when it has stopped; may be {@code null}
     * @return the group's name
     * @throws IllegalArgumentException if {@code num} is less than 1
     * @throws DuplicateGroupException  if a group named {@code groupName} exists
     * @throws PoolIsLockedException    if the pool is locked
     * @throws PoolIsClosedException    if the pool is closed
     */
    public String apply(CheckedRunnable task, int num, String groupName, TaskCallback endCallback,
                        TaskCallback cancelCallback) {
        return apply(task, num, groupName, endCallback, cancelCallback, null);
    }

    /**
     * As {@link #apply(CheckedRunnable, int, String, TaskCallback, TaskCallback)}, each task
     * running for at most {@code timeout}: at the deadline it is interrupted and counts as
     * timed out; {@code null} for no limit.
     */
    public String apply(CheckedRunnable task, int num, String groupName, TaskCallback endCallback,
                        TaskCallback cancelCallback, Duration timeout) {
        Objects.requireNonNull(task, "task");
        return applyNamed(FunctionNames.of(task), task, num, groupName, endCallback, cancelCallback, timeout);
    }

    /**
     * Starts {@code num} tasks that each call {@code function} with the given arguments.
     * The arguments are bound and converted once, now, so a mismatch fails this call.
     *
     * @param function       the function to call
     * @param args           positional arguments, as a list or tuple; may be {@code null} for none
     * @param kwargs         named arguments, as a dict; may be {@code null} for none
     * @param num            how many tasks to start, at least 1
     * @param groupName      the new group's name, or {@code null} for {@code apply-<function>-group-<k>}
     * @param endCallback    called with each task's ID when it ends; may be {@code null}
     * @param cancelCallback called with a cancelled task's ID when it has stopped; may be {@code null}
     * @param timeout        how long each task may run: at the deadline it is interrupted and
     *                       counts as timed out; {@code null} for no limit
     * @return the group's name
     * @throws IllegalArgumentException if the arguments do not fit the function, {@code num} &lt; 1,
     *                                  or {@code timeout} is not positive
     * @throws DuplicateGroupException  if a group named {@code groupName} exists
     * @throws PoolIsLockedException    if the pool is locked
     * @throws PoolIsClosedException    if the pool is closed
     */
    public String apply(TaskFunction function, @Default List<?> args, @Default Map<String, ?> kwargs,
                        @Default("1") int num, @Default String groupName,
                        @Default TaskCallback endCallback, @Default TaskCallback cancelCallback,
                        @Default Duration timeout) {
        CheckedRunnable task = function.bound(args, kwargs);
        return applyNamed(function.name(), task, num, groupName, endCallback, cancelCallback, timeout);
    }

    /** As the full {@code apply} of a function, with no timeout. */
    public String apply(TaskFunction function, List<?> args, Map<String, ?> kwargs, int num, String groupName,
                        TaskCallback endCallback, TaskCallback cancelCallback) {
        return apply(function, args, kwargs, num, groupName, endCallback, cancelCallback, null);
    }

    private String applyNamed(String functionName, CheckedRunnable task, int num, String groupName,
                              TaskCallback endCallback, TaskCallback cancelCallback, Duration timeout) {
        if (num < 1) {
            throw new IllegalArgumentException("num must be at least 1, got " + num);
        }
        TaskGroup group = registry.spawn(new GroupSpec(groupName, "apply-" + functionName, functionName, num, 0,
                endCallback, cancelCallback, timeout, true, captureDecorator()), new Repeat<>(task, num));
        return group.name();
    }

    /** Calls {@code fn} once per element of {@code items}, {@code numConcurrent} at a time. */
    public <T> String map(CheckedConsumer<? super T> fn, Iterable<? extends T> items, int numConcurrent) {
        return map(fn, items, numConcurrent, null, null, null);
    }

    /** Like {@link #map(CheckedConsumer, Iterable, int)}, in a group of the given name. */
    public <T> String map(CheckedConsumer<? super T> fn, Iterable<? extends T> items, int numConcurrent,
                          String groupName) {
        return map(fn, items, numConcurrent, groupName, null, null);
    }

    /**
     * Starts one task per element of {@code items}, each calling {@code fn} with it, keeping
     * {@code numConcurrent} tasks of the group running (room in the pool allowing) until the
     * input is exhausted. Elements are taken from the iterator one at a time, only when a
     * task can start, on a background thread.
     *
     * @param fn             what each task runs with its element
     * @param items          the input; may be endless
     * @param numConcurrent  how many tasks of the group may run at once, at least 1
     * @param groupName      the new group's name, or {@code null} for {@code map-<function>-group-<k>}
     * @param endCallback    called with each task's ID when it ends; may be {@code null}
     * @param cancelCallback called with a cancelled task's ID when it has stopped; may be {@code null}
     * @return the group's name
     * @throws IllegalArgumentException if {@code numConcurrent} is less than 1
     * @throws DuplicateGroupException  if a group named {@code groupName} exists
     * @throws PoolIsLockedException    if the pool is locked
     * @throws PoolIsClosedException    if the pool is closed
     */
    public <T> String map(CheckedConsumer<? super T> fn, Iterable<? extends T> items, int numConcurrent,
                          String groupName, TaskCallback endCallback, TaskCallback cancelCallback) {
        return map(fn, items, numConcurrent, groupName, endCallback, cancelCallback, null);
    }

    /**
     * As {@link #map(CheckedConsumer, Iterable, int, String, TaskCallback, TaskCallback)}, each
     * task running for at most {@code timeout}: at the deadline it is interrupted and counts
     * as timed out; {@code null} for no limit.
     */
    public <T> String map(CheckedConsumer<? super T> fn, Iterable<? extends T> items, int numConcurrent,
                          String groupName, TaskCallback endCallback, TaskCallback cancelCallback,
                          Duration timeout) {
        Objects.requireNonNull(fn, "fn");
        return mapNamed("map", FunctionNames.of(fn), items, element -> () -> fn.accept(element),
                numConcurrent, groupName, endCallback, cancelCallback, timeout);
    }

    /** Calls {@code function} with each element of {@code items} as its one argument. */
    public String map(TaskFunction function, Iterable<?> items, int numConcurrent) {
        return map(function, items, numConcurrent, null, null, null);
    }

    /**
     * Starts one task per element of {@code argIter}, each calling {@code function} with the
     * element as its single argument, keeping {@code numConcurrent} tasks of the group running
     * until the input is exhausted. Each element is converted to the parameter's type when its
     * task runs, so a mismatch fails that task only.
     *
     * @param function       the function to call
     * @param argIter        the arguments, one per task; may be endless
     * @param numConcurrent  how many tasks of the group may run at once, at least 1
     * @param groupName      the new group's name, or {@code null} for {@code map-<function>-group-<k>}
     * @param endCallback    called with each task's ID when it ends; may be {@code null}
     * @param cancelCallback called with a cancelled task's ID when it has stopped; may be {@code null}
     * @param timeout        how long each task may run: at the deadline it is interrupted and
     *                       counts as timed out; {@code null} for no limit
     * @return the group's name
     * @throws IllegalArgumentException if {@code numConcurrent} is less than 1
     * @throws DuplicateGroupException  if a group named {@code groupName} exists
     * @throws PoolIsLockedException    if the pool is locked
     * @throws PoolIsClosedException    if the pool is closed
     */
    public String map(TaskFunction function, Iterable<?> argIter, @Default("1") int numConcurrent,
                      @Default String groupName, @Default TaskCallback endCallback,
                      @Default TaskCallback cancelCallback, @Default Duration timeout) {
        return mapNamed("map", function.name(), argIter,
                element -> () -> call(function, List.of(element), null),
                numConcurrent, groupName, endCallback, cancelCallback, timeout);
    }

    /** As the full {@code map} of a function, with no timeout. */
    public String map(TaskFunction function, Iterable<?> argIter, int numConcurrent, String groupName,
                      TaskCallback endCallback, TaskCallback cancelCallback) {
        return map(function, argIter, numConcurrent, groupName, endCallback, cancelCallback, null);
    }

    /** Calls {@code function} with each element of {@code argsIter} as its positional arguments. */
    public String starmap(TaskFunction function, Iterable<? extends List<?>> argsIter, int numConcurrent) {
        return starmap(function, argsIter, numConcurrent, null, null, null);
    }

    /**
     * Like {@code map}, but each element is a list of positional arguments, as Python's
     * {@code itertools.starmap}: {@code [[1, 2], [3, 4]]} calls {@code f(1, 2)} and
     * {@code f(3, 4)}. Arguments are bound and converted when each task runs.
     *
     * @param function       the function to call
     * @param argsIter       lists of positional arguments, one list per task; may be endless
     * @param numConcurrent  how many tasks of the group may run at once, at least 1
     * @param groupName      the new group's name, or {@code null} for {@code starmap-<function>-group-<k>}
     * @param endCallback    called with each task's ID when it ends; may be {@code null}
     * @param cancelCallback called with a cancelled task's ID when it has stopped; may be {@code null}
     * @param timeout        how long each task may run: at the deadline it is interrupted and
     *                       counts as timed out; {@code null} for no limit
     * @return the group's name
     * @throws IllegalArgumentException if {@code numConcurrent} is less than 1
     * @throws DuplicateGroupException  if a group named {@code groupName} exists
     * @throws PoolIsLockedException    if the pool is locked
     * @throws PoolIsClosedException    if the pool is closed
     */
    public String starmap(TaskFunction function, Iterable<? extends List<?>> argsIter,
                          @Default("1") int numConcurrent, @Default String groupName,
                          @Default TaskCallback endCallback, @Default TaskCallback cancelCallback,
                          @Default Duration timeout) {
        return mapNamed("starmap", function.name(), argsIter,
                args -> () -> call(function, args, null),
                numConcurrent, groupName, endCallback, cancelCallback, timeout);
    }

    /** As the full {@code starmap}, with no timeout. */
    public String starmap(TaskFunction function, Iterable<? extends List<?>> argsIter, int numConcurrent,
                          String groupName, TaskCallback endCallback, TaskCallback cancelCallback) {
        return starmap(function, argsIter, numConcurrent, groupName, endCallback, cancelCallback, null);
    }

    /** Calls {@code function} with each element of {@code kwargsIter} as its named arguments. */
    public String doublestarmap(TaskFunction function, Iterable<? extends Map<String, ?>> kwargsIter,
                                int numConcurrent) {
        return doublestarmap(function, kwargsIter, numConcurrent, null, null, null);
    }

    /**
     * Like {@code map}, but each element is a map of named arguments:
     * {@code [{'a': 1, 'b': 2}]} calls {@code f(a=1, b=2)}. Arguments are bound and converted
     * when each task runs.
     *
     * @param function       the function to call
     * @param kwargsIter     maps of named arguments, one map per task; may be endless
     * @param numConcurrent  how many tasks of the group may run at once, at least 1
     * @param groupName      the new group's name, or {@code null} for {@code doublestarmap-<function>-group-<k>}
     * @param endCallback    called with each task's ID when it ends; may be {@code null}
     * @param cancelCallback called with a cancelled task's ID when it has stopped; may be {@code null}
     * @param timeout        how long each task may run: at the deadline it is interrupted and
     *                       counts as timed out; {@code null} for no limit
     * @return the group's name
     * @throws IllegalArgumentException if {@code numConcurrent} is less than 1
     * @throws DuplicateGroupException  if a group named {@code groupName} exists
     * @throws PoolIsLockedException    if the pool is locked
     * @throws PoolIsClosedException    if the pool is closed
     */
    public String doublestarmap(TaskFunction function, Iterable<? extends Map<String, ?>> kwargsIter,
                                @Default("1") int numConcurrent, @Default String groupName,
                                @Default TaskCallback endCallback, @Default TaskCallback cancelCallback,
                                @Default Duration timeout) {
        return mapNamed("doublestarmap", function.name(), kwargsIter,
                kwargs -> () -> call(function, null, kwargs),
                numConcurrent, groupName, endCallback, cancelCallback, timeout);
    }

    /** As the full {@code doublestarmap}, with no timeout. */
    public String doublestarmap(TaskFunction function, Iterable<? extends Map<String, ?>> kwargsIter,
                                int numConcurrent, String groupName, TaskCallback endCallback,
                                TaskCallback cancelCallback) {
        return doublestarmap(function, kwargsIter, numConcurrent, groupName, endCallback, cancelCallback, null);
    }

    /**
     * Runs {@code callable} as one task of a group of its own, and returns a future of its
     * result: for code written against futures. The future completes with the result, or
     * exceptionally with what the callable threw, or with a {@link CancellationException} if
     * the task is cancelled (through the pool, or by cancelling the future, which cancels the
     * task: a task still waiting for room never starts, a running one is interrupted). A
     * failure is also kept by the pool as any task's is, and reported by {@link #flush()} and
     * {@link #gatherAndClose()} unless they are asked to return failures.
     *
     * @param callable what the task computes
     * @return the future of its result
     * @throws PoolIsLockedException if the pool is locked
     * @throws PoolIsClosedException if the pool is closed
     */
    @LocalOnly
    public <T> CompletableFuture<T> submit(Callable<T> callable) {
        Objects.requireNonNull(callable, "callable");
        TaskFuture<T> future = new TaskFuture<>(this);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        String name = apply(() -> {
            try {
                future.complete(callable.call());
            } catch (Throwable e) {
                // Settled in the callbacks: a cancellation's interrupt must read as a cancellation.
                thrown.set(e);
                throw e;
            }
        }, 1, null,
                id -> future.completeExceptionally(thrown.get() != null ? thrown.get()
                        : new CancellationException(name() + "_Task-" + id + " was cancelled before it ran")),
                id -> future.completeExceptionally(new CancellationException(name() + "_Task-" + id + " was cancelled")));
        future.attach(name);
        return future;
    }

    /**
     * An {@link java.util.concurrent.ExecutorService} whose commands run as tasks of one new
     * group of this pool; see {@link TaskPoolExecutor}. Same as {@code executor(null, 0)}.
     *
     * @throws PoolIsLockedException if the pool is locked
     * @throws PoolIsClosedException if the pool is closed
     */
    @LocalOnly
    public TaskPoolExecutor executor() {
        return executor(null, 0);
    }

    /**
     * An {@link java.util.concurrent.ExecutorService} whose commands run as tasks of one new
     * group of this pool, in the order submitted, as room in the pool allows; see
     * {@link TaskPoolExecutor}.
     *
     * @param groupName     the group's name, or {@code null} for {@code executor-group-<k>}
     * @param maxConcurrent at most this many of its commands run at once; 0 for no limit but
     *                      the pool's
     * @throws IllegalArgumentException if {@code maxConcurrent} is negative
     * @throws DuplicateGroupException  if {@code groupName} is taken
     * @throws PoolIsLockedException    if the pool is locked
     * @throws PoolIsClosedException    if the pool is closed
     */
    @LocalOnly
    public TaskPoolExecutor executor(String groupName, int maxConcurrent) {
        if (maxConcurrent < 0) {
            throw new IllegalArgumentException("maxConcurrent must be 0 or more, got " + maxConcurrent);
        }
        return new TaskPoolExecutor(this, input -> registry.spawn(new GroupSpec(groupName, "executor", "execute",
                TaskGroup.UNKNOWN, maxConcurrent, null, null, null, false, captureDecorator()), input));
    }

    /** A future whose cancellation cancels its task's group. */
    private static final class TaskFuture<T> extends CompletableFuture<T> {
        private final TaskPool pool;
        private volatile String group;

        TaskFuture(TaskPool pool) {
            this.pool = pool;
        }

        void attach(String groupName) {
            group = groupName;
            if (isCancelled()) {
                cancelGroup();
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled && group != null) {
                cancelGroup();
            }
            return cancelled;
        }

        private void cancelGroup() {
            try {
                pool.cancelGroup(group);
            } catch (UnknownGroupException alreadyCancelledOrForgotten) {
                // The task is over or was cancelled another way: nothing left to stop.
            }
        }
    }

    private static void call(TaskFunction function, List<?> args, Map<String, ?> kwargs) throws Exception {
        function.call(function.bind(args, kwargs));
    }

    private <T> String mapNamed(String kind, String functionName, Iterable<? extends T> items,
                                Function<? super T, CheckedRunnable> toTask, int numConcurrent,
                                String groupName, TaskCallback endCallback, TaskCallback cancelCallback,
                                Duration timeout) {
        Objects.requireNonNull(items, "items");
        if (numConcurrent < 1) {
            throw new IllegalArgumentException("numConcurrent must be at least 1, got " + numConcurrent);
        }
        // A collection's size is asked on the group's thread: it may be user code.
        TaskGroup group = registry.spawn(new GroupSpec(groupName, kind + "-" + functionName, functionName,
                TaskGroup.UNKNOWN, numConcurrent, endCallback, cancelCallback, timeout, false, captureDecorator()),
                new MappedWork<>(items, toTask));
        return group.name();
    }

    /** Options of a {@link TaskPool}. Not thread-safe; build once. */
    public static final class Builder {
        private int poolSize = UNBOUNDED;
        private String name;
        private TaskDecorator decorator;
        private boolean threadNames = true;

        private Builder() {
        }

        /** At most this many tasks run at once; unbounded by default. */
        public Builder poolSize(int poolSize) {
            this.poolSize = checkSize(poolSize);
            return this;
        }

        /** The pool's display name, instead of {@code TaskPool-<n>}. */
        public Builder name(String name) {
            this.name = name;
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
        public TaskPool build() {
            return new TaskPool(this);
        }
    }

    private static int checkSize(int poolSize) {
        if (poolSize < 0) {
            throw new IllegalArgumentException("pool size must be 0 or more, got " + poolSize);
        }
        return poolSize;
    }
}
