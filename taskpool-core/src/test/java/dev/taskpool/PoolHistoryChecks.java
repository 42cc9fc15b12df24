package dev.taskpool;

import dev.taskpool.PoolHistory.OpRecord;
import dev.taskpool.PoolModelProperties.Behaviour;
import dev.taskpool.PoolModelProperties.Cancel;
import dev.taskpool.PoolModelProperties.CancelAll;
import dev.taskpool.PoolModelProperties.CancelGroup;
import dev.taskpool.PoolModelProperties.Op;
import dev.taskpool.PoolModelProperties.Resize;
import dev.taskpool.PoolModelProperties.Start;
import dev.taskpool.PoolModelProperties.Stop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model's rules: what a pool may answer and do, given the history of a run. A check
 * that finds a breach adds a violation naming it to the history.
 */
final class PoolHistoryChecks {

    private static final Pattern NOT_CANCELLED_AFTER_ALL = Pattern.compile("_Task-(\\d+) has already");

    private final PoolModelProperties.Run run;
    private final PoolHistory h;
    private final boolean flushed;

    PoolHistoryChecks(PoolModelProperties.Run run) {
        this.run = run;
        this.h = run.history;
        this.flushed = h.anyOp(PoolModelProperties.Flush.class);
    }

    /** Whether {@code op} may legitimately refuse with {@code error}. */
    static boolean mayFail(Op op, Throwable error) {
        return switch (op) {
            case Start s -> error instanceof PoolIsLockedException;
            case Cancel c -> error instanceof UnknownTaskException || error instanceof AlreadyCancelledException
                    || error instanceof AlreadyEndedException;
            case CancelGroup cg -> error instanceof UnknownGroupException;
            default -> false;
        };
    }

    private Behaviour behaviour(int id) {
        return Behaviour.of(run.seed, id);
    }

    // ---------------------------------------------------------------- during the run

    /**
     * Observations and refusals made while the operations ran, and the results of stop;
     * judged once the pool is closed, when every task's fate is known.
     */
    void duringTheRun() {
        Map<Integer, Long> cancelledByName = h.cancelledByName();
        for (PoolHistory.Observation o : h.observations) {
            counters(o, cancelledByName);
            for (TaskInfo task : o.tasks()) {
                taskState(task, o, cancelledByName);
            }
        }
        lock();
        for (OpRecord record : h.opsOf(Stop.class)) {
            List<?> ids = (List<?>) record.result();
            int num = ((Stop) record.op()).num();
            for (int i = 1; i < ids.size(); i++) {
                if (((Number) ids.get(i - 1)).longValue() <= ((Number) ids.get(i)).longValue()) {
                    h.violation(record.op() + " answered " + ids + ", not newest first");
                }
            }
            if (ids.size() > num) {
                h.violation(record.op() + " cancelled " + ids);
            }
        }
    }

    private void counters(PoolHistory.Observation o, Map<Integer, Long> cancelledByName) {
        if (o.running() < 0 || o.cancelled() < 0 || o.ended() < 0) {
            h.violation("negative counter in " + describe(o));
        }
        int mustRun = 0;
        int mayRun = o.started();
        for (int id = 0; id < PoolHistory.MAX_TASKS; id++) {
            if (h.inBodyThroughout(id, o.start(), o.end()) && !h.cancelled(id)) {
                mustRun++;
            }
            if (id < o.started() && h.knownNotRunningBefore(id, o.start(), cancelledByName)) {
                mayRun--;
            }
        }
        if (o.running() < mustRun || o.running() > mayRun) {
            h.violation("running " + o.running() + " outside [" + mustRun + ", " + mayRun + "] in " + describe(o));
        }
        if (flushed) {
            return;
        }
        // Every task has callbacks here: a cancelled one counts as cancelled from its
        // cancellation until its cancel callback returns, and as ended from then on; any
        // task counts as ended from before its end callback begins.
        int mustBeCancelled = 0;
        int mayBeCancelled = 0;
        int mustHaveEnded = 0;
        int mayHaveEnded = 0;
        for (int id = 0; id < PoolHistory.MAX_TASKS; id++) {
            long endEntry = h.endEntry.get(id);
            if (endEntry != 0 && endEntry < o.start()) {
                mustHaveEnded++;
            }
            if (h.cancelled(id)) {
                long callbackBegan = h.cancelEntry.get(id);
                long callbackReturned = h.cancelClock.get(id);
                if (callbackBegan < o.start() && callbackReturned > o.end()) {
                    mustBeCancelled++;
                }
                if (endEntry == 0 || endEntry > o.start()) {
                    mayBeCancelled++;
                }
                if (callbackReturned < o.end()) {
                    mayHaveEnded++;
                }
            } else {
                long bodyEnd = h.bodyEnd.get(id);
                if (bodyEnd != 0 && bodyEnd < o.end()) {
                    mayHaveEnded++;
                }
            }
        }
        if (o.cancelled() < mustBeCancelled || o.cancelled() > mayBeCancelled) {
            h.violation("cancelled " + o.cancelled() + " outside [" + mustBeCancelled + ", " + mayBeCancelled
                    + "] in " + describe(o));
        }
        if (o.ended() < mustHaveEnded || o.ended() > mayHaveEnded) {
            h.violation("ended " + o.ended() + " outside [" + mustHaveEnded + ", " + mayHaveEnded
                    + "] in " + describe(o));
        }
    }

