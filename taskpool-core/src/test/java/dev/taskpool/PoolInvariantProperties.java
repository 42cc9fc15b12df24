package dev.taskpool;

import dev.taskpool.function.CheckedRunnable;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Random interleavings of every pool operation, run from several threads at once, must
 * keep the pool's invariants: every started task ends exactly once, each callback fires
 * exactly once, the pool size is respected, nothing of a cancelled group starts
 * afterwards, and the counters add up.
 */
class PoolInvariantProperties {

    private static final int MAX_TASKS = 4096;

    sealed interface Op permits Start, Stop, Cancel, CancelGroup, Resize, Lock, Unlock, Flush, CancelAll {
    }

    record Start(int num) implements Op { }

    record Stop(int num) implements Op { }

    record Cancel(int id) implements Op { }

    record CancelGroup(int index) implements Op { }

    record Resize(int size) implements Op { }

    record Lock() implements Op { }

    record Unlock() implements Op { }

    record Flush() implements Op { }

    record CancelAll() implements Op { }

    @Provide
    Arbitrary<Op> ops() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 4).map(Start::new),
                Arbitraries.integers().between(1, 4).map(Start::new),
                Arbitraries.integers().between(0, 3).map(Stop::new),
                Arbitraries.integers().between(0, 30).map(Cancel::new),
                Arbitraries.integers().between(0, 8).map(CancelGroup::new),
                Arbitraries.integers().between(0, 5).map(Resize::new),
                Arbitraries.just(new Lock()),
                Arbitraries.just(new Unlock()),
                Arbitraries.just(new Flush()),
                Arbitraries.just(new CancelAll()));
    }

    @Property(tries = 400)
    void simplePoolKeepsItsInvariants(@ForAll @Size(max = 25) List<@From("ops") Op> first,
                                      @ForAll @Size(max = 25) List<@From("ops") Op> second,
                                      @ForAll @Size(max = 25) List<@From("ops") Op> third,
                                      @ForAll @IntRange(min = 1, max = 4) int initialSize) throws Exception {
        Run run = new Run(initialSize, false);
        run.execute(List.of(first, second, third));
        run.verify(noFlushIn(first, second, third));
    }

    @Property(tries = 400)
    void generalPoolKeepsItsInvariants(@ForAll @Size(max = 25) List<@From("ops") Op> first,
                                       @ForAll @Size(max = 25) List<@From("ops") Op> second,
                                       @ForAll @Size(max = 25) List<@From("ops") Op> third,
                                       @ForAll @IntRange(min = 1, max = 4) int initialSize) throws Exception {
        Run run = new Run(initialSize, true);
        run.execute(List.of(first, second, third));
        run.verify(noFlushIn(first, second, third));
    }

    @SafeVarargs
    private static boolean noFlushIn(List<Op>... lists) {
        for (List<Op> ops : lists) {
            if (ops.stream().anyMatch(op -> op instanceof Flush)) {
                return false;
            }
        }
        return true;
    }

    /** One run: a pool, its instrumented tasks, and what the threads observed. */
    private static final class Run {
        final boolean general;
        final BaseTaskPool pool;
        final CountDownLatch gate = new CountDownLatch(1);
        final AtomicIntegerArray bodyRuns = new AtomicIntegerArray(MAX_TASKS);
        final AtomicIntegerArray endCalls = new AtomicIntegerArray(MAX_TASKS);
        final AtomicIntegerArray cancelCalls = new AtomicIntegerArray(MAX_TASKS);
        final AtomicInteger active = new AtomicInteger();
        final AtomicInteger allowedMax;
        volatile boolean checkSize = true;
        final Queue<String> violations = new ConcurrentLinkedQueue<>();
        final List<String> groupNames = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** Group name to the IDs it had when its cancellation returned. */
        final Map<String, Set<Integer>> cancelledGroups = new ConcurrentHashMap<>();
        /** Group name to the IDs its end callbacks reported (general pool only). */
        final Map<String, Set<Integer>> endedByGroup = new ConcurrentHashMap<>();

        Run(int initialSize, boolean general) {
            this.general = general;
            this.allowedMax = new AtomicInteger(initialSize);
            if (general) {
                pool = new TaskPool(initialSize);
            } else {
                pool = SimpleTaskPool.builder(body()).poolSize(initialSize)
                        .onEnd(endCalls::incrementAndGet).onCancel(cancelCalls::incrementAndGet).build();
            }
        }

        CheckedRunnable body() {
            return () -> {
                String name = Thread.currentThread().getName();
                int id = Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
                bodyRuns.incrementAndGet(id);
                int now = active.incrementAndGet();
                try {
                    if (checkSize && now > allowedMax.get()) {
                        violations.add(now + " tasks running with pool size at most " + allowedMax.get());
                    }
                    gate.await();
                } finally {
                    active.decrementAndGet();
                }
            };
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
                thread.join();
            }
        }

        void apply(Op op) {
            try {
                switch (op) {
                    case Start start -> groupNames.add(start(start.num()));
                    case Stop stop -> {
                        if (pool instanceof SimpleTaskPool simple) {
                            simple.stop(stop.num());
                        }
                    }
                    case Cancel cancel -> pool.cancel(cancel.id());
                    case CancelGroup cg -> {
                        if (cg.index() < groupNames.size()) {
                            String name = groupNames.get(cg.index());
                            pool.cancelGroup(name);
                            cancelledGroups.put(name, pool.getGroupIds(name));
                        }
                    }
                    case Resize resize -> {
                        allowedMax.accumulateAndGet(resize.size(), Math::max);
                        pool.setPoolSize(resize.size());
                    }
                    case Lock lock -> pool.lock();
                    case Unlock unlock -> pool.unlock();
                    case Flush flush -> pool.flush(true);
                    case CancelAll all -> pool.cancelAll();
                }
            } catch (TaskPoolException expected) {
                // Refusals (locked, unknown or finished IDs and groups) are part of the game.
            }
        }

        String start(int num) {
            if (pool instanceof TaskPool general) {
                boolean map = groupNames.size() % 2 == 1;
                String name = (map ? "m" : "g") + groupNames.size() + "-" + System.nanoTime();
                Set<Integer> ended = ConcurrentHashMap.newKeySet();
                endedByGroup.put(name, ended);
                dev.taskpool.function.TaskCallback onEnd = id -> {
                    endCalls.incrementAndGet(id);
                    ended.add(id);
                };
                if (map) {
                    // A map group, at most two at a time: finished tasks hand their slot over.
                    CheckedRunnable task = body();
                    List<Integer> items = java.util.stream.IntStream.range(0, num).boxed().toList();
                    return general.map(item -> task.run(), items, 1 + num % 2, name, onEnd,
                            cancelCalls::incrementAndGet);
                }
                return general.apply(body(), num, name, onEnd, cancelCalls::incrementAndGet);
            }
            return ((SimpleTaskPool) pool).start(num);
        }

        void verify(boolean noFlush) throws InterruptedException {
            // Let everything queued start and everything running end.
            checkSize = false;
            pool.unlock();
            pool.setPoolSize(BaseTaskPool.UNBOUNDED);
            // Map groups may wait for a slot of their own until the gate opens; the rest settles.
            await().until(() -> pool.groups().stream().noneMatch(g -> g.spawning() && !g.name().startsWith("m"))
                    && pool.tasks().stream().allMatch(t -> t.state() != TaskState.CANCELLING));
            if (noFlush) {
                await().until(() -> {
                    PoolStats stats = pool.stats();
                    return stats.started() == stats.running() + stats.cancelled() + stats.ended();
                });
            }
            gate.countDown();
            pool.gatherAndClose(true);

            assertThat(violations).isEmpty();
            int started = pool.stats().started();
            for (int id = 0; id < started; id++) {
                assertThat(endCalls.get(id)).as("end callbacks of task %d", id).isEqualTo(1);
                assertThat(cancelCalls.get(id)).as("cancel callbacks of task %d", id).isLessThanOrEqualTo(1);
                assertThat(bodyRuns.get(id)).as("runs of task %d", id).isLessThanOrEqualTo(1);
                if (cancelCalls.get(id) == 0) {
                    assertThat(bodyRuns.get(id)).as("runs of uncancelled task %d", id).isEqualTo(1);
                }
            }
            for (int id = started; id < MAX_TASKS; id++) {
                assertThat(endCalls.get(id)).isZero();
            }
            cancelledGroups.forEach((name, idsAtCancel) -> {
                Set<Integer> ended = endedByGroup.get(name);
                if (ended != null) {
                    assertThat(idsAtCancel).as("tasks of cancelled group %s", name).containsAll(ended);
                }
            });
        }
    }
}
