package dev.taskpool;

import dev.taskpool.function.CheckedRunnable;
import dev.taskpool.function.TaskCallback;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Random operations on a pool from three threads at once, while its tasks end by themselves
 * at random (at once, failing, after a short while, when a gate opens, or only a while after
 * being interrupted), checked against a model of the pool: every observation made during
 * the run (counters, task states) against what the history says was possible in its clock
 * window, and every operation's outcome against the pool size, the lock, the groups and the
 * tasks' fates. {@link PoolHistoryChecks} holds the model's rules.
 */
class PoolModelProperties {

    sealed interface Op permits Start, Stop, Cancel, CancelGroup, CancelAll, Resize, Lock, Unlock, Flush, Observe {
    }

    record Start(int num) implements Op { }

    record Stop(int num) implements Op { }

    record Cancel(int... ids) implements Op {
        @Override
        public String toString() {
            return "Cancel" + java.util.Arrays.toString(ids);
        }
    }

    record CancelGroup(int index) implements Op { }

    record CancelAll() implements Op { }

    record Resize(int size) implements Op { }

    record Lock() implements Op { }

    record Unlock() implements Op { }

    record Flush() implements Op { }

    record Observe() implements Op { }

    /** How a task behaves, drawn from the run's seed and the task's ID. */
    enum Behaviour {
        QUICK, FAILING, SHORT, GATED, STUBBORN;

        static Behaviour of(long seed, int id) {
            return values()[new SplittableRandom(seed * 31 + id).nextInt(values().length)];
        }
    }