    private void taskState(TaskInfo task, PoolHistory.Observation o, Map<Integer, Long> cancelledByName) {
        int id = (int) task.id();
        boolean cancelled = h.cancelled(id);
        long bodyEnd = h.bodyEnd.get(id);
        boolean bodyOverBefore = !h.bodyRan(id) || bodyEnd != 0 && bodyEnd < o.end();
        String problem = switch (task.state()) {
            case RUNNING -> h.knownNotRunningBefore(id, o.start(), cancelledByName)
                    ? "shown running after it was known to have stopped running" : null;
            case CANCELLING -> cancelled ? null : "shown cancelling but never cancelled";
            case CANCELLED -> !cancelled ? "shown cancelled but never cancelled"
                    : !bodyOverBefore ? "shown cancelled while its body still ran" : null;
            case ENDED -> cancelled ? "shown ended but cancelled"
                    : behaviour(id) == Behaviour.FAILING ? "shown ended but it failed"
                    : bodyEnd == 0 || bodyEnd > o.end() ? "shown ended before its body ended" : null;
            case FAILED -> cancelled || behaviour(id) != Behaviour.FAILING ? "shown failed but it did not fail"
                    : bodyEnd == 0 || bodyEnd > o.end() ? "shown failed before its body ended" : null;
            case OVERDUE, TIMED_OUT -> "shown " + task.state() + " but it has no timeout";
        };
        if (problem == null && task.inCallback()
                && (task.state() == TaskState.RUNNING || task.state() == TaskState.CANCELLING)) {
            problem = "shown in a callback while " + task.state();
        }
        if (problem != null) {
            h.violation("task " + id + " (" + behaviour(id) + ") " + problem + " in " + describe(o));
        }
    }

    /** A start that certainly came while the pool was locked is refused; one that certainly did not, succeeds. */
    private void lock() {
        List<OpRecord> locks = h.opsOf(PoolModelProperties.Lock.class);
        List<OpRecord> unlocks = h.opsOf(PoolModelProperties.Unlock.class);
        for (OpRecord start : h.opsOf(Start.class)) {
            boolean locked = locks.stream().anyMatch(lock -> lock.end() < start.start()
                    && unlocks.stream().allMatch(u -> u.end() < lock.start() || u.start() > start.end()));
            boolean unlocked = locks.stream().noneMatch(lock -> lock.start() < start.end())
                    || unlocks.stream().anyMatch(unlock -> unlock.end() < start.start()
                    && locks.stream().allMatch(l -> l.end() < unlock.start() || l.start() > start.end()));
            if (locked && start.succeeded()) {
                h.violation(start.op() + " succeeded while the pool was locked");
            }
            if (unlocked && !start.succeeded()) {
                h.violation(start.op() + " was refused while the pool was unlocked: " + start.error());
            }
        }
    }

    // ---------------------------------------------------------------- once quiet

    /**
     * The pool once the operations are over and every task that can end without the gate
     * has: no task of a cancelled group is still running (it would have started after the
     * cancellation), and without flushes the counters are exactly what the tasks show.
     */
    void whenQuiet() {
        List<TaskInfo> tasks = run.pool.tasks();
        Map<String, Long> cancelledGroups = cancelledGroups();
        for (TaskInfo task : tasks) {
            if (task.state() == TaskState.RUNNING && cancelledGroups.containsKey(task.group())) {
                h.violation("task " + task.id() + " of cancelled group " + task.group() + " still runs");
            }
        }
        if (flushed) {
            return;
        }
        // Quiet: no task is still cancelling or in a callback, so cancelled ones count as ended.
        PoolStats stats = run.pool.stats();
        long running = tasks.stream().filter(t -> t.state() == TaskState.RUNNING).count();
        long ended = tasks.size() - running;
        if (stats.running() != running || stats.cancelled() != 0 || stats.ended() != ended
                || stats.started() != tasks.size()) {
            h.violation("quiet pool counts " + stats + " while its tasks show running " + running
                    + ", ended " + ended + " of " + tasks.size());
        }
    }

