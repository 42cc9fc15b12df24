package dev.taskpool;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Counters and snapshots read while tasks start, end and are cancelled must each be
 * consistent with some serial order of those events: never negative, never counting a task
 * in two places, never showing a task in a state it never had.
 */
class CounterConsistencyTest {

    @RepeatedTest(20)
    void numRunningNeverGoesNegativeWhileNewTasksAreCancelledAtOnce() throws Exception {
        SimpleTaskPool pool = new SimpleTaskPool(() -> Thread.sleep(Long.MAX_VALUE));
        Queue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicBoolean going = new AtomicBoolean(true);
        Thread observer = Thread.ofPlatform().start(() -> {
            while (going.get()) {
                int running = pool.numRunning();
                int cancelled = pool.numCancelled();
                if (running < 0 || cancelled < 0) {
                    violations.add("running " + running + ", cancelled " + cancelled);
                }
            }
        });
        Thread stopper = Thread.ofPlatform().start(() -> {
            while (going.get()) {
                pool.stop(1);
            }
        });
        pool.start(5_000);
        await().until(() -> pool.groups().stream().noneMatch(GroupInfo::spawning));
        going.set(false);
        assertThat(observer.join(Duration.ofSeconds(30))).isTrue();
        assertThat(stopper.join(Duration.ofSeconds(30))).isTrue();
        pool.stopAll();
        pool.gatherAndClose();

        assertThat(violations).isEmpty();
    }

    @RepeatedTest(20)
    void aCancelCallbackSeesItsTaskCountedAsCancelledAndNoLongerRunning() throws Exception {
        Queue<String> violations = new ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicInteger callbacksDone = new java.util.concurrent.atomic.AtomicInteger();
        SimpleTaskPool[] holder = new SimpleTaskPool[1];
        SimpleTaskPool pool = SimpleTaskPool.builder(() -> Thread.sleep(Long.MAX_VALUE))
                .onCancel(id -> {
                    SimpleTaskPool self = holder[0];
                    int running = self.numRunning();
                    if (running != 0) {
                        violations.add("task " + id + " still counted among " + running + " running");
                    }
                    self.flush();
                    int cancelled = self.numCancelled();
                    if (cancelled < 0) {
                        violations.add("numCancelled " + cancelled + " after a flush in task " + id + "'s callback");
                    }
                    callbacksDone.incrementAndGet();
                })
                .build();
        holder[0] = pool;
        for (int round = 1; round <= 50; round++) {
            pool.start(1);
            await().until(() -> pool.numRunning() == 1);
            pool.stopAll();
            int expected = round;
            await().until(() -> callbacksDone.get() == expected);
        }
        pool.gatherAndClose();

        assertThat(violations).isEmpty();
    }

    @RepeatedTest(10)
    void aFailedTaskIsNeverShownAsEnded() throws Exception {
        TaskPool pool = new TaskPool();
        Map<Long, Set<TaskState>> seen = new ConcurrentHashMap<>();
        AtomicBoolean going = new AtomicBoolean(true);
        Thread observer = Thread.ofPlatform().start(() -> {
            while (going.get()) {
                for (TaskInfo task : pool.tasks(50)) {
                    seen.computeIfAbsent(task.id(), id -> ConcurrentHashMap.newKeySet()).add(task.state());
                }
            }
        });
        pool.apply(() -> {
            throw new IllegalStateException("always");
        }, 5_000, "failing");
        await().until(() -> pool.numEnded() == 5_000);
        going.set(false);
        assertThat(observer.join(Duration.ofSeconds(30))).isTrue();

        List<Long> shownAsEnded = seen.entrySet().stream()
                .filter(e -> e.getValue().contains(TaskState.ENDED))
                .map(Map.Entry::getKey).sorted().collect(Collectors.toList());
        assertThat(shownAsEnded).as("tasks shown as ended although they failed").isEmpty();
        assertThat(pool.flush(true)).hasSize(5_000);
    }

    @RepeatedTest(10)
    void flushNeverForgetsTheGroupOfATaskItStillLists() throws Exception {
        TaskPool pool = new TaskPool();
        AtomicBoolean going = new AtomicBoolean(true);
        List<String> violations = new ArrayList<>();
        Thread flusher = Thread.ofPlatform().start(() -> {
            while (going.get()) {
                pool.flush(true);
                List<TaskInfo> tasks = pool.tasks();
                Set<String> groups = pool.groups().stream().map(GroupInfo::name).collect(Collectors.toSet());
                for (TaskInfo task : tasks) {
                    if (!groups.contains(task.group())) {
                        violations.add("task " + task.id() + " listed, its group " + task.group() + " forgotten");
                    }
                }
            }
        });
        for (int i = 0; i < 2_000; i++) {
            pool.apply(() -> { }, 1);
        }
        await().until(() -> pool.stats().started() == 2_000
                && pool.groups().stream().noneMatch(GroupInfo::spawning));
        going.set(false);
        assertThat(flusher.join(Duration.ofSeconds(30))).isTrue();

        assertThat(violations).isEmpty();
    }

    @Test
    void countersAddUpOnceThePoolIsQuiet() throws Exception {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool();
        pool.apply(gate.task(), 4, "gated");
        pool.apply(() -> { }, 3, "quick");
        await().until(() -> gate.started.get() == 4
                && pool.tasks().stream().filter(t -> t.group().equals("quick")).allMatch(t -> t.state() == TaskState.ENDED));
        pool.cancel(0, 1);
        await().until(() -> pool.tasks().stream().filter(t -> t.state() == TaskState.CANCELLED).count() == 2);

        PoolStats stats = pool.stats();

        assertThat(stats.started()).isEqualTo(7);
        assertThat(stats.running()).isEqualTo(2);
        assertThat(stats.cancelled()).as("cancelled tasks, once stopped, count as ended").isZero();
        assertThat(stats.ended()).isEqualTo(5);
        assertThat(stats.completed()).isEqualTo(3);
        assertThat(stats.cancelledTotal()).isEqualTo(2);
        assertThat(stats.failed()).isZero();
        pool.flush();
        assertThat(pool.stats()).extracting(PoolStats::ended, PoolStats::started, PoolStats::completed,
                PoolStats::cancelledTotal).containsExactly(0, 7L, 3L, 2L);
        gate.open();
        pool.gatherAndClose();
    }

    @RepeatedTest(5)
    void aTaskListedWhileTasksStartNeverShowsANegativeAge() throws Exception {
        TaskPool pool = new TaskPool();
        AtomicBoolean going = new AtomicBoolean(true);
        Queue<String> violations = new ConcurrentLinkedQueue<>();
        Thread observer = Thread.ofPlatform().start(() -> {
            while (going.get()) {
                for (TaskInfo task : pool.tasks(10)) {
                    if (task.age().isNegative()) {
                        violations.add("task " + task.id() + " aged " + task.age());
                    }
                }
            }
        });
        for (int i = 0; i < 2_000; i++) {
            pool.apply(() -> { }, 1);
        }
        going.set(false);
        assertThat(observer.join(Duration.ofSeconds(30))).isTrue();

        assertThat(violations).isEmpty();
        pool.gatherAndClose();
    }
}