    @Provide
    Arbitrary<Op> ops() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 4).map(Start::new),
                Arbitraries.integers().between(1, 4).map(Start::new),
                Arbitraries.integers().between(0, 3).map(Stop::new),
                Arbitraries.integers().between(0, 30).list().ofMinSize(1).ofMaxSize(3).uniqueElements()
                        .map(ids -> new Cancel(ids.stream().mapToInt(Integer::intValue).toArray())),
                Arbitraries.integers().between(0, 8).map(CancelGroup::new),
                Arbitraries.just(new CancelAll()),
                Arbitraries.integers().between(0, 5).map(Resize::new),
                Arbitraries.just(new Lock()),
                Arbitraries.just(new Unlock()),
                Arbitraries.just(new Flush()),
                Arbitraries.just(new Observe()),
                Arbitraries.just(new Observe()));
    }

    @Property(tries = 200)
    void simplePoolFollowsTheModel(@ForAll @Size(max = 25) List<@From("ops") Op> first,
                                   @ForAll @Size(max = 25) List<@From("ops") Op> second,
                                   @ForAll @Size(max = 25) List<@From("ops") Op> third,
                                   @ForAll @IntRange(min = 1, max = 4) int initialSize,
                                   @ForAll long seed) throws Exception {
        new Run(initialSize, false, seed).check(List.of(first, second, third));
    }

    @Property(tries = 200)
    void generalPoolFollowsTheModel(@ForAll @Size(max = 25) List<@From("ops") Op> first,
                                    @ForAll @Size(max = 25) List<@From("ops") Op> second,
                                    @ForAll @Size(max = 25) List<@From("ops") Op> third,
                                    @ForAll @IntRange(min = 1, max = 4) int initialSize,
                                    @ForAll long seed) throws Exception {
        new Run(initialSize, true, seed).check(List.of(first, second, third));
    }

    /** One run: a pool, its instrumented tasks and callbacks, and the history they record. */
    static final class Run {
        final boolean general;
        final long seed;
        final int initialSize;
        final BaseTaskPool pool;
        final PoolHistory history = new PoolHistory();
        final CountDownLatch gate = new CountDownLatch(1);
        final List<String> groupNames = new CopyOnWriteArrayList<>();

        Run(int initialSize, boolean general, long seed) {
            this.general = general;
            this.seed = seed;
            this.initialSize = initialSize;
            if (general) {
                pool = new TaskPool(initialSize);
            } else {
                pool = SimpleTaskPool.builder(body()).poolSize(initialSize)
                        .onEnd(this::onEnd).onCancel(this::onCancel).build();
            }
        }

        void check(List<List<Op>> perThread) throws Exception {
            try {
                execute(perThread);
                PoolHistoryChecks checks = new PoolHistoryChecks(this);
                settle(checks);
                // Only now is each task's fate known, against which the run is judged.
                checks.duringTheRun();
            } finally {
                gate.countDown();
            }
            assertThat(history.violations).as("violations (seed %d)", seed).isEmpty();
        }

        CheckedRunnable body() {
            return () -> {
                long began = history.tick();
                int id = taskId();
                history.bodyStart.compareAndSet(id, 0, began);
                history.bodyRuns.incrementAndGet(id);
                try {
                    behave(Behaviour.of(seed, id), id);
                } finally {
                    history.bodyEnd.set(id, history.tick());
                }
            };
        }

        private void behave(Behaviour behaviour, int id) throws Exception {
            switch (behaviour) {
                case QUICK -> { }
                case FAILING -> throw new IllegalStateException("task " + id + " fails");
                case SHORT -> {
                    LockSupport.parkNanos(new SplittableRandom(seed + id).nextLong(300_000));
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
                case GATED -> gate.await();
                case STUBBORN -> {
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        // Slow to stop: goes on a little while after being interrupted.
                        LockSupport.parkNanos(new SplittableRandom(seed - id).nextLong(300_000));
                    }
                }
            }
        }

        private static int taskId() {
            String name = Thread.currentThread().getName();
            return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
        }

        void onEnd(long taskId) {
            int id = (int) taskId;
            history.endEntry.compareAndSet(id, 0, history.tick());
            history.endCalls.incrementAndGet(id);
            TaskInfo self = self(id, "end");
            if (self != null) {
                history.groupOf.put(id, self.group());
                if (self.state() == TaskState.RUNNING || self.state() == TaskState.CANCELLING) {
                    history.violation("task " + id + " is " + self.state() + " in its end callback");
                }
            }
            history.endClock.set(id, history.tick());
        }

        void onCancel(long taskId) {
            int id = (int) taskId;
            history.cancelEntry.compareAndSet(id, 0, history.tick());
            history.cancelCalls.incrementAndGet(id);
            TaskInfo self = self(id, "cancel");
            if (self != null && self.state() != TaskState.CANCELLED) {
                history.violation("task " + id + " is " + self.state() + " in its cancel callback");
            }
            if (pool.numCancelled() < 1) {
                history.violation("task " + id + "'s cancel callback sees numCancelled " + pool.numCancelled());
            }
            history.cancelClock.set(id, history.tick());
        }

        /** The task as the pool lists it from its own callback: still known, and in a callback. */
        private TaskInfo self(int id, String callback) {
            for (TaskInfo task : pool.tasks()) {
                if (task.id() == id) {
                    if (!task.inCallback()) {
                        history.violation("task " + id + " is not shown in its " + callback + " callback");
                    }
                    return task;
                }
            }
            history.violation("task " + id + " is not listed during its " + callback + " callback");
            return null;
        }

        void execute(List<List<Op>> perThread) throws InterruptedException {
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (List<Op> ops : perThread) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                        ops.forEach(this::apply);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            go.countDown();
            for (Thread thread : threads) {
                if (!thread.join(Duration.ofSeconds(30))) {
                    history.violation("an operation thread hung: " + List.of(thread.getStackTrace()));
                }
            }
        }

        void apply(Op op) {
            long start = history.tick();
            Object result = null;
            Throwable error = null;
            try {
                result = run(op, start);
            } catch (Throwable e) {
                error = e;
                if (!PoolHistoryChecks.mayFail(op, e)) {
                    history.violation(op + " threw " + e);
                }
            }
            history.ops.add(new PoolHistory.OpRecord(op, start, history.tick(), result, error));
        }

        private Object run(Op op, long start) {
            return switch (op) {
                case Start s -> start(s.num(), start);
                case Stop s -> pool instanceof SimpleTaskPool simple ? simple.stop(s.num()) : List.of();
                case Cancel c -> {
                    pool.cancel(java.util.Arrays.stream(c.ids()).asLongStream().toArray());
                    yield null;
                }
                case CancelGroup cg -> {
                    if (cg.index() >= groupNames.size()) {
                        yield null;
                    }
                    String name = groupNames.get(cg.index());
                    pool.cancelGroup(name);
                    yield name;
                }
                case CancelAll all -> {
                    pool.cancelAll();
                    yield null;
                }
                case Resize r -> {
                    pool.setPoolSize(r.size());
                    yield null;
                }
                case Lock l -> {
                    pool.lock();
                    yield null;
                }
                case Unlock u -> {
                    pool.unlock();
                    yield null;
                }
                case Flush f -> pool.flush(true);
                case Observe o -> observe(start);
            };
        }

        private String start(int num, long clock) {
            String name;
            if (pool instanceof TaskPool taskPool) {
                // Named before the call, so that the group's creation time is known to be earlier.
                boolean map = groupNames.size() % 2 == 1;
                name = (map ? "m" : "g") + groupNames.size() + "-" + System.nanoTime();
                history.groupCreated.put(name, clock);
                TaskCallback end = this::onEnd;
                if (map) {
                    CheckedRunnable task = body();
                    List<Integer> items = IntStream.range(0, num).boxed().toList();
                    taskPool.map(item -> task.run(), items, 1 + num % 2, name, end, this::onCancel);
                } else {
                    taskPool.apply(body(), num, name, end, this::onCancel);
                }
            } else {
                name = ((SimpleTaskPool) pool).start(num);
                history.groupCreated.put(name, clock);
            }
            groupNames.add(name);
            return name;
        }

        private PoolHistory.Observation observe(long start) {
            int running = pool.numRunning();
            int cancelled = pool.numCancelled();
            int ended = pool.numEnded();
            List<TaskInfo> tasks = pool.tasks();
            int started = (int) pool.stats().started();
            PoolHistory.Observation observation = new PoolHistory.Observation(start, history.tick(),
                    running, cancelled, ended, started, tasks);
            history.observations.add(observation);
            return observation;
        }

        /**
         * Lets everything queued start and everything that can end without the gate end, then
         * checks the quiet pool, then opens the gate and closes the pool.
         */
        private void settle(PoolHistoryChecks checks) throws InterruptedException {
            pool.unlock();
            pool.setPoolSize(BaseTaskPool.UNBOUNDED);
            // Map groups may wait for a slot of their own until the gate opens; the rest settles.
            await().atMost(Duration.ofSeconds(30)).until(() -> pool.groups().stream()
                    .noneMatch(g -> g.spawning() && !g.name().startsWith("m"))
                    && pool.tasks().stream().allMatch(t -> t.state() == TaskState.RUNNING
                            ? Behaviour.of(seed, (int) t.id()) == Behaviour.GATED
                                    || Behaviour.of(seed, (int) t.id()) == Behaviour.STUBBORN
                            : t.state() != TaskState.CANCELLING && !t.inCallback()));
            checks.whenQuiet();
            gate.countDown();
            List<TaskFailure> failures = pool.gatherAndClose(true);
            checks.closed(failures);
        }
    }
}