    /** Group name to the end of the call that cancelled it (cancelGroup, or cancelAll after its creation). */
    private Map<String, Long> cancelledGroups() {
        Map<String, Long> created = new HashMap<>();
        for (OpRecord start : h.opsOf(Start.class)) {
            if (start.succeeded()) {
                created.put((String) start.result(), start.end());
            }
        }
        Map<String, Long> cancelled = new HashMap<>();
        for (OpRecord record : h.opsOf(CancelGroup.class)) {
            if (record.succeeded() && record.result() != null) {
                cancelled.merge((String) record.result(), record.end(), Math::min);
            }
        }
        for (OpRecord all : h.opsOf(CancelAll.class)) {
            created.forEach((group, createdAt) -> {
                if (createdAt < all.start()) {
                    cancelled.merge(group, all.end(), Math::min);
                }
            });
        }
        return cancelled;
    }

    // ---------------------------------------------------------------- after closing

    /** Every task's fate, once the pool is closed and every task and callback is over. */
    void closed(List<TaskFailure> lastFailures) {
        PoolStats stats = run.pool.stats();
        int started = (int) stats.started();
        if (!run.pool.isClosed() || !run.pool.tasks().isEmpty() || !run.pool.groups().isEmpty()
                || stats.running() != 0 || stats.cancelled() != 0 || stats.ended() != 0) {
            h.violation("closed pool not empty: " + stats + ", tasks " + run.pool.tasks());
        }
        totals(stats, started);
        for (int id = 0; id < PoolHistory.MAX_TASKS; id++) {
            callbacksAndBody(id, id < started);
        }
        failures(lastFailures, started);
        cancellationsByName();
        nothingStartedAfterItsGroupWasCancelled();
        poolSize();
    }

    /** The totals count each task once by its fate; a cancelled task failing as it stops counts twice. */
    private void totals(PoolStats stats, int started) {
        long cancelled = 0;
        long failed = 0;
        long completed = 0;
        for (int id = 0; id < started; id++) {
            boolean failing = behaviour(id) == Behaviour.FAILING && h.bodyRan(id);
            if (h.cancelled(id)) {
                cancelled++;
            } else if (!failing) {
                completed++;
            }
            if (failing) {
                failed++;
            }
        }
        if (stats.cancelledTotal() != cancelled || stats.failed() != failed || stats.completed() != completed) {
            h.violation("totals " + stats + ", expected cancelled " + cancelled + ", failed " + failed
                    + ", completed " + completed);
        }
    }

    private void callbacksAndBody(int id, boolean started) {
        int ends = h.endCalls.get(id);
        int cancels = h.cancelCalls.get(id);
        int runs = h.bodyRuns.get(id);
        if (!started) {
            if (ends + cancels + runs != 0) {
                h.violation("task " + id + " was never started but ran or called back");
            }
            return;
        }
        if (ends != 1 || cancels > 1 || runs > 1) {
            h.violation("task " + id + ": " + runs + " runs, " + ends + " end and " + cancels + " cancel callbacks");
        }
        if (cancels == 0 && runs != 1) {
            h.violation("task " + id + " was not cancelled and did not run");
        }
        if (cancels == 1 && h.cancelClock.get(id) > h.endClock.get(id)) {
            h.violation("task " + id + "'s cancel callback came after its end callback");
        }
    }

    private void failures(List<TaskFailure> lastFailures, int started) {
        List<TaskFailure> all = new ArrayList<>(lastFailures);
        for (OpRecord flush : h.opsOf(PoolModelProperties.Flush.class)) {
            for (Object failure : (List<?>) flush.result()) {
                all.add((TaskFailure) failure);
            }
        }
        Set<Integer> reported = new HashSet<>();
        for (TaskFailure failure : all) {
            if (!reported.add((int) failure.taskId())) {
                h.violation("failure of task " + failure.taskId() + " reported twice");
            }
        }
        Set<Integer> expected = new HashSet<>();
        for (int id = 0; id < started; id++) {
            if (behaviour(id) == Behaviour.FAILING && h.bodyRan(id)) {
                expected.add(id);
            }
        }
        if (!reported.equals(expected)) {
            h.violation("failures reported for " + reported + ", expected for " + expected);
        }
    }

