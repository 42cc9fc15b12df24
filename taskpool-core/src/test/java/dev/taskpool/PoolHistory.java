package dev.taskpool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What happened during one concurrent run against a pool, stamped with a logical clock: the
 * operations with the clock before and after each call and its outcome, and for every task
 * when its body began and ended and when its callbacks ran. Observations made during the
 * run are kept with their clock window and checked against the whole history afterwards,
 * when it is known what each task did.
 *
 * <p>The clock is one atomic counter, so any two stamps are ordered, and a stamp taken
 * before an action happens-before the action. Thread-safe.
 */
final class PoolHistory {

    static final int MAX_TASKS = 4096;

    /** One completed operation: what it was, its clock window, and what it returned or threw. */
    record OpRecord(PoolModelProperties.Op op, long start, long end, Object result, Throwable error) {
        boolean succeeded() {
            return error == null;
        }
    }

    /** One observation of the pool, made between two clock stamps. */
    record Observation(long start, long end, int running, int cancelled, int ended, int started,
                       List<TaskInfo> tasks) {
    }

    private final AtomicLong clock = new AtomicLong();
    final AtomicLongArray bodyStart = new AtomicLongArray(MAX_TASKS);
    final AtomicLongArray bodyEnd = new AtomicLongArray(MAX_TASKS);
    final AtomicIntegerArray bodyRuns = new AtomicIntegerArray(MAX_TASKS);
    final AtomicIntegerArray endCalls = new AtomicIntegerArray(MAX_TASKS);
    final AtomicIntegerArray cancelCalls = new AtomicIntegerArray(MAX_TASKS);
    /** When each callback began (entry) and returned (clock), per task. */
    final AtomicLongArray endEntry = new AtomicLongArray(MAX_TASKS);
    final AtomicLongArray endClock = new AtomicLongArray(MAX_TASKS);
    final AtomicLongArray cancelEntry = new AtomicLongArray(MAX_TASKS);
    final AtomicLongArray cancelClock = new AtomicLongArray(MAX_TASKS);
    /** Task ID to the name of its group, as its end callback saw it (IDs stay small in a run). */
    final Map<Integer, String> groupOf = new ConcurrentHashMap<>();
    /** Group name to the clock before the call that created it. */
    final Map<String, Long> groupCreated = new ConcurrentHashMap<>();
    final Queue<OpRecord> ops = new ConcurrentLinkedQueue<>();
    final Queue<Observation> observations = new ConcurrentLinkedQueue<>();
    final Queue<String> violations = new ConcurrentLinkedQueue<>();

    long tick() {
        return clock.incrementAndGet();
    }

    void violation(String message) {
        violations.add(message);
    }

    boolean bodyRan(int id) {
        return bodyStart.get(id) != 0;
    }

    /** Whether the task had begun its body before {@code clock} and had not ended it by {@code after}. */
    boolean inBodyThroughout(int id, long clock, long after) {
        long began = bodyStart.get(id);
        long ended = bodyEnd.get(id);
        return began != 0 && began < clock && (ended == 0 || ended > after);
    }

    boolean cancelled(int id) {
        return cancelCalls.get(id) > 0;
    }

    /**
     * Whether the pool is known to have stopped counting the task as running before
     * {@code clock}: its end callback ran, or an operation that returned before then had
     * cancelled it by name.
     */
    boolean knownNotRunningBefore(int id, long clock, Map<Integer, Long> cancelledBy) {
        long ended = endClock.get(id);
        if (ended != 0 && ended < clock) {
            return true;
        }
        Long confirmed = cancelledBy.get(id);
        return confirmed != null && confirmed < clock;
    }

    /** Task ID to the end clock of the operation that cancelled it by name (stop, cancel). */
    Map<Integer, Long> cancelledByName() {
        Map<Integer, Long> confirmed = new ConcurrentHashMap<>();
        for (OpRecord record : ops) {
            if (record.op() instanceof PoolModelProperties.Stop && record.succeeded()) {
                for (Object id : (List<?>) record.result()) {
                    confirmed.merge(((Number) id).intValue(), record.end(), Math::min);
                }
            } else if (record.op() instanceof PoolModelProperties.Cancel cancel && record.succeeded()) {
                for (int id : cancel.ids()) {
                    confirmed.merge(id, record.end(), Math::min);
                }
            }
        }
        return confirmed;
    }

    /** The records of the operations of one kind, in no particular order. */
    <T extends PoolModelProperties.Op> List<OpRecord> opsOf(Class<T> kind) {
        List<OpRecord> records = new ArrayList<>();
        for (OpRecord record : ops) {
            if (kind.isInstance(record.op())) {
                records.add(record);
            }
        }
        return records;
    }

    boolean anyOp(Class<? extends PoolModelProperties.Op> kind) {
        return !opsOf(kind).isEmpty();
    }
}
