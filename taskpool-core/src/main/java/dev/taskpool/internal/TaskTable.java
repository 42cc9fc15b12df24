package dev.taskpool.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The tasks of a pool, indexed by ID. IDs are dense and only grow, so the table is an array
 * of fixed-size chunks: adding, finding and removing a task is one array access (no hashing,
 * boxing or rehashing), a slot costs 4 to 8 bytes, listing the newest tasks walks down from
 * the highest ID, and a chunk whose every task has been removed is dropped whole.
 *
 * <p>Thread-safe. Slots are read and written lock-free; a lock is taken only to add or drop
 * a chunk (once every {@value #CHUNK_SIZE} tasks), so that a growing directory never loses a
 * chunk being added at the same time.
 */
final class TaskTable {

    private static final int CHUNK_BITS = 12;
    static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    private static final int SLOT_MASK = CHUNK_SIZE - 1;

    /** One chunk of slots, and how many of its tasks have been removed for good. */
    private static final class Chunk {
        final AtomicReferenceArray<TaskRecord> slots = new AtomicReferenceArray<>(CHUNK_SIZE);
        final AtomicInteger removed = new AtomicInteger();
    }

    private final ReentrantLock growLock = new ReentrantLock();
    private volatile AtomicReferenceArray<Chunk> directory = new AtomicReferenceArray<>(16);
    private final AtomicInteger size = new AtomicInteger();

    /** Stores the task with its ID; each ID is stored once. */
    void put(TaskRecord record) {
        int id = record.id();
        chunkForWrite(id >>> CHUNK_BITS).slots.set(id & SLOT_MASK, record);
        size.incrementAndGet();
    }

    /** The task with this ID, or {@code null} if it is unknown or was removed. */
    TaskRecord get(int id) {
        if (id < 0) {
            return null;
        }
        AtomicReferenceArray<Chunk> dir = directory;
        int index = id >>> CHUNK_BITS;
        if (index >= dir.length()) {
            return null;
        }
        Chunk chunk = dir.get(index);
        return chunk == null ? null : chunk.slots.get(id & SLOT_MASK);
    }

    /** Removes this task if it is still stored; {@code false} if another call removed it first. */
    boolean remove(TaskRecord record) {
        int id = record.id();
        int index = id >>> CHUNK_BITS;
        AtomicReferenceArray<Chunk> dir = directory;
        Chunk chunk = index < dir.length() ? dir.get(index) : null;
        if (chunk == null || !chunk.slots.compareAndSet(id & SLOT_MASK, record, null)) {
            return false;
        }
        size.decrementAndGet();
        if (chunk.removed.incrementAndGet() == CHUNK_SIZE) {
            // Every ID of the chunk was used and removed: none can come back, drop it.
            growLock.lock();
            try {
                directory.compareAndSet(index, chunk, null);
            } finally {
                growLock.unlock();
            }
        }
        return true;
    }

    /** How many tasks are stored. */
    int size() {
        return size.get();
    }

    /** Visits every stored task, by ascending ID. */
    void forEach(Consumer<TaskRecord> action) {
        AtomicReferenceArray<Chunk> dir = directory;
        for (int c = 0; c < dir.length(); c++) {
            Chunk chunk = dir.get(c);
            if (chunk == null) {
                continue;
            }
            for (int i = 0; i < CHUNK_SIZE; i++) {
                TaskRecord record = chunk.slots.get(i);
                if (record != null) {
                    action.accept(record);
                }
            }
        }
    }

    /**
     * Visits stored tasks by descending ID until the visitor returns {@code false}: the
     * newest first, without looking at older ones once it has enough.
     */
    void forEachNewestFirst(java.util.function.Predicate<TaskRecord> visitor) {
        AtomicReferenceArray<Chunk> dir = directory;
        for (int c = dir.length() - 1; c >= 0; c--) {
            Chunk chunk = dir.get(c);
            if (chunk == null) {
                continue;
            }
            for (int i = CHUNK_SIZE - 1; i >= 0; i--) {
                TaskRecord record = chunk.slots.get(i);
                if (record != null && !visitor.test(record)) {
                    return;
                }
            }
        }
    }

    private Chunk chunkForWrite(int index) {
        AtomicReferenceArray<Chunk> dir = directory;
        Chunk chunk = index < dir.length() ? dir.get(index) : null;
        if (chunk != null) {
            return chunk;
        }
        growLock.lock();
        try {
            dir = directory;
            if (index >= dir.length()) {
                int length = dir.length();
                while (length <= index) {
                    length *= 2;
                }
                AtomicReferenceArray<Chunk> bigger = new AtomicReferenceArray<>(length);
                for (int i = 0; i < dir.length(); i++) {
                    bigger.set(i, dir.get(i));
                }
                directory = bigger;
                dir = bigger;
            }
            chunk = dir.get(index);
            if (chunk == null) {
                chunk = new Chunk();
                dir.set(index, chunk);
            }
            return chunk;
        } finally {
            growLock.unlock();
        }
    }
}