    /** Stop and cancel name what they cancelled: each task so named is cancelled, exactly once. */
    private void cancellationsByName() {
        Map<Integer, Integer> times = new HashMap<>();
        for (OpRecord stop : h.opsOf(Stop.class)) {
            for (Object id : (List<?>) stop.result()) {
                times.merge(((Number) id).intValue(), 1, Integer::sum);
            }
        }
        for (OpRecord record : h.opsOf(Cancel.class)) {
            int[] ids = ((Cancel) record.op()).ids();
            // A refusal found while cancelling names every task not cancelled after all; one
            // found before cancelled nothing.
            Set<Integer> notCancelled = new HashSet<>();
            if (!record.succeeded()) {
                String message = String.valueOf(record.error().getMessage());
                if (!message.endsWith("while the others were being cancelled")) {
                    continue;
                }
                Matcher matcher = NOT_CANCELLED_AFTER_ALL.matcher(message);
                while (matcher.find()) {
                    notCancelled.add(Integer.parseInt(matcher.group(1)));
                }
                for (int id : notCancelled) {
                    if (record.error() instanceof AlreadyEndedException && h.cancelled(id)
                            && message.contains("_Task-" + id + " has already finished running")) {
                        h.violation("task " + id + " reported as ended by " + record.op() + " was cancelled");
                    }
                }
            }
            for (int id : ids) {
                if (!notCancelled.contains(id)) {
                    times.merge(id, 1, Integer::sum);
                }
            }
        }
        times.forEach((id, count) -> {
            if (count != 1 || !h.cancelled(id)) {
                h.violation("task " + id + " cancelled by name " + count + " times, cancel callbacks "
                        + h.cancelCalls.get(id));
            }
        });
        for (int id = 0; id < PoolHistory.MAX_TASKS; id++) {
            if (h.cancelled(id) && !times.containsKey(id) && !cancelledByGroupOrAll(id)) {
                h.violation("task " + id + " was cancelled by nobody");
            }
        }
    }

    private boolean cancelledByGroupOrAll(int id) {
        long over = h.endClock.get(id);
        String group = h.groupOf.get(id);
        for (OpRecord all : h.opsOf(CancelAll.class)) {
            if (all.start() < over) {
                return true;
            }
        }
        for (OpRecord cancelGroup : h.opsOf(CancelGroup.class)) {
            if (cancelGroup.start() < over && group != null && group.equals(cancelGroup.result())) {
                return true;
            }
        }
        return false;
    }

    /** A task of a cancelled group that was not cancelled must have begun before the cancellation returned. */
    private void nothingStartedAfterItsGroupWasCancelled() {
        Map<String, Long> cancelledGroups = cancelledGroups();
        for (int id = 0; id < PoolHistory.MAX_TASKS; id++) {
            String group = h.groupOf.get(id);
            Long cancelledAt = group == null ? null : cancelledGroups.get(group);
            if (cancelledAt != null && !h.cancelled(id) && h.bodyStart.get(id) > cancelledAt) {
                h.violation("task " + id + " of group " + h.groupOf.get(id) + " began at " + h.bodyStart.get(id)
                        + ", after its group's cancellation returned at " + cancelledAt);
            }
        }
    }

    /**
     * Tasks in their bodies at once never outnumber the pool size in force when the newest of
     * them got its room; that moment lies after its group was created, so the bound is the
     * largest size that may have been in force since the latest creation of their groups.
     */
    private void poolSize() {
        long quietFrom = h.opsOf(Op.class).stream().mapToLong(OpRecord::end).max().orElse(0);
        List<OpRecord> resizes = h.opsOf(Resize.class);
        for (int id = 0; id < PoolHistory.MAX_TASKS; id++) {
            long at = h.bodyStart.get(id);
            if (at == 0 || at > quietFrom) {
                continue;
            }
            int inBodies = 0;
            long latestCreation = 0;
            for (int other = 0; other < PoolHistory.MAX_TASKS; other++) {
                long began = h.bodyStart.get(other);
                long ended = h.bodyEnd.get(other);
                if (began != 0 && began <= at && (ended == 0 || ended > at)) {
                    inBodies++;
                    String group = h.groupOf.get(other);
                    Long created = group == null ? null : h.groupCreated.get(group);
                    latestCreation = Math.max(latestCreation, created == null ? 0 : created);
                }
            }
            int bound = largestSizeBetween(resizes, latestCreation, at);
            if (inBodies > bound) {
                h.violation(inBodies + " tasks in their bodies when task " + id + " began, pool size at most "
                        + bound + " since " + latestCreation);
            }
        }
    }

    private int largestSizeBetween(List<OpRecord> resizes, long from, long to) {
        int largest = -1;
        long lastStartBefore = -1;
        for (OpRecord resize : resizes) {
            if (resize.end() < from) {
                lastStartBefore = Math.max(lastStartBefore, resize.start());
            }
        }
        if (lastStartBefore < 0) {
            largest = run.initialSize;
        }
        for (OpRecord resize : resizes) {
            int size = ((Resize) resize.op()).size();
            boolean inForceAtFrom = resize.end() < from && resize.end() >= lastStartBefore;
            boolean setMeanwhile = resize.end() >= from && resize.start() <= to;
            if (inForceAtFrom || setMeanwhile) {
                largest = Math.max(largest, size);
            }
        }
        return largest;
    }

    private static String describe(PoolHistory.Observation o) {
        return "observation [" + o.start() + ", " + o.end() + "]: running " + o.running() + ", cancelled "
                + o.cancelled() + ", ended " + o.ended() + ", started " + o.started();
    }
}
