package dev.taskpool.internal;

import dev.taskpool.PoolIsClosedException;
import dev.taskpool.PoolIsLockedException;
import dev.taskpool.PoolListener;
import dev.taskpool.TaskFailure;
import dev.taskpool.UnknownTaskException;
import dev.taskpool.function.CheckedRunnable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.LongStream;

/**
 * The machinery behind a pool: its tasks and groups, the spawners that start tasks, the
 * task threads' bookkeeping, cancellation, flushing and closing.
 *
 * <p>Design for scale: tasks live in a table indexed by ID ({@link TaskTable}) and move between
 * states by compare-and-set ({@link TaskRecord}), so starting and ending a task costs O(1) and
 * takes no pool-wide lock. The only lock on the way of a task is its group's, held while one
 * of its tasks is started so that cancelling the group can be exact. Cancelling interrupts
 * task threads without holding any lock and without waiting for them. User code (task
 * bodies, callbacks, input iterators) never runs under a lock.
 *
 * <p>Thread-safe: every method may be called from any thread at any time.
 */
public final class TaskRegistry {

    private static final Logger log = LoggerFactory.getLogger("dev.taskpool");

    private static final int OPEN = 0;
    private static final int CLOSING = 1;
    private static final int CLOSED = 2;

    /** Makes the thread of a task; a seam for tests, virtual threads otherwise. */
    @FunctionalInterface
    interface TaskThreads {
        /** @param name the thread's name, or {@code null} to leave it unnamed */
        Thread unstarted(String name, Runnable body);
    }

    private static final TaskThreads VIRTUAL = (name, body) -> name == null
            ? Thread.ofVirtual().unstarted(body) : Thread.ofVirtual().name(name).unstarted(body);

    private final String poolName;
    private final String taskPrefix;
    private final boolean nameThreads;
    private final PoolPermits permits;
    private final TaskThreads threads;
    private final TaskTable tasks = new TaskTable();
    private final GroupDirectory groups;
    private final PoolCounters counters;
    private final Canceller canceller;
    private final Quiescence live = new Quiescence();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final ReentrantLock flushLock = new ReentrantLock();
    private final ReentrantLock listenersLock = new ReentrantLock();
    private volatile boolean locked;
    private volatile boolean timesTasks;
    private volatile PoolListener[] listeners = new PoolListener[0];
    // The listeners that hear of task starts and ends: those that override the default no-op,
    // so that a listener of ends only (a metrics binder) costs a starting task nothing.
    private volatile PoolListener[] startListeners = new PoolListener[0];
    private volatile PoolListener[] endListeners = new PoolListener[0];
    private final AtomicInteger lifecycle = new AtomicInteger(OPEN);

    public TaskRegistry(String poolName, int poolSize) {
        this(poolName, poolSize, true, 0);
    }

    /**
     * @param nameThreads whether each task's thread is named {@code <pool>_Task-<id>}
     * @param firstId     the ID of the first task: 0, but for tests of long runs
     */
    public TaskRegistry(String poolName, int poolSize, boolean nameThreads, long firstId) {
        this(poolName, poolSize, VIRTUAL, nameThreads, firstId);
    }

    TaskRegistry(String poolName, int poolSize, TaskThreads threads) {
        this(poolName, poolSize, threads, true, 0);
    }

    private TaskRegistry(String poolName, int poolSize, TaskThreads threads, boolean nameThreads, long firstId) {
        this.nameThreads = nameThreads;
        this.counters = new PoolCounters(firstId);
        this.poolName = poolName;
        this.taskPrefix = poolName + "_Task-";
        this.permits = new PoolPermits(poolSize);
        this.threads = threads;
        this.groups = new GroupDirectory(poolName, this);
        this.canceller = new Canceller(poolName, tasks, groups, counters);
    }

    public PoolPermits permits() {
        return permits;
    }

    PoolCounters counters() {
        return counters;
    }

    // ---------------------------------------------------------------- listening

    public void addListener(PoolListener listener) {
        listenersLock.lock();
        try {
            PoolListener[] more = Arrays.copyOf(listeners, listeners.length + 1);
            more[more.length - 1] = listener;
            setListeners(more);
        } finally {
            listenersLock.unlock();
        }
    }

