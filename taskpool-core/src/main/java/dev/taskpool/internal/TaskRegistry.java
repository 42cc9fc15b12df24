package dev.taskpool.internal;

import dev.taskpool.AlreadyCancelledException;
import dev.taskpool.AlreadyEndedException;
import dev.taskpool.PoolIsClosedException;
import dev.taskpool.PoolIsLockedException;
import dev.taskpool.TaskFailure;
import dev.taskpool.UnknownTaskException;
import dev.taskpool.function.CheckedRunnable;
import dev.taskpool.function.TaskCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The machinery behind a pool: its tasks and groups, the spawners that start tasks, the
 * task threads' bookkeeping, cancellation, flushing and closing.
 *
 * <p>Design for scale: tasks live in a table indexed by ID ({@link TaskTable}) and move between states
 * by compare-and-set, so starting and ending a task costs O(1) and takes no pool-wide lock.
 * The only locks are a group's monitor (held while one of its tasks is started, so that
 * cancelling the group can be exact) and a task's monitor (held while it is interrupted).
 * Cancelling interrupts task threads directly. User code (task bodies, callbacks, input
 * iterators) never runs under any of these.
 *
 * <p>Thread-safe: every method may be called from any thread at any time.
 */
public final class TaskRegistry {

    private static final Logger log = LoggerFactory.getLogger("dev.taskpool");

    private final String poolName;
    private final PoolPermits permits;
    private final TaskTable tasks = new TaskTable();
    private final GroupDirectory groups;
    private final AtomicInteger nextId = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger cancelled = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final Quiescence live = new Quiescence();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final Object flushLock = new Object();
    private volatile boolean locked;
    private volatile boolean closed;

    public TaskRegistry(String poolName, int poolSize) {
        this.poolName = poolName;
        this.permits = new PoolPermits(poolSize);
        this.groups = new GroupDirectory(poolName);
    }

    public PoolPermits permits() {
        return permits;
    }

    // ---------------------------------------------------------------- starting

    /**
     * Creates a group and starts its spawner, which starts one task per element of
     * {@code work} as room allows. Returns at once.
     *
     * @param requestedName  the group's name, or {@code null} to generate
     *                       {@code <prefix>-group-<k>}
     * @param total          the number of elements of {@code work} if known, else
     *                       {@link TaskGroup#UNKNOWN}
     * @param maxConcurrent  at most this many tasks of the group run at once; 0 for no limit
     *                       but the pool's
     * @throws PoolIsClosedException   if the pool is closed
     * @throws PoolIsLockedException   if the pool is locked
     * @throws DuplicateGroupException if {@code requestedName} is taken
     */
    public TaskGroup spawn(String requestedName, String prefix, String functionName, int total,
                           int maxConcurrent, Iterator<? extends CheckedRunnable> work,
                           TaskCallback onEnd, TaskCallback onCancel) {
        // Entering before checking the flags pairs with closeWhenQuiet, which sets the flag
        // before waiting: either it sees this spawner, or this call sees the flag.
        live.enter();
        try {
            if (closed) {
                throw new PoolIsClosedException("Cannot start new tasks: " + poolName + " is closed");
            }
            if (locked) {
                throw new PoolIsLockedException("Cannot start new tasks: " + poolName + " is locked");
            }
            TaskGroup group = groups.register(requestedName, prefix, functionName, total, maxConcurrent,
                    onEnd, onCancel);
            Thread spawner = Thread.ofVirtual()
                    .name(poolName + "_Spawner-" + group.name())
                    .unstarted(() -> runSpawner(group, work));
            group.attachSpawner(spawner);
            spawner.start();
            return group;
        } catch (RuntimeException | Error e) {
            live.leave();
            throw e;
        }
    }

