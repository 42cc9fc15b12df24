package dev.taskpool;

import dev.taskpool.function.CheckedRunnable;
import dev.taskpool.internal.TaskGroup;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@link java.util.concurrent.ExecutorService} view of a {@link TaskPool}: every command
 * submitted runs as a task of one group of the pool, so code written for executors moves over
 * and its work shows up, is counted, sized and cancelled like the pool's other tasks (with
 * {@code tasks}, {@code cancel-group}, {@code pool-size} from a control client too).
 *
 * <p>Made by {@link TaskPool#executor(String, int)}. Commands wait in a queue of the view
 * until the pool has room (and the group, if it has a limit of its own) and start in the
 * order they were submitted, each on its own virtual thread.
 *
 * <ul>
 *   <li>{@link #execute(Runnable)} refuses work ({@link RejectedExecutionException}, naming
 *       why) once the view is shut down, once its group has been cancelled, and while the
 *       pool is locked or closed.</li>
 *   <li>{@link #shutdown()} lets queued and running commands finish; the group then ends.</li>
 *   <li>{@link #shutdownNow()} cancels the group: running commands are interrupted, and every
 *       command that had not begun is returned, none lost and none run.</li>
 *   <li>Cancelling the group from the pool ({@code cancelGroup}, {@code cancelAll},
 *       {@code close}) shuts the view down as {@code shutdownNow} does, except that the
 *       commands still queued are dropped.</li>
 *   <li>The view is terminated when it is shut down and the body of every task it started is
 *       over.</li>
 * </ul>
 *
 * <p>As for any task of the pool, a command that throws fails its task (the pool logs it and
 * keeps the failure for {@link BaseTaskPool#flush()}), and finished tasks are kept until the
 * pool is flushed: a service that runs a view for long should flush the pool now and then.
 * {@link BaseTaskPool#gatherAndClose()} waits for the view's group like any other: shut the
 * view down first. Thread-safe.
 */
public final class TaskPoolExecutor extends AbstractExecutorService {

    private final TaskPool pool;
    // The queue, the commands handed to the spawner and the shutdown flag change under the lock,
    // so that shutdownNow sees every command in exactly one of the queue and handedOut.
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private final Set<Job> handedOut = new HashSet<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean shutdown;
    private final TaskGroup group;

    /** A command of the view, taken by the group's spawner when there is room for it. */
    private final class Job implements CheckedRunnable {
        final Runnable command;
        final long seq;
        final AtomicBoolean claimed = new AtomicBoolean();

        Job(Runnable command, long seq) {
            this.command = command;
            this.seq = seq;
        }

        @Override
        public void run() {
            // Either the task runs the command or shutdownNow returns it: never both, never neither.
            if (claimed.compareAndSet(false, true)) {
                lock.lock();
                try {
                    handedOut.remove(this);
                } finally {
                    lock.unlock();
                }
                command.run();
            }
        }
    }

    /** The end of the queue, put there by shutdown. */
    private final Job end = new Job(() -> { }, -1);

    TaskPoolExecutor(TaskPool pool, java.util.function.Function<Iterator<CheckedRunnable>, TaskGroup> spawn) {
        this.pool = pool;
        this.group = spawn.apply(new Input());
    }

    /** The name of the group the view's tasks belong to. */
    public String groupName() {
        return group.name();
    }

    /** The pool the view runs its commands in. */
    public TaskPool pool() {
        return pool;
    }

    /**
     * Runs {@code command} as a task of the view's group, once there is room for it.
     *
     * @throws RejectedExecutionException if the view is shut down, its group cancelled, or the
     *                                    pool locked or closed
     */
    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        lock.lock();
        try {
            String refusal = refusal();
            if (refusal != null) {
                throw new RejectedExecutionException("Cannot run " + command + " in group " + group.name()
                        + " of " + pool.name() + ": " + refusal);
            }
            queue.add(new Job(command, sequence.getAndIncrement()));
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    private String refusal() {
        if (shutdown) {
            return "the executor is shut down";
        }
        if (group.isCancelled()) {
            return "its group was cancelled";
        }
        if (pool.isClosed()) {
            return "the pool is closed";
        }
        if (pool.isLocked()) {
            return "the pool is locked or closing";
        }
        return null;
    }

    /** Accepts no more commands; those queued and running finish, then the group ends. */
    @Override
    public void shutdown() {
        lock.lock();
        try {
            if (!shutdown) {
                shutdown = true;
                queue.add(end);
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Accepts no more commands and cancels the group: running commands are interrupted, and
     * those that had not begun are returned in the order they were submitted.
     */
    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        try {
            pool.cancelGroup(group.name(), "the executor was shut down");
        } catch (UnknownGroupException alreadyCancelled) {
            // Cancelled another way: the spawner has stopped all the same.
        }
        // The spawner starts nothing more: claim what it took but did not run, then the queue.
        List<Job> notBegun = new ArrayList<>();
        List<Job> queued = new ArrayList<>();
        lock.lock();
        try {
            for (Job job : handedOut) {
                if (job.claimed.compareAndSet(false, true)) {
                    notBegun.add(job);
                }
            }
            handedOut.clear();
            queued.addAll(queue);
            queue.clear();
            // The input ends, whether or not the cancellation reached the spawner.
            queue.add(end);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
        notBegun.sort(Comparator.comparingLong(job -> job.seq));
        List<Runnable> commands = new ArrayList<>(notBegun.size() + queued.size());
        notBegun.forEach(job -> commands.add(job.command));
        queued.stream().filter(job -> job != end).forEach(job -> commands.add(job.command));
        return commands;
    }

    /** Whether the view accepts no more commands: it was shut down, or its group cancelled. */
    @Override
    public boolean isShutdown() {
        return shutdown || group.isCancelled();
    }

    /** Whether the view is shut down and the body of every task it started is over. */
    @Override
    public boolean isTerminated() {
        return isShutdown() && group.isOver();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return group.awaitOver(timeout, unit);
    }

    @Override
    public String toString() {
        return "TaskPoolExecutor[" + pool.name() + "/" + group.name() + (isShutdown() ? ", shut down" : "") + "]";
    }

    /** The group's input: blocks for the next command, ends at the end of the queue. */
    private final class Input implements Iterator<CheckedRunnable> {
        private Job next;

        @Override
        public boolean hasNext() {
            if (next == null) {
                lock.lock();
                try {
                    while (queue.isEmpty()) {
                        notEmpty.await();
                    }
                    next = queue.peek() == end ? end : queue.poll();
                    if (next != end) {
                        handedOut.add(next);
                    }
                } catch (InterruptedException e) {
                    // The group was cancelled: the spawner recognises the interruption and stops.
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a command", e);
                } finally {
                    lock.unlock();
                }
            }
            if (next == end) {
                return false;
            }
            return true;
        }

        @Override
        public CheckedRunnable next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Job job = next;
            next = null;
            return job;
        }
    }
}
