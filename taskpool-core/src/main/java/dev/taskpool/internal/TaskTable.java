package dev.taskpool.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The tasks of a pool, indexed by ID. IDs are dense and only grow, so the table is a window
 * of fixed-size chunks over the IDs still known: adding, finding and removing a task is one
 * array access (no hashing, boxing or rehashing), a slot costs 4 to 8 bytes, listing the
 * newest tasks walks down from the highest ID, and a chunk whose every task has been removed
 * is dropped whole. When the window must grow, it slides forward past dropped chunks, and
 * moves the few old chunks still held far behind it (long-lived tasks among billions of
 * short ones) to a sorted map of stragglers, so that its length stays within twice the
 * chunks it holds: memory follows the tasks known, not the tasks ever run.
 *
 * <p>Thread-safe. Slots are read and written lock-free; a lock is taken only to add or drop
 * a chunk (once every {@value #CHUNK_SIZE} tasks), so that a window being replaced never
 * loses a chunk being added or dropped at the same time.
 */
final class TaskTable {

    private static final int CHUNK_BITS = 12;
    static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    private static final int SLOT_MASK = CHUNK_SIZE - 1;
    private static final int MIN_CHUNKS = 16;

    /** One chunk of slots, and how many of its tasks have been removed for good. */
    private static final class Chunk {
        final AtomicReferenceArray<TaskRecord> slots = new AtomicReferenceArray<>(CHUNK_SIZE);
        final AtomicInteger removed = new AtomicInteger();
    }

    /** The chunks from chunk index {@code base} on; replaced whole when the window moves or grows. */
    private record Window(long base, AtomicReferenceArray<Chunk> chunks) {

        /** The position of a chunk index in this window, or -1 outside it. */
        int position(long chunkIndex) {
            long position = chunkIndex - base;
            return position >= 0 && position < chunks.length() ? (int) position : -1;
        }
    }

    private final ReentrantLock growLock = new ReentrantLock();
    private volatile Window window = new Window(0, new AtomicReferenceArray<>(MIN_CHUNKS));
    /** Chunks still held below the window's base, by chunk index. */
    private final ConcurrentSkipListMap<Long, Chunk> stragglers = new ConcurrentSkipListMap<>();

    /** Stores the task with its ID; each ID is stored once. */
    void put(TaskRecord record) {
        long id = record.id();
        chunkForWrite(id >>> CHUNK_BITS).slots.set((int) (id & SLOT_MASK), record);
    }

    /** The task with this ID, or {@code null} if it is unknown or was removed. */
    TaskRecord get(long id) {
        if (id < 0) {
            return null;
        }
        Chunk chunk = chunkAt(id >>> CHUNK_BITS);
        return chunk == null ? null : chunk.slots.get((int) (id & SLOT_MASK));
    }

    private Chunk chunkAt(long chunkIndex) {
        Window current = window;
        int position = current.position(chunkIndex);
        if (position >= 0) {
            return current.chunks().get(position);
        }
        // Stragglers are filled before a window that left them behind is published.
        return chunkIndex < current.base() && !stragglers.isEmpty() ? stragglers.get(chunkIndex) : null;
    }

    /** Removes this task if it is still stored; {@code false} if another call removed it first. */
    boolean remove(TaskRecord record) {
        long id = record.id();
        long chunkIndex = id >>> CHUNK_BITS;
        Chunk chunk = chunkAt(chunkIndex);
        if (chunk == null || !chunk.slots.compareAndSet((int) (id & SLOT_MASK), record, null)) {
            return false;
        }
        if (chunk.removed.incrementAndGet() == CHUNK_SIZE) {
            // Every ID of the chunk was used and removed: none can come back, drop it.
            growLock.lock();
            try {
                Window now = window;
                int at = now.position(chunkIndex);
                if (at >= 0) {
                    now.chunks().compareAndSet(at, chunk, null);
                } else {
                    stragglers.remove(chunkIndex, chunk);
                }
            } finally {
                growLock.unlock();
            }
        }
        return true;
    }

    /**
     * How many tasks are stored; counted by a walk over the table, for tests. No counter is
     * kept: it would be one more write shared by every starting task.
     */
    int size() {
        int[] count = new int[1];
        forEach(record -> count[0]++);
        return count[0];
    }

    /** How many chunk slots the window spans now, and how many chunks lie behind it; for tests. */
    int footprint() {
        return window.chunks().length() + stragglers.size();
    }

    /** Visits every stored task, by ascending ID. */
    void forEach(Consumer<TaskRecord> action) {
        Window current = window;
        for (Chunk chunk : stragglers.headMap(current.base()).values()) {
            visit(chunk, action);
        }
        AtomicReferenceArray<Chunk> chunks = current.chunks();
        for (int c = 0; c < chunks.length(); c++) {
            Chunk chunk = chunks.get(c);
            if (chunk != null) {
                visit(chunk, action);
            }
        }
    }

    /**
     * Visits the stored tasks of one group, by ascending ID. A group keeps no list of its
     * own tasks, which would cost every task a slot: this walks the table.
     */
    void forEachOf(TaskGroup group, Consumer<TaskRecord> action) {
        forEach(record -> {
            if (record.group() == group) {
                action.accept(record);
            }
        });
    }

    private static void visit(Chunk chunk, Consumer<TaskRecord> action) {
        for (int i = 0; i < CHUNK_SIZE; i++) {
            TaskRecord record = chunk.slots.get(i);
            if (record != null) {
                action.accept(record);
            }
        }
    }

    /**
     * Visits stored tasks by descending ID until the visitor returns {@code false}: the
     * newest first, without looking at older ones once it has enough.
     */
    void forEachNewestFirst(Predicate<TaskRecord> visitor) {
        Window current = window;
        AtomicReferenceArray<Chunk> chunks = current.chunks();
        for (int c = chunks.length() - 1; c >= 0; c--) {
            Chunk chunk = chunks.get(c);
            if (chunk != null && !visitNewestFirst(chunk, visitor)) {
                return;
            }
        }
        for (Chunk chunk : stragglers.headMap(current.base()).descendingMap().values()) {
            if (!visitNewestFirst(chunk, visitor)) {
                return;
            }
        }
    }

    private static boolean visitNewestFirst(Chunk chunk, Predicate<TaskRecord> visitor) {
        for (int i = CHUNK_SIZE - 1; i >= 0; i--) {
            TaskRecord record = chunk.slots.get(i);
            if (record != null && !visitor.test(record)) {
                return false;
            }
        }
        return true;
    }

    private Chunk chunkForWrite(long chunkIndex) {
        Window current = window;
        int position = current.position(chunkIndex);
        Chunk chunk = position < 0 ? null : current.chunks().get(position);
        if (chunk != null) {
            return chunk;
        }
        growLock.lock();
        try {
            current = window;
            if (chunkIndex < current.base()) {
                // A task published late, after the window moved on: its chunk is a straggler.
                return stragglers.computeIfAbsent(chunkIndex, index -> new Chunk());
            }
            position = current.position(chunkIndex);
            if (position < 0) {
                current = slide(current, chunkIndex);
                window = current;
                position = current.position(chunkIndex);
            }
            chunk = current.chunks().get(position);
            if (chunk == null) {
                chunk = new Chunk();
                current.chunks().set(position, chunk);
            }
            return chunk;
        } finally {
            growLock.unlock();
        }
    }

    /**
     * A window that also covers {@code chunkIndex}, a chunk index beyond the current one. It
     * starts at the oldest chunk it still holds such that it holds at least half as many
     * chunks as it spans (beyond a minimum); chunks older than that become stragglers, put
     * in their map before the new window is published. Called under the grow lock.
     */
    private Window slide(Window old, long chunkIndex) {
        AtomicReferenceArray<Chunk> chunks = old.chunks();
        List<Long> held = new ArrayList<>();
        for (int c = 0; c < chunks.length(); c++) {
            if (chunks.get(c) != null) {
                held.add(old.base() + c);
            }
        }
        long base = chunkIndex;
        for (int i = 0; i < held.size(); i++) {
            long candidate = held.get(i);
            if (chunkIndex - candidate + 1 <= 2L * (held.size() - i) + MIN_CHUNKS) {
                base = candidate;
                break;
            }
        }
        long needed = chunkIndex - base + 1;
        int length = MIN_CHUNKS;
        while (length < needed) {
            length *= 2;
        }
        AtomicReferenceArray<Chunk> moved = new AtomicReferenceArray<>(length);
        for (long index : held) {
            Chunk chunk = chunks.get((int) (index - old.base()));
            if (index < base) {
                stragglers.put(index, chunk);
            } else {
                moved.set((int) (index - base), chunk);
            }
        }
        return new Window(base, moved);
    }
}