    private void runSpawner(TaskGroup group, Iterator<? extends CheckedRunnable> work) {
        Semaphore concurrency = group.concurrency();
        try {
            while (!group.isCancelled()) {
                if (concurrency != null) {
                    concurrency.acquire();
                }
                boolean handedOver = false;
                try {
                    if (!work.hasNext()) {
                        return;
                    }
                    CheckedRunnable body = work.next();
                    permits.acquire();
                    handedOver = group.startIfActive(() -> startTask(group, body));
                    if (!handedOver) {
                        permits.release();
                        return;
                    }
                } finally {
                    if (!handedOver && concurrency != null) {
                        concurrency.release();
                    }
                }
            }
        } catch (InterruptedException e) {
            log.debug("Spawner of group {} in {} stopped", group.name(), poolName);
        } catch (Throwable e) {
            group.spawnerFailed(e);
            log.error("Spawner of group {} in {} failed; no more tasks of the group will start",
                    group.name(), poolName, e);
        } finally {
            group.spawnerDone();
            live.leave();
        }
    }

    /** Runs under the group's monitor; the caller holds a pool permit for the task. */
    private int startTask(TaskGroup group, CheckedRunnable body) {
        int id = nextId.getAndIncrement();
        TaskRecord record = new TaskRecord(id, group, System.nanoTime());
        Thread thread = Thread.ofVirtual()
                .name(poolName + "_Task-" + id)
                .unstarted(() -> runTask(record, body));
        record.attach(thread);
        tasks.put(record);
        running.incrementAndGet();
        live.enter();
        thread.start();
        return id;
    }

    private void runTask(TaskRecord record, CheckedRunnable body) {
        Throwable error = null;
        try {
            // A task cancelled before its thread started never runs its body.
            if (record.state() == TaskRecord.RUNNING) {
                body.run();
            }
        } catch (Throwable e) {
            error = e;
        }
        TaskGroup group = record.group();
        boolean wasCancelled = !record.settleEnded();
        if (!wasCancelled) {
            running.decrementAndGet();
            ended.incrementAndGet();
            group.taskLeftRunning();
        }
        // Settled: no interrupt of a cancellation can arrive any more.
        Thread.interrupted();
        String name = Thread.currentThread().getName();
        if (error != null) {
            if (wasCancelled && Interruptions.isInterruption(error)) {
                log.debug("{} stopped on cancellation", name);
            } else {
                record.fail(error);
                failed.incrementAndGet();
                log.error("{} failed", name, error);
            }
        }
        record.markFinished();
        permits.release();
        group.taskFinished();
        if (wasCancelled) {
            invoke(group.onCancel(), record.id(), "cancel", name);
        }
        invoke(group.onEnd(), record.id(), "end", name);
        live.leave();
    }

    private static void invoke(TaskCallback callback, int taskId, String kind, String taskName) {
        if (callback == null) {
            return;
        }
        try {
            callback.accept(taskId);
        } catch (Throwable e) {
            log.error("The {} callback of {} failed", kind, taskName, e);
        } finally {
            Thread.interrupted();
        }
    }

    // ---------------------------------------------------------------- cancelling

    /**
     * Cancels the given tasks, all or none: every ID is checked before any task is touched.
     *
     * @throws UnknownTaskException      for an ID the pool does not know
     * @throws AlreadyCancelledException for a task cancelled before
     * @throws AlreadyEndedException     for a task that has ended
     */
    public void cancel(int... ids) {
        List<TaskRecord> records = new ArrayList<>(ids.length);
        for (int id : ids) {
            TaskRecord record = tasks.get(id);
            if (record == null) {
                throw new UnknownTaskException("No task with ID " + id + " found in " + poolName);
            }
            switch (record.state()) {
                case TaskRecord.CANCELLED -> throw new AlreadyCancelledException(
                        taskName(id) + " has already been cancelled");
                case TaskRecord.ENDED -> throw new AlreadyEndedException(
                        taskName(id) + " has already finished running");
                default -> records.add(record);
            }
        }
        records.forEach(this::cancel);
    }

    private boolean cancel(TaskRecord record) {
        if (!record.cancel()) {
            return false;
        }
        running.decrementAndGet();
        cancelled.incrementAndGet();
        record.group().taskLeftRunning();
        return true;
    }

