package dev.taskpool;

import dev.taskpool.internal.PoolPermits;
import dev.taskpool.internal.TaskGroup;
import dev.taskpool.internal.TaskRecord;
import dev.taskpool.internal.TaskRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What both pools share: the pool size, the lock, the counters, cancellation, flushing and
 * closing. Every task runs on its own virtual thread named {@code <pool>_Task-<id>}, with
 * IDs counted from 0 in each pool; IDs are {@code long}s and never wrap, so a pool that runs
 * billions of tasks still tells them apart.
 *
 * <h2>Thread safety</h2>
 * Every public method may be called from any thread at any time, also concurrently with
 * tasks starting and ending. No method runs user code (task bodies, callbacks, input
 * iterators) on the caller's thread or while holding a lock of the pool. Methods that only
 * read return a snapshot that may be stale as soon as it is returned.
 *
 * <h2>Memory consistency</h2>
 * Actions in a thread before it starts tasks (by {@code start}, {@code apply}, {@code map}...)
 * happen-before those tasks run. Actions of a task happen-before its callbacks, and before
 * {@link #gatherAndClose()} and {@link #untilClosed()} return.
 *
 * <h2>Cancellation</h2>
 * Cancelling a task marks it cancelled at once and interrupts its thread. It is counted as
 * cancelled from then on, whether its body stops at once or only later; it keeps its room in
 * the pool until it really stops. A task cancelled before its body began never runs it.
 * Cancelling never waits for a task, holds no lock while it interrupts, and one task cannot
 * delay the cancellation of another: a thread that is runnable may be blocked in an
 * operation whose interruption itself waits (a {@code FileChannel} read from a pipe waits
 * until the read returns), so such a thread is interrupted from a short-lived thread of its
 * own. Callbacks run after the cancellation has been counted and delivered, with the
 * interrupt status cleared.
 *
 * <h2>Counters</h2>
 * Each counter ({@link #numRunning()}, {@link #numCancelled()}, {@link #numEnded()}) is exact
 * at some instant of the call and never negative; a task passing from one to another leaves
 * the first before it joins the second, so it is never counted twice. A callback sees its
 * own task counted in its final place.
 *
 * <h2>Closing</h2>
 * {@link #gatherAndClose()} is final: from the moment it begins, every call that would start
 * tasks is refused with {@link PoolIsClosedException}, even after {@link #unlock()}; tasks
 * queued by earlier calls still start and are awaited. Do not call it, nor
 * {@link #untilClosed()}, from one of the pool's own tasks or callbacks: they wait for
 * those to finish.
 */
public abstract sealed class BaseTaskPool implements AutoCloseable permits SimpleTaskPool, TaskPool {

    /** The pool size meaning "no limit" (the default); shown as {@code inf} by the control interface. */
    public static final int UNBOUNDED = PoolPermits.UNBOUNDED;

    private static final AtomicInteger POOL_INDEX = new AtomicInteger();
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger("dev.taskpool");

    private final String name;
    private final TaskDecorator decorator;
    final TaskRegistry registry;

    BaseTaskPool(int poolSize, String name) {
        this(poolSize, name, null, true, 0);
    }

    /**
     * @param decorator   wraps every task's body, or {@code null}
     * @param nameThreads whether each task's thread is named {@code <pool>_Task-<id>}
     * @param firstId     the ID of the pool's first task: a seam for tests of long runs
     */
    BaseTaskPool(int poolSize, String name, TaskDecorator decorator, boolean nameThreads, long firstId) {
        int index = POOL_INDEX.getAndIncrement();
        this.name = name != null ? name : getClass().getSimpleName() + "-" + index;
        this.decorator = decorator;
        this.registry = new TaskRegistry(this.name, poolSize, nameThreads, firstId);
    }

    /** The decorator for the tasks of one call, captured on the caller's thread; {@code null} for none. */
    final TaskDecorator captureDecorator() {
        return decorator == null ? null : decorator.capture();
    }

    /** The pool's display name: its given name, or {@code TaskPool-0}, {@code SimpleTaskPool-1}... */
    @ReadOnly
    public String name() {
        return name;
    }

    /** The maximum number of tasks allowed to run at once: {@link #UNBOUNDED} means no limit. */
    @ReadOnly
    public int poolSize() {
        return registry.permits().size();
    }

    /**
     * Changes the pool size at once. Raising it starts tasks waiting for room right away;
     * lowering it never cancels running tasks, it only holds back new ones until enough of
     * the running ones have ended.
     *
     * @param size the new size, 0 or more; {@link #UNBOUNDED} for no limit
     * @throws IllegalArgumentException if {@code size} is negative
     */
    public void setPoolSize(int size) {
        registry.resize(size);
    }

    /**
     * Adds a listener that hears of every task's start and end, and of changes to the pool
     * size and lock, from now on; see {@link PoolListener} for when and where it is called.
     */
    public void addListener(PoolListener listener) {
        registry.addListener(java.util.Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener added before; it hears of nothing that happens after this returns. */
    public void removeListener(PoolListener listener) {
        registry.removeListener(listener);
    }

    /**
     * Locks the pool: new starts are refused until it is unlocked. Calls that start tasks then
     * throw {@link PoolIsLockedException}; tasks already running, and tasks queued by earlier
     * calls, are not affected.
     */
    public void lock() {
        registry.lock();
    }

    /** Unlocks the pool, so tasks may be started again; a pool that is closing or closed stays so. */
    public void unlock() {
        registry.unlock();
    }

    /** Whether the pool refuses new tasks (it is locked, closing or closed). */
    @ReadOnly
    public boolean isLocked() {
        return registry.isLocked();
    }

    /** Whether the pool has been closed for good (by {@link #gatherAndClose()}). */
    @ReadOnly
    public boolean isClosed() {
        return registry.isClosed();
    }

    /**
     * The number of tasks running now. A task stops counting as running the moment it is
     * cancelled, even before its body stops, and the moment its body returns or throws.
     */
    @ReadOnly
    public int numRunning() {
        return registry.numRunning();
    }

    /**
     * The number of tasks cancelled and not yet ended. A cancelled task counts here from its
     * cancellation until its cancel callback has returned (until its body has stopped, if it
     * has no callbacks); from then on it counts as ended.
     */
    @ReadOnly
    public int numCancelled() {
        return registry.numCancelled();
    }

    /**
     * The number of tasks that ended since the last flush: whose body returned or threw, or
     * which were cancelled and are over. A task counts here from the moment its end callback
     * is called (from the end of its body, if it has none) until a flush forgets it.
     * {@link #stats()} also gives totals since the pool was created, which never go down.
     */
    @ReadOnly
    public int numEnded() {
        return registry.numEnded();
    }

    /** Whether a new task would have to wait for room in the pool. */
    @ReadOnly
    public boolean isFull() {
        return registry.permits().isFull();
    }

    /**
     * The IDs of the tasks of the named groups that the pool still knows (not yet flushed).
     *
     * @param groupNames names of existing groups; none gives an empty set
     * @return the IDs in ascending order
     * @throws UnknownGroupException if a name is not a group of this pool, or names a group
     *                               that was cancelled
     */
    @ReadOnly
    public SortedSet<Long> getGroupIds(String... groupNames) {
        TreeSet<Long> ids = new TreeSet<>();
        for (String groupName : groupNames) {
            for (long id : registry.taskIds(registry.group(groupName))) {
                ids.add(id);
            }
        }
        return Collections.unmodifiableSortedSet(ids);
    }

    /**
     * Cancels (interrupts) the given running tasks. Every ID is checked before any task is
     * cancelled, so a wrong ID cancels nothing. A task may still end by itself between that
     * check and its cancellation: the others are cancelled all the same, and the exception
     * names the task that ended, saying it ended while the others were being cancelled.
     *
     * @param taskIds IDs of running tasks, each at most once
     * @throws IllegalArgumentException  if an ID is given more than once
     * @throws UnknownTaskException      if an ID is unknown to the pool (or was flushed)
     * @throws AlreadyCancelledException if a task was cancelled before
     * @throws AlreadyEndedException     if a task has already ended
     */
    public void cancel(long... taskIds) {
        registry.cancel(null, taskIds);
    }

    /**
     * Cancels the given running tasks, saying why; as {@link #cancel(long...)} otherwise. The
     * message is logged once and kept with each task it cancelled ({@link TaskInfo#cancelMessage()}).
     *
     * @param msg     why the tasks are cancelled, or {@code null}
     * @param taskIds IDs of running tasks, each at most once; none cancels nothing
     * @throws IllegalArgumentException  if an ID is given more than once
     * @throws UnknownTaskException      if an ID is unknown to the pool (or was flushed)
     * @throws AlreadyCancelledException if a task was cancelled before
     * @throws AlreadyEndedException     if a task has already ended
     */
    public void cancel(@Default String msg, long... taskIds) {
        registry.cancel(msg, taskIds);
    }

    /** Same as {@code cancelGroup(groupName, null)}. */
    public void cancelGroup(String groupName) {
        cancelGroup(groupName, null);
    }

    /**
     * Cancels a group: first whatever still starts its tasks, so that no task of the group
     * starts after this returns (not even one that was waiting for room in the pool), then
     * every running task of the group. The group is forgotten by name at once (its name may
     * be given to a new group), and listed by {@link #groups()} until a flush forgets it.
     *
     * @param groupName the name of an existing group
     * @param msg       why the group is cancelled, or {@code null}; logged, and kept with
     *                  each task it cancelled
     * @throws UnknownGroupException if there is no such group, or it was cancelled before
     */
    public void cancelGroup(String groupName, @Default String msg) {
        registry.cancelGroup(groupName, msg);
    }

    /** Same as {@code cancelAll(null)}. */
    public void cancelAll() {
        cancelAll(null);
    }

    /**
     * Cancels every group and every running task. No task queued before this call starts
     * after it returns, and every group is forgotten by name as by {@link #cancelGroup}. The
     * pool stays open: later calls may start new tasks.
     *
     * @param msg why everything is cancelled, or {@code null}; logged, and kept with each task
     */
    public void cancelAll(@Default String msg) {
        registry.cancelAll(msg);
    }

    /**
     * Forgets every task that has ended or was cancelled and has stopped, and every group
     * with nothing left to start and no task left; the counters of ended and cancelled tasks
     * drop accordingly. Cancelled tasks still running are kept until they stop, and tasks
     * whose callbacks are still running until those return (they are listed by
     * {@link #tasks()} with their callback in progress).
     *
     * @param returnExceptions {@code true} to return the failures of the forgotten tasks,
     *                         {@code false} to throw them
     * @return the failures of the forgotten tasks (empty when {@code returnExceptions} is false)
     * @throws TaskFailedException if {@code returnExceptions} is false and a forgotten task had
     *                             failed; the tasks are forgotten all the same
     */
    public List<TaskFailure> flush(@Default("False") boolean returnExceptions) {
        return deliver(registry.flush(), returnExceptions);
    }

    /**
     * Same as {@code flush(false)}: forgets finished tasks and throws if any of them failed.
     *
     * @throws TaskFailedException if a forgotten task had failed
     */
    public void flush() {
        flush(false);
    }

    /**
     * Closes the pool: refuses new starts from now on for good, waits until every task has
     * stopped and its callbacks have returned (tasks still queued by earlier calls are started
     * and awaited too), then forgets the tasks and marks the pool closed. Does not cancel
     * anything: call {@link #cancelAll()} first to stop tasks that would not end by
     * themselves. A callback that never returns makes this wait forever; {@link #stats()} and
     * {@link #tasks()} show such callbacks.
     *
     * @param returnExceptions {@code true} to return the failures of the tasks, {@code false}
     *                         to throw them
     * @return the failures (empty when {@code returnExceptions} is false)
     * @throws InterruptedException  if interrupted while waiting; the pool then stays closing
     *                               (refusing new starts, not yet closed), and the call may be
     *                               repeated
     * @throws TaskFailedException   if {@code returnExceptions} is false and a task had failed;
     *                               the pool is closed all the same
     * @throws IllegalStateException if called from one of the pool's own tasks, callbacks or
     *                               spawners, which it would wait for forever
     */
    public List<TaskFailure> gatherAndClose(@Default("False") boolean returnExceptions) throws InterruptedException {
        return deliver(registry.closeWhenQuiet(), returnExceptions);
    }

    /**
     * As {@link #gatherAndClose(boolean)}, but gives up at a deadline: if tasks or callbacks
     * are still running when {@code timeout} has passed, it throws, and the pool stays closing
     * (refusing new starts, not yet closed); the call may be repeated.
     *
     * @param returnExceptions {@code true} to return the failures of the tasks, {@code false}
     *                         to throw them
     * @param timeout          how long to wait at most; {@code null} to wait as long as it takes
     * @return the failures (empty when {@code returnExceptions} is false)
     * @throws TimeoutException      if the pool was not quiet by the deadline
     * @throws InterruptedException  if interrupted while waiting; the pool stays closing
     * @throws TaskFailedException   if {@code returnExceptions} is false and a task had failed
     * @throws IllegalStateException if called from one of the pool's own threads
     */
    public List<TaskFailure> gatherAndClose(@Default("False") boolean returnExceptions, @Default Duration timeout)
            throws InterruptedException, TimeoutException {
        if (timeout == null) {
            return gatherAndClose(returnExceptions);
        }
        List<TaskFailure> failures = registry.closeWhenQuiet(timeout.toNanos());
        if (failures == null) {
            throw new TimeoutException("gatherAndClose gave up after " + timeout + ": " + numRunning()
                    + " tasks still running, " + numCancelled() + " cancelled but not yet stopped, "
                    + registry.numInCallbacks() + " in callbacks; " + name + " stays closing");
        }
        return deliver(failures, returnExceptions);
    }

    /**
     * Shuts the pool down within about {@code grace}: refuses new starts for good, drops the
     * tasks still waiting for room, lets the running ones finish for up to {@code grace},
     * cancels those still running then, and closes the pool once they have stopped. Failures
     * are not thrown: they were logged when they happened.
     *
     * <p>A task that ignores its interrupt is waited for one more second at most; if it is
     * still running then, the pool stays closing and this returns {@code false}.
     *
     * @param grace how long running tasks may take to finish by themselves
     * @return {@code true} if every task finished within the grace period; {@code false} if
     *         some had to be cancelled (or would not stop)
     * @throws InterruptedException  if interrupted while waiting; the pool stays closing
     * @throws IllegalStateException if called from one of the pool's own threads
     */
    public boolean shutdown(Duration grace) throws InterruptedException {
        registry.beginClosing();
        registry.stopSpawning();
        if (registry.closeWhenQuiet(grace.toNanos()) != null) {
            return true;
        }
        cancelAll("shutting down: the grace period of " + grace + " is over");
        if (registry.closeWhenQuiet(CANCEL_WAIT.toNanos()) == null) {
            log.warn("{} did not stop within {} of being cancelled: {} tasks ignore their interrupt;"
                    + " the pool stays closing", name, CANCEL_WAIT, numCancelled());
        }
        return false;
    }

    /**
     * Closes the pool at once, whatever runs: refuses new starts, cancels every group and
     * running task, and waits until they have stopped. Idempotent. Failures are not thrown:
     * they were logged when they happened. If interrupted while waiting, returns with the
     * interrupt status set and the pool closing.
     *
     * @throws IllegalStateException if called from one of the pool's own threads
     */
    @Override
    public void close() {
        registry.beginClosing();
        cancelAll();
        try {
            registry.closeWhenQuiet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Same as {@code gatherAndClose(false)}.
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws TaskFailedException  if a task had failed
     */
    public void gatherAndClose() throws InterruptedException {
        gatherAndClose(false);
    }

    /**
     * Waits until the pool has been closed (by {@link #gatherAndClose()}, from any thread) and
     * its tasks forgotten.
     *
     * @return {@code true}, once the pool is closed
     * @throws InterruptedException  if interrupted while waiting
     * @throws IllegalStateException if called from one of the pool's own tasks, callbacks or
     *                               spawners, which could never see the pool closed
     */
    @ReadOnly
    public boolean untilClosed() throws InterruptedException {
        registry.awaitClosed();
        return true;
    }

    /** A snapshot of every task the pool knows (not yet flushed), by ascending ID. */
    @ReadOnly
    public List<TaskInfo> tasks() {
        return tasks(Integer.MAX_VALUE);
    }

    /**
     * A snapshot of the newest tasks the pool knows (not yet flushed), by ascending ID.
     *
     * @param limit how many tasks to list at most, the newest ones; a pool may hold millions
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    @ReadOnly
    public List<TaskInfo> tasks(int limit) {
        return tasks(limit, null);
    }

    /**
     * A snapshot of the newest tasks the pool knows (not yet flushed), by ascending ID; with
     * {@code olderThan}, only the long runners: tasks whose body is still running (running,
     * cancelling or overdue) and which started at least that long ago.
     *
     * @param limit     how many tasks to list at most, the newest ones; a pool may hold millions
     * @param olderThan list only tasks still running that started at least this long ago;
     *                  {@code null} for every task
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    @ReadOnly
    public List<TaskInfo> tasks(@Default("100") int limit, @Default Duration olderThan) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 or more, got " + limit);
        }
        long now = System.nanoTime();
        List<TaskRecord> newest = olderThan == null ? registry.newestTasks(limit)
                : registry.newestTasks(limit, record -> !record.isOver()
                        && now - record.startNanos() >= olderThan.toNanos());
        List<TaskInfo> infos = new ArrayList<>(newest.size());
        for (TaskRecord record : newest) {
            // Progress before outcome: a task in its callbacks has its final outcome already,
            // whereas an outcome read first may be overtaken by the callbacks starting.
            boolean inCallback = record.inCallbacks();
            infos.add(new TaskInfo(record.id(), record.group().name(), state(record),
                    Duration.ofNanos(Math.max(0, now - record.startNanos())), record.group().functionName(),
                    inCallback, record.cancelMessage()));
        }
        infos.sort(Comparator.comparingLong(TaskInfo::id));
        return infos;
    }

    /**
     * What a running task is doing now: its thread's stack, innermost frame first, as a
     * thread dump shows it.
     *
     * @param taskId the ID of a task whose body is running (or cancelled or overdue, but not
     *               stopped yet)
     * @return the frames, innermost first
     * @throws UnknownTaskException  if the pool does not know the task (or it was flushed)
     * @throws AlreadyEndedException if its body is over, or never ran
     */
    @ReadOnly
    public List<StackTraceElement> stack(long taskId) {
        return List.of(registry.stack(taskId));
    }

    /** A snapshot of every group the pool knows (not yet flushed), by name. */
    @ReadOnly
    public List<GroupInfo> groups() {
        List<GroupInfo> infos = new ArrayList<>();
        for (TaskGroup group : registry.groups()) {
            infos.add(groupInfo(group));
        }
        infos.sort(Comparator.comparing(GroupInfo::name));
        return infos;
    }

    /**
     * Starts timing every task as it ends: from then on its run time, from its start to its
     * end, is added up under its outcome, and {@link #timedTasks} and {@link #taskNanos} tell
     * the totals. For good; it costs each ending task a clock read and an atomic addition
     * (and a count, unless it completed), where a {@link PoolListener} that did the same would
     * cost it a call and a {@link Duration}. Metrics binders call it.
     */
    @LocalOnly
    public void timeTasks() {
        registry.timeTasks();
    }

    /**
     * How many tasks ended with {@code outcome} since {@link #timeTasks()} was first called;
     * a cancelled task that threw counts as cancelled, once.
     *
     * @param outcome how they ended
     * @return the count, 0 if the pool does not time tasks
     */
    @LocalOnly
    public long timedTasks(TaskOutcome outcome) {
        return registry.timedTasks(outcome);
    }

    /**
     * How long the tasks counted by {@link #timedTasks} ran in all, from start to end.
     *
     * @param outcome how they ended
     * @return nanoseconds, 0 if the pool does not time tasks
     */
    @LocalOnly
    public long taskNanos(TaskOutcome outcome) {
        return registry.taskNanos(outcome);
    }

    /** A snapshot of the pool's counters. */
    @ReadOnly
    public PoolStats stats() {
        int queued = 0;
        int groups = 0;
        for (TaskGroup group : registry.groups()) {
            groups++;
            queued += Math.max(0, groupInfo(group).queued());
        }
        return new PoolStats(name, poolSize(), numRunning(), queued, numCancelled(), numEnded(),
                registry.numInCallbacks(), groups, isLocked(), isClosed(), registry.startedTotal(),
                registry.completedTotal(), registry.failedTotal(), registry.cancelledTotal(),
                registry.timedOutTotal());
    }

    private static GroupInfo groupInfo(TaskGroup group) {
        boolean spawning = group.isSpawning();
        int spawned = group.spawned();
        int queued;
        if (!spawning) {
            queued = 0;
        } else if (group.total() == TaskGroup.UNKNOWN) {
            queued = -1;
        } else {
            queued = Math.max(0, group.total() - spawned);
        }
        return new GroupInfo(group.name(), group.functionName(), group.running(), queued,
                group.done(), group.total(), spawning, group.isCancelled());
    }

    private static TaskState state(TaskRecord record) {
        return switch (record.outcome()) {
            case TaskRecord.RUNNING -> TaskState.RUNNING;
            case TaskRecord.CANCELLED -> TaskState.CANCELLING;
            case TaskRecord.STOPPED -> TaskState.CANCELLED;
            case TaskRecord.TIMING_OUT -> TaskState.OVERDUE;
            case TaskRecord.TIMED_OUT -> TaskState.TIMED_OUT;
            default -> record.failure() != null ? TaskState.FAILED : TaskState.ENDED;
        };
    }

    private static List<TaskFailure> deliver(List<TaskFailure> failures, boolean returnFailures) {
        if (returnFailures) {
            return failures;
        }
        if (!failures.isEmpty()) {
            throw new TaskFailedException(failures);
        }
        return List.of();
    }

    /** The pool's display name. */
    @Override
    public String toString() {
        return name;
    }
}
