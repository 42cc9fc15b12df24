package dev.taskpool.internal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class TaskTableTest {

    private static TaskRecord record(long id) {
        return new TaskRecord(id, null, 0);
    }

    @Test
    void storesFindsAndRemovesByIdAcrossChunks() {
        TaskTable table = new TaskTable();
        TaskRecord first = record(0);
        TaskRecord far = record(TaskTable.CHUNK_SIZE * 40 + 7);
        table.put(first);
        table.put(far);

        assertThat(table.get(0)).isSameAs(first);
        assertThat(table.get(far.id())).isSameAs(far);
        assertThat(table.get(1)).isNull();
        assertThat(table.get(Integer.MAX_VALUE)).isNull();
        assertThat(table.get(-1)).isNull();
        assertThat(table.remove(far)).isTrue();
        assertThat(table.remove(far)).isFalse();
        assertThat(table.get(far.id())).isNull();
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void visitsByAscendingAndDescendingId() {
        TaskTable table = new TaskTable();
        for (int id : new int[] {5, TaskTable.CHUNK_SIZE + 1, 0, 3 * TaskTable.CHUNK_SIZE}) {
            table.put(record(id));
        }
        List<Long> ascending = new ArrayList<>();
        table.forEach(r -> ascending.add(r.id()));
        List<Long> newestTwo = new ArrayList<>();
        table.forEachNewestFirst(r -> {
            newestTwo.add(r.id());
            return newestTwo.size() < 2;
        });

        assertThat(ascending).containsExactly(0L, 5L, TaskTable.CHUNK_SIZE + 1L, 3L * TaskTable.CHUNK_SIZE);
        assertThat(newestTwo).containsExactly(3L * TaskTable.CHUNK_SIZE, TaskTable.CHUNK_SIZE + 1L);
    }

    @Property(tries = 30)
    void concurrentWritersNeverLoseATask(@ForAll @IntRange(min = 1, max = 4) int writers,
                                         @ForAll @IntRange(min = 1, max = 30_000) int tasks) throws Exception {
        TaskTable table = new TaskTable();
        AtomicInteger nextId = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int id = nextId.getAndIncrement(); id < tasks; id = nextId.getAndIncrement()) {
                    TaskRecord r = record(id);
                    table.put(r);
                    if (id % 3 == 0) {
                        table.remove(r);
                    }
                }
            }));
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        for (int id = 0; id < tasks; id++) {
            if (id % 3 == 0) {
                assertThat(table.get(id)).isNull();
            } else {
                assertThat(table.get(id)).as("task %d", id).isNotNull();
            }
        }
        assertThat(table.size()).isEqualTo(tasks - (tasks + 2) / 3);
    }

    @Test
    void aLongLivedTaskAmongBillionsOfShortOnesKeepsTheTableSmall() {
        TaskTable table = new TaskTable();
        TaskRecord longLived = record(0);
        table.put(longLived);
        long id = 1;
        // Ten thousand chunks of tasks come and go; the first task stays all along.
        for (int chunk = 0; chunk < 10_000; chunk++) {
            java.util.List<TaskRecord> batch = new java.util.ArrayList<>(TaskTable.CHUNK_SIZE);
            for (int i = 0; i < TaskTable.CHUNK_SIZE; i++) {
                TaskRecord record = record(id++);
                table.put(record);
                batch.add(record);
            }
            batch.forEach(table::remove);
        }

        assertThat(table.get(0)).isSameAs(longLived);
        assertThat(table.size()).isEqualTo(1);
        assertThat(table.footprint()).isLessThanOrEqualTo(40);
        java.util.List<Long> newestFirst = new java.util.ArrayList<>();
        table.forEachNewestFirst(r -> newestFirst.add(r.id()));
        assertThat(newestFirst).containsExactly(0L);
    }

    @Test
    void aTaskPublishedAfterTheWindowMovedOnIsStillFound() {
        TaskTable table = new TaskTable();
        long late = 5;
        long far = 100L * TaskTable.CHUNK_SIZE;
        table.put(record(far));
        table.put(record(late));

        assertThat(table.get(late)).isNotNull();
        java.util.List<Long> ascending = new java.util.ArrayList<>();
        table.forEach(r -> ascending.add(r.id()));
        assertThat(ascending).containsExactly(late, far);
    }
}