    /**
     * Cancels a group: first its spawner, so that nothing of the group starts after this
     * returns, then its running tasks.
     *
     * @throws dev.taskpool.UnknownGroupException if there is no such group
     */
    public void cancelGroup(String name) {
        TaskGroup group = group(name);
        group.cancelSpawning();
        for (int id : group.ids()) {
            TaskRecord record = tasks.get(id);
            if (record != null) {
                cancel(record);
            }
        }
    }

    /** Cancels every spawner, then every running task. */
    public void cancelAll() {
        groups.all().forEach(TaskGroup::cancelSpawning);
        tasks.forEach(this::cancel);
    }

    /**
     * Cancels up to {@code count} running tasks, newest (highest ID) first.
     *
     * @return the IDs of the tasks cancelled, newest first
     */
    public List<Integer> cancelNewest(int count) {
        if (count <= 0) {
            return List.of();
        }
        // Walking down from the newest ID finds the newest running tasks without sorting, and
        // stops as soon as it has cancelled enough.
        List<Integer> cancelledIds = new ArrayList<>(Math.min(count, Math.max(16, running.get())));
        tasks.forEachNewestFirst(record -> {
            if (cancel(record)) {
                cancelledIds.add(record.id());
            }
            return cancelledIds.size() < count;
        });
        return cancelledIds;
    }

    // ---------------------------------------------------------------- flushing and closing

    /**
     * Forgets every task that has finished (ended, or cancelled and stopped), and every
     * group with nothing left to start or run.
     *
     * @return the failures of the forgotten tasks and groups, in task ID order
     */
    public List<TaskFailure> flush() {
        synchronized (flushLock) {
            List<TaskFailure> failures = new ArrayList<>();
            tasks.forEach(record -> {
                if (record.isFinished() && tasks.remove(record)) {
                    forget(record, failures);
                }
            });
            return withGroupsFlushed(failures);
        }
    }

    private void forget(TaskRecord record, List<TaskFailure> failures) {
        if (record.state() == TaskRecord.ENDED) {
            ended.decrementAndGet();
        } else {
            cancelled.decrementAndGet();
        }
        if (record.failure() != null) {
            failed.decrementAndGet();
            failures.add(new TaskFailure(record.id(), taskName(record.id()), record.group().name(),
                    record.failure()));
        }
    }

    private List<TaskFailure> withGroupsFlushed(List<TaskFailure> failures) {
        failures.sort(Comparator.comparingInt(TaskFailure::taskId));
        groups.forgetFinished(failures);
        return failures;
    }

    public void lock() {
        locked = true;
    }

    public void unlock() {
        locked = false;
    }

    public boolean isLocked() {
        return locked || closed;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Locks the pool, waits until every spawner and every task thread (queued tasks
     * included) has finished, then closes the pool for good and forgets its tasks.
     *
     * @return the failures of the forgotten tasks, as {@link #flush()} returns them
     * @throws InterruptedException if interrupted while waiting; the pool stays locked, open
     */
    public List<TaskFailure> closeWhenQuiet() throws InterruptedException {
        locked = true;
        live.awaitZero();
        closed = true;
        closedLatch.countDown();
        return flush();
    }

    public void awaitClosed() throws InterruptedException {
        closedLatch.await();
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
    public void forEachTask(java.util.function.Consumer<TaskRecord> action) {
        tasks.forEach(action);
    }

    /** The {@code limit} newest tasks known (not yet flushed), by descending ID. */
    public List<TaskRecord> newestTasks(int limit) {
        List<TaskRecord> newest = new ArrayList<>(Math.min(limit, tasks.size()));
        if (limit > 0) {
            tasks.forEachNewestFirst(record -> {
                newest.add(record);
                return newest.size() < limit;
            });
        }
        return newest;
    }

    public int numRunning() {
        return running.get();
    }

    public int numCancelled() {
        return cancelled.get();
    }

    public int numEnded() {
        return ended.get();
    }

    public int numFailed() {
        return failed.get();
    }

    public int numStarted() {
        return nextId.get();
    }

    public String taskName(int id) {
        return poolName + "_Task-" + id;
    }
}