    public void removeListener(PoolListener listener) {
        listenersLock.lock();
        try {
            setListeners(Arrays.stream(listeners).filter(l -> l != listener).toArray(PoolListener[]::new));
        } finally {
            listenersLock.unlock();
        }
    }

    private void setListeners(PoolListener[] all) {
        startListeners = Arrays.stream(all).filter(l -> overrides(l, "taskStarted", String.class, long.class,
                String.class)).toArray(PoolListener[]::new);
        endListeners = Arrays.stream(all).filter(l -> overrides(l, "taskEnded", String.class, long.class,
                String.class, dev.taskpool.TaskOutcome.class, java.time.Duration.class)).toArray(PoolListener[]::new);
        listeners = all;
    }

    /** Whether the listener's class has its own {@code method}, rather than the interface's no-op. */
    private static boolean overrides(PoolListener listener, String method, Class<?>... parameters) {
        try {
            return listener.getClass().getMethod(method, parameters).getDeclaringClass() != PoolListener.class;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }

    /** Tells the listeners that hear of task starts. */
    void taskStarted(long taskId, String group) {
        for (PoolListener listener : startListeners) {
            try {
                listener.taskStarted(poolName, taskId, group);
            } catch (Throwable e) {
                log.error("A listener of {} failed", poolName, e);
            }
        }
    }

    /** Tells the listeners that hear of task ends. */
    void taskEnded(long taskId, String group, dev.taskpool.TaskOutcome outcome, java.time.Duration duration) {
        for (PoolListener listener : endListeners) {
            try {
                listener.taskEnded(poolName, taskId, group, outcome, duration);
            } catch (Throwable e) {
                log.error("A listener of {} failed", poolName, e);
            }
        }
    }

    /**
     * Times every task from now on: its run time, from its start to its end, is added up
     * under its outcome, for {@link #timedTasks} and {@link #taskNanos}. For good: it costs
     * an ending task a clock read and an atomic addition (a count too, unless it completed),
     * next to a count it updates anyway.
     */
    public void timeTasks() {
        // The listeners' lock: timing is set up once, as listeners are, never on a task's way.
        listenersLock.lock();
        try {
            if (!timesTasks) {
                counters.beginTiming();
                timesTasks = true;
            }
        } finally {
            listenersLock.unlock();
        }
    }

    boolean timesTasks() {
        return timesTasks;
    }

    /** How many tasks ended with {@code outcome} since {@link #timeTasks()}. */
    public long timedTasks(dev.taskpool.TaskOutcome outcome) {
        return counters.timedCount(outcome);
    }

    /** How long the tasks that ended with {@code outcome} since {@link #timeTasks()} ran in all, in nanoseconds. */
    public long taskNanos(dev.taskpool.TaskOutcome outcome) {
        return counters.timedNanos(outcome);
    }

    boolean hearsOfStarts() {
        return startListeners.length > 0;
    }

    boolean hearsOfEnds() {
        return endListeners.length > 0;
    }

    /** Tells every listener; what one throws is logged, and the others are told all the same. */
    void tell(Consumer<PoolListener> event) {
        for (PoolListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (Throwable e) {
                log.error("A listener of {} failed", poolName, e);
            }
        }
    }

    String poolName() {
        return poolName;
    }

    /** A task's deadline has passed: it is interrupted, and counts as timed out. */
    void timeOut(TaskRecord record) {
        if (record.markTimedOut()) {
            record.awaitCounted();
            counters.taskTimedOut();
            record.group().taskLeftRunning();
            log.warn("{} timed out after {} ms and was interrupted", taskName(record.id()),
                    record.group().timeoutNanos() / 1_000_000);
            record.interruptAndSettle();
        }
    }

    /**
     * Called by a task's thread when its body is over and counted; see {@link TaskGroup#taskOver}.
     * The pool counts live groups, not threads: a group leaves the count once its spawner and
     * every thread it started are done, so that a starting task touches no pool-wide count.
     */
    void taskOver(TaskGroup group, boolean endedByItself, boolean late) {
        if (group.taskOver(endedByItself, late)) {
            live.leave();
        }
    }

    /** Called by a late task's thread as the last thing it does; see {@link TaskGroup#taskOver}. */
    void taskThreadDone(TaskGroup group) {
        if (group.taskThreadDone()) {
            live.leave();
        }
    }

    // ---------------------------------------------------------------- starting

    /**
     * Creates a group and starts its spawner, which starts one task per element of
     * {@code work} as room allows. Returns at once, or, if the spec asks to await the first
     * round, once the spawner has started every task that fits now (it then waits for room,
     * or is done); only for work that runs no user code to produce its elements.
     *
     * @throws PoolIsClosedException   if the pool is closed or closing
     * @throws PoolIsLockedException   if the pool is locked
     * @throws dev.taskpool.DuplicateGroupException if the requested name is taken
     */
    public TaskGroup spawn(GroupSpec spec, Iterator<? extends CheckedRunnable> work) {
        // Entering before reading the lifecycle pairs with closeWhenQuiet, which moves the
        // lifecycle before waiting: either it waits for this spawner, or this call sees it.
        TaskGroup group;
        live.enter();
        try {
            int state = lifecycle.get();
            if (state != OPEN) {
                throw new PoolIsClosedException("Cannot start new tasks: " + poolName
                        + (state == CLOSED ? " is closed" : " is closing"));
            }
            if (locked) {
                throw new PoolIsLockedException("Cannot start new tasks: " + poolName + " is locked");
            }
            group = groups.register(spec);
            Thread spawner = Thread.ofVirtual()
                    .name(poolName + "_Spawner-" + group.name())
                    .unstarted(new Spawner(poolName, group, work, permits, this::startTask, live::leave));
            group.attachSpawner(spawner);
            spawner.start();
        } catch (RuntimeException | Error e) {
            live.leave();
            throw e;
        }
        if (spec.awaitFirstRound()) {
            group.awaitFirstRound();
        }
        return group;
    }

    /**
     * Starts one task; runs under the group's lock, the caller holding a pool permit for it.
     * The record is published before the task is counted as running, so that whoever sees it
     * counted can also find it to cancel it. A thread that cannot start makes its task fail
     * with the reason, on this thread, so that its room, its count and its callbacks are
     * settled as for any other failure.
     */
    private long startTask(TaskGroup group, CheckedRunnable body, boolean holdsPermit) {
        long id = counters.nextId();
        TaskRecord record = new TaskRecord(id, group, System.nanoTime(), body, holdsPermit);
        Thread thread;
        try {
            thread = threads.unstarted(nameThreads ? taskName(id) : null, record);
        } catch (RuntimeException | Error e) {
            counters.idUnused();
            throw e;
        }
        record.attach(thread);
        group.taskStarting();
        tasks.put(record);
        // Read after publishing: either a resize that bounded the pool finds the record, or
        // this sees the pool bounded (or both; the record is charged once).
        if (!holdsPermit && permits.isBounded() && record.chargePermit()) {
            permits.charge();
        }
        counters.taskStarting();
        record.markCounted();
        try {
            thread.start();
        } catch (RuntimeException | Error e) {
            log.error("The thread of {} could not start", taskName(id), e);
            record.runInstead(() -> {
                throw e;
            });
        }
        return id;
    }

    // ---------------------------------------------------------------- cancelling

    /**
     * Cancels the given tasks; see {@link Canceller#cancel(String, long...)}.
     *
     * @param message why, or {@code null}
     */
    public void cancel(String message, long... ids) {
        canceller.cancel(message, ids);
    }

    /**
     * Cancels a group and forgets its name; see {@link Canceller#cancelGroup(String, String)}.
     *
     * @throws dev.taskpool.UnknownGroupException if there is no such group
     */
    public void cancelGroup(String name, String message) {
        canceller.cancelGroup(name, message);
    }

    /** Cancels every group and every running task. */
    public void cancelAll(String message) {
        canceller.cancelAll(message);
    }

    /**
     * Cancels up to {@code count} running tasks, newest (highest ID) first.
     *
     * @return the IDs of the tasks cancelled, newest first
     */
    public List<Long> cancelNewest(int count) {
        return canceller.cancelNewest(count);
    }

    // ---------------------------------------------------------------- flushing and closing

    /**
     * Forgets every task whose outcome is final and whose callbacks have returned, and every
     * group with nothing left to start and no task left.
     *
     * @return the failures of the forgotten tasks and groups, in task ID order
     */
    public List<TaskFailure> flush() {
        flushLock.lock();
        try {
            List<TaskFailure> failures = new ArrayList<>();
            tasks.forEach(record -> {
                if (record.isOver()) {
                    record.awaitOutcomeCounted();
                    if (record.isForgettable() && tasks.remove(record)) {
                        forget(record, failures);
                    }
                }
            });
            failures.sort(Comparator.comparingLong(TaskFailure::taskId));
            groups.forgetFinished(failures);
            return failures;
        } finally {
            flushLock.unlock();
        }
    }

    private void forget(TaskRecord record, List<TaskFailure> failures) {
        Throwable failure = record.failure();
        counters.taskForgotten();
        record.group().taskForgotten();
        if (failure != null) {
            failures.add(new TaskFailure(record.id(), taskName(record.id()), record.group().name(), failure));
        }
    }

    public void lock() {
        locked = true;
        tell(listener -> listener.poolLocked(poolName));
    }

    /** Unlocks the pool; a pool that is closing or closed stays so. */
    public void unlock() {
        locked = false;
        tell(listener -> listener.poolUnlocked(poolName));
    }

    /**
     * Changes the pool size.
     *
     * @throws IllegalArgumentException if {@code size} is negative
     */
    public void resize(int size) {
        int old = permits.resize(size, this::chargeUnpermitted);
        tell(listener -> listener.poolResized(poolName, old, size));
    }

    /** Charges a permit to every task that runs without one; see {@link PoolPermits}. */
    private int chargeUnpermitted() {
        int[] charged = new int[1];
        tasks.forEach(record -> {
            if (record.chargePermit()) {
                charged[0]++;
            }
        });
        return charged[0];
    }

    public boolean isLocked() {
        return locked || lifecycle.get() != OPEN;
    }

    public boolean isClosed() {
        return lifecycle.get() == CLOSED;
    }

    /**
     * Starts closing the pool for good (no new start is accepted from now on, whatever
     * {@link #unlock()} does), waits until every spawner and every task thread (queued tasks
     * included) has finished, then forgets the tasks and marks the pool closed.
     *
     * @return the failures of the forgotten tasks, as {@link #flush()} returns them
     * @throws InterruptedException if interrupted while waiting; the pool stays closing
     */
    public List<TaskFailure> closeWhenQuiet() throws InterruptedException {
        refuseOwnThread("gatherAndClose");
        lifecycle.compareAndSet(OPEN, CLOSING);
        live.awaitZero();
        return closeNow();
    }

    /**
     * As {@link #closeWhenQuiet()}, giving up after {@code nanos}.
     *
     * @return the failures, or {@code null} if tasks or callbacks were still running at the
     *         deadline; the pool then stays closing
     */
    public List<TaskFailure> closeWhenQuiet(long nanos) throws InterruptedException {
        refuseOwnThread("gatherAndClose");
        lifecycle.compareAndSet(OPEN, CLOSING);
        return live.awaitZero(nanos) ? closeNow() : null;
    }

    /** Refuses new starts for good from now on; spawners already at work carry on. */
    public void beginClosing() {
        refuseOwnThread("shutdown");
        lifecycle.compareAndSet(OPEN, CLOSING);
    }

    /** Stops every group's spawner, so that tasks still queued never start. */
    public void stopSpawning() {
        for (TaskGroup group : groups.all()) {
            group.cancelSpawning();
        }
    }

    private List<TaskFailure> closeNow() {
        List<TaskFailure> failures = flush();
        lifecycle.set(CLOSED);
        closedLatch.countDown();
        return failures;
    }

    /** Waits until {@link #closeWhenQuiet()} has closed the pool and forgotten its tasks. */
    public void awaitClosed() throws InterruptedException {
        refuseOwnThread("untilClosed");
        closedLatch.await();
    }

    /**
     * Closing waits for every task and spawner of the pool to finish: one of them waiting for
     * it would wait for itself, forever. Recognises them by name, then by identity.
     *
     * @throws IllegalStateException if the calling thread is a task or spawner of this pool
     */
    private void refuseOwnThread(String method) {
        Thread self = Thread.currentThread();
        String name = self.getName();
        boolean own = false;
        if (name.startsWith(taskPrefix)) {
            try {
                TaskRecord record = tasks.get(Long.parseLong(name.substring(taskPrefix.length())));
                own = record != null && record.runsOn(self);
            } catch (NumberFormatException notOurs) {
                own = false;
            }
        } else if (name.startsWith(poolName + "_Spawner-")) {
            for (TaskGroup group : groups.all()) {
                own |= group.spawnsOn(self);
            }
        } else if (!nameThreads && self.isVirtual()) {
            // Unnamed task threads are found by identity, in a walk of the table.
            TaskRecord[] found = new TaskRecord[1];
            tasks.forEachNewestFirst(record -> {
                if (record.runsOn(self)) {
                    found[0] = record;
                }
                return found[0] == null;
            });
            if (found[0] != null) {
                own = true;
                name = taskName(found[0].id());
            }
        }
        if (own) {
            throw new IllegalStateException(method + " was called from " + name + ", a thread of " + poolName
                    + " itself; it would wait for that thread to end, which never comes");
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * @throws dev.taskpool.UnknownGroupException if there is no such group
     */
    public TaskGroup group(String name) {
        return groups.get(name);
    }

    public Iterable<TaskGroup> groups() {
        return groups.all();
    }

    /** Every task known (not yet flushed), by ascending ID. */
    public void forEachTask(Consumer<TaskRecord> action) {
        tasks.forEach(action);
    }

    /**
     * The IDs of the group's tasks the pool still knows (not flushed), in start order. A
     * group keeps no list of its own, which would cost every task a slot: this walks the
     * pool's tasks.
     */
    public long[] taskIds(TaskGroup group) {
        LongStream.Builder ids = LongStream.builder();
        tasks.forEachOf(group, record -> ids.add(record.id()));
        return ids.build().toArray();
    }

    /** The {@code limit} newest tasks known (not yet flushed) that {@code wanted} accepts, by descending ID. */
    public List<TaskRecord> newestTasks(int limit, java.util.function.Predicate<TaskRecord> wanted) {
        List<TaskRecord> newest = new ArrayList<>();
        if (limit > 0) {
            tasks.forEachNewestFirst(record -> {
                if (wanted.test(record)) {
                    newest.add(record);
                }
                return newest.size() < limit;
            });
        }
        return newest;
    }

    /**
     * The current stack of a task whose body runs, innermost frame first.
     *
     * @throws UnknownTaskException            if there is no such task
     * @throws dev.taskpool.AlreadyEndedException if its body is not running
     */
    public StackTraceElement[] stack(long id) {
        TaskRecord record = tasks.get(id);
        if (record == null) {
            throw new UnknownTaskException("No task with ID " + id + " found in " + poolName);
        }
        Thread thread = record.bodyThread();
        StackTraceElement[] frames = thread == null ? null : thread.getStackTrace();
        // Read again after the stack: a body that ended meanwhile gives no stack of its own.
        if (frames == null || record.bodyThread() == null) {
            throw new dev.taskpool.AlreadyEndedException(taskName(id) + " is not running its body");
        }
        return frames;
    }

    /** The {@code limit} newest tasks known (not yet flushed), by descending ID. */
    public List<TaskRecord> newestTasks(int limit) {
        List<TaskRecord> newest = new ArrayList<>(Math.min(limit, 64));
        if (limit > 0) {
            tasks.forEachNewestFirst(record -> {
                newest.add(record);
                return newest.size() < limit;
            });
        }
        return newest;
    }

    public int numRunning() {
        return counters.running();
    }

    public int numCancelled() {
        return counters.cancelled();
    }

    public int numEnded() {
        return counters.ended();
    }

    public long startedTotal() {
        return counters.startedTotal();
    }

    public long completedTotal() {
        return counters.completedTotal();
    }

    public long failedTotal() {
        return counters.failedTotal();
    }

    public long cancelledTotal() {
        return counters.cancelledTotal();
    }

    public long timedOutTotal() {
        return counters.timedOutTotal();
    }

    /** Tasks whose end or cancel callbacks are running now. */
    public int numInCallbacks() {
        return counters.inCallbacks();
    }

    public String taskName(long id) {
        return taskPrefix + id;
    }
}
