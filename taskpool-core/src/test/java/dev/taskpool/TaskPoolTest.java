package dev.taskpool;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class TaskPoolTest {

    @Test
    void applyAcceptsLambdasThatThrowCheckedExceptions() throws Exception {
        TaskPool pool = new TaskPool(3);

        String group = pool.apply(() -> Thread.sleep(10), 2);

        assertThat(group).isEqualTo("apply-lambda-group-0");
        pool.gatherAndClose();
        assertThat(pool.isClosed()).isTrue();
    }

    @Test
    void applyStartsNumTasksInOneGroup() throws Exception {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool();

        String group = pool.apply(gate.task(), 4, "four");

        assertThat(group).isEqualTo("four");
        await().until(() -> gate.started.get() == 4);
        assertThat(pool.getGroupIds("four")).containsExactly(0L, 1L, 2L, 3L);
        gate.open();
        pool.gatherAndClose();
        assertThat(gate.finished).hasValue(4);
    }

    @Test
    void generatedGroupNamesCountPerPrefix() {
        TaskPool pool = new TaskPool();
        TaskFunction two = TaskFunction.of("two", List.of(
                TaskFunction.Parameter.of("a", int.class), TaskFunction.Parameter.of("b", int.class)), args -> { });

        assertThat(pool.apply(two, List.of(1, 2), null, 2, null, null, null)).isEqualTo("apply-two-group-0");
        assertThat(pool.apply(two, List.of(1, 2), null, 1, null, null, null)).isEqualTo("apply-two-group-1");
        assertThat(pool.starmap(two, List.of(List.of(1, 2)), 1)).isEqualTo("starmap-two-group-0");
        assertThat(pool.doublestarmap(two, List.of(Map.of("a", 1, "b", 2)), 1))
                .isEqualTo("doublestarmap-two-group-0");
        assertThat(pool.map(x -> { }, List.of(1), 1)).isEqualTo("map-lambda-group-0");
    }

    @Test
    void generatedNamesSkipNamesTakenExplicitly() {
        TaskPool pool = new TaskPool();
        Gate gate = new Gate();
        pool.apply(gate.task(), 1, "apply-lambda-group-0");

        assertThat(pool.apply(gate.task(), 1)).isEqualTo("apply-lambda-group-1");
        gate.open();
    }

    @Test
    void anExistingGroupNameIsRefused() {
        TaskPool pool = new TaskPool();
        Gate gate = new Gate();
        pool.apply(gate.task(), 1, "g");

        assertThatThrownBy(() -> pool.apply(gate.task(), 1, "g"))
                .isInstanceOf(DuplicateGroupException.class)
                .hasMessageContaining("g already exists");
        assertThatThrownBy(() -> pool.map(x -> { }, List.of(1), 1, "g"))
                .isInstanceOf(DuplicateGroupException.class);
        gate.open();
    }

    @Test
    void mapCallsTheFunctionOncePerElement() throws Exception {
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        TaskPool pool = new TaskPool();

        pool.map(seen::add, List.of(1, 2, 3, 4, 5), 2);

        pool.gatherAndClose();
        assertThat(seen).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }

    @Test
    void mapKeepsExactlyNumConcurrentTasksRunning() throws Exception {
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        Semaphore step = new Semaphore(0);
        TaskPool pool = new TaskPool();
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            items.add(i);
        }

        pool.map(item -> {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            step.acquire();
            concurrent.decrementAndGet();
        }, items, 3);

        for (int released = 0; released < 20; released++) {
            // Once the last release has ended its task, the group refills to exactly 3
            // (fewer near the end of the input).
            int endedSoFar = released;
            int expected = Math.min(3, 20 - released);
            await().until(() -> pool.numEnded() == endedSoFar
                    && pool.numRunning() == expected && concurrent.get() == expected);
            step.release();
        }
        pool.gatherAndClose();
        assertThat(maxConcurrent).hasValue(3);
    }

    @Test
    void mapConsumesAnEndlessIteratorLazily() {
        AtomicInteger pulled = new AtomicInteger();
        Iterable<Integer> endless = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return pulled.getAndIncrement();
            }
        };
        Gate gate = new Gate();
        TaskPool pool = new TaskPool();

        String group = pool.map(x -> gate.task().run(), endless, 4);

        await().until(() -> gate.started.get() == 4);
        // Only elements that could start were taken.
        assertThat(pulled).hasValue(4);
        pool.cancelGroup(group);
        assertThat(pool.numRunning()).isZero();
    }

    @Test
    void mapIsBoundedByThePoolSizeToo() throws Exception {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool(2);

        pool.map(x -> gate.task().run(), List.of(1, 2, 3, 4, 5), 4);

        await().until(() -> gate.started.get() == 2);
        assertThat(pool.isFull()).isTrue();
        assertThat(pool.groups().get(0).queued()).isEqualTo(3);
        gate.open();
        pool.gatherAndClose();
        assertThat(gate.finished).hasValue(5);
    }

    @Test
    void starmapSpreadsEachElementOverPositionalParameters() throws Exception {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        TaskFunction join = TaskFunction.of("join", List.of(
                TaskFunction.Parameter.of("a", String.class), TaskFunction.Parameter.of("b", int.class)),
                args -> calls.add(args[0] + ":" + args[1]));
        TaskPool pool = new TaskPool();

        pool.starmap(join, List.of(List.of("x", 1L), List.of("y", 2L)), 1);

        pool.gatherAndClose();
        assertThat(calls).containsExactly("x:1", "y:2");
    }

    @Test
    void doublestarmapBindsEachElementByName() throws Exception {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        TaskFunction join = TaskFunction.of("join", List.of(
                TaskFunction.Parameter.of("a", String.class), TaskFunction.Parameter.of("b", int.class)),
                args -> calls.add(args[0] + ":" + args[1]));
        TaskPool pool = new TaskPool();

        pool.doublestarmap(join, List.of(Map.of("b", 7, "a", "z")), 1);

        pool.gatherAndClose();
        assertThat(calls).containsExactly("z:7");
    }

    @Test
    void anElementThatDoesNotFitFailsOnlyItsTask() throws Exception {
        TaskFunction square = TaskFunction.of("square",
                List.of(TaskFunction.Parameter.of("n", int.class)), args -> { });
        TaskPool pool = new TaskPool();

        pool.map(square, List.of(1, "two", 3), 1, null, null, null);

        List<TaskFailure> failures = pool.gatherAndClose(true);
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.taskId()).isEqualTo(1);
            assertThat(f.error()).hasMessageContaining("parameter 'n' of square expects an integer");
        });
    }

    @Test
    void applyWithDeclaredFunctionChecksArgumentsAtOnce() {
        TaskFunction two = TaskFunction.of("two", List.of(
                TaskFunction.Parameter.of("a", int.class), TaskFunction.Parameter.of("b", int.class)), args -> { });
        TaskPool pool = new TaskPool();

        assertThatThrownBy(() -> pool.apply(two, List.of(1), null, 1, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two is missing a value for parameter 'b'");
        assertThat(pool.groups()).isEmpty();
    }

    @Test
    void mapRejectsNonPositiveConcurrency() {
        TaskPool pool = new TaskPool();

        assertThatThrownBy(() -> pool.map(x -> { }, List.of(1), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("numConcurrent must be at least 1, got 0");
    }

    @Test
    void aFailingInputIteratorStopsItsGroupAndIsReported() throws Exception {
        Iterable<Integer> broken = () -> new Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (n == 2) {
                    throw new IllegalStateException("input broke");
                }
                return n++;
            }
        };
        TaskPool pool = new TaskPool();

        pool.map(x -> { }, broken, 1, "broken");

        List<TaskFailure> failures = pool.gatherAndClose(true);
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.taskId()).isEqualTo(-1);
            assertThat(f.group()).isEqualTo("broken");
            assertThat(f.error()).hasMessage("input broke");
        });
    }

    @Test
    void groupCallbacksReceiveTheTaskIds() throws Exception {
        Set<Long> ended = ConcurrentHashMap.newKeySet();
        CountDownLatch allEnded = new CountDownLatch(3);
        TaskPool pool = new TaskPool();

        pool.apply(() -> { }, 3, null, id -> {
            ended.add(id);
            allEnded.countDown();
        }, null);

        allEnded.await();
        assertThat(ended).containsExactlyInAnyOrder(0L, 1L, 2L);
    }

    @RepeatedTest(20)
    void mapTasksStartingEachOthersSuccessorsStayWithinThePoolSize() throws Exception {
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        TaskPool pool = new TaskPool(2);
        List<Integer> items = java.util.stream.IntStream.range(0, 300).boxed().toList();
        // The work: a short blocking call, so that tasks overlap as much as the pool lets them.
        dev.taskpool.function.CheckedConsumer<Integer> work = item -> {
            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            java.util.concurrent.locks.LockSupport.parkNanos(50_000);
            active.decrementAndGet();
        };

        // One group at its own limit hands its slots over while the other waits for room.
        pool.map(work, items, 1);
        pool.map(work, items, 4);

        pool.gatherAndClose();
        assertThat(maxActive.get()).isEqualTo(2);
        assertThat(pool.stats().started()).isEqualTo(600);
    }

    @Test
    void applyReturnsOnceTheTasksThatFitAreRunning() {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool(4);

        pool.apply(gate.task(), 3);
        pool.apply(gate.task(), 3);

        assertThat(pool.numRunning()).isEqualTo(4);
        gate.open();
    }

    @Test
    void aGroupRemembersOnlyTheIdsOfTasksThePoolStillKnows() throws Exception {
        TaskPool pool = new TaskPool();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.BlockingQueue<Integer> queue = new java.util.concurrent.LinkedBlockingQueue<>();
        for (int i = 0; i < 5_000; i++) {
            queue.add(i);
        }
        // An input that blocks once the queue is empty: the group stays, its tasks are all over.
        Iterable<Integer> items = () -> new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                try {
                    return queue.take();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        pool.map(item -> done.incrementAndGet(), items, 4, "fed");
        await().until(() -> done.get() == 5_000 && pool.numEnded() == 5_000);

        pool.flush();

        assertThat(pool.getGroupIds("fed")).isEmpty();
        assertThat(pool.groups()).extracting(GroupInfo::name).containsExactly("fed");
        pool.cancelGroup("fed");
    }

    @Test
    void taskIdsGoOnPastTheIntRangeAndEveryOperationStillFindsEveryTask() throws Exception {
        Gate gate = new Gate();
        long first = Integer.MAX_VALUE - 2L;
        TaskPool pool = new TaskPool(TaskPool.UNBOUNDED, "p", first);
        Set<Long> cancelled = ConcurrentHashMap.newKeySet();

        pool.apply(gate.task(), 6, "g", null, cancelled::add);

        assertThat(pool.getGroupIds("g")).containsExactly(first, first + 1, first + 2, first + 3, first + 4, first + 5);
        assertThat(pool.tasks()).extracting(TaskInfo::id).containsExactly(first, first + 1, first + 2, first + 3,
                first + 4, first + 5);
        await().until(() -> gate.started.get() == 6);
        assertThat(gate.threadNames).contains("p_Task-2147483648", "p_Task-2147483650");
        pool.cancel(first + 4, first);
        await().until(() -> cancelled.size() == 2);
        assertThat(cancelled).containsExactlyInAnyOrder(first, first + 4);
        assertThatThrownBy(() -> pool.cancel(first + 4)).isInstanceOf(AlreadyCancelledException.class)
                .hasMessage("p_Task-2147483649 has already been cancelled");
        assertThat(pool.stats().started()).isEqualTo(6);
        gate.open();
        pool.gatherAndClose();
    }
}
