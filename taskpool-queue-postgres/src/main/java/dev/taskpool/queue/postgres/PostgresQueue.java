package dev.taskpool.queue.postgres;

import dev.taskpool.function.CheckedRunnable;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable work queue in PostgreSQL, drained by the workers of any number of processes at
 * once. Items are numbers; a worker {@linkplain #take() takes} a {@link Lease} on one,
 * processes it and {@linkplain Lease#complete completes} it, which marks it done and records
 * its result in one transaction, or {@linkplain Lease#release releases} it back.
 * {@link #worker(ItemHandler)} is that loop, as the task of a {@code SimpleTaskPool}:
 *
 * <pre>{@code
 * try (PostgresQueue queue = PostgresQueue.open("jdbc:postgresql://db/app?user=app", QueueOptions.defaults())) {
 *     SimpleTaskPool workers = SimpleTaskPool.builder(queue.worker(item -> resize(item))).name("workers").build();
 *     workers.start(8);
 *     queue.drained().join();          // every item of every process done
 *     workers.shutdown(Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <h2>Guarantees</h2>
 * Claims take items nobody holds ({@code SELECT ... FOR UPDATE SKIP LOCKED}), in batches of
 * {@link QueueOptions#batchSize()}, each with a lease of {@link QueueOptions#lease()} that this
 * queue renews every third of it while it holds the item. An item whose lease runs out (its
 * process died) can be claimed again. A completion whose lease was taken over meanwhile is
 * refused and counted as late, so every item has exactly one recorded result, which a unique
 * constraint on the results enforces. Leases are timed by the database's clock.
 *
 * <h2>When the database goes away</h2>
 * Workers wait and retry, pausing longer each time up to {@link QueueOptions#maxBackoff()}, and
 * carry on when it is back; the {@link ConnectionListener} hears of it once per outage.
 * Nothing is lost: a lease that ran out meanwhile makes its item someone else's, and its late
 * completion is refused.
 *
 * <h2>Lifecycle</h2>
 * {@link #open} creates the tables if they are missing. {@link #stop()} hands out no more
 * items (those claimed but not yet in a worker's hand go back); {@link #close()} stops, removes
 * this process's registration and closes the connections, and should come after the workers
 * have ended. {@link #abandon()} lets go of everything as a process that dies would, for tests
 * of failover.
 *
 * <p>Thread-safe.
 */
public final class PostgresQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresQueue.class);

    private final QueueOptions options;
    private final Database database;
    /** Claimed items not yet taken by a worker. */
    private final ConcurrentLinkedDeque<Lease> claimed = new ConcurrentLinkedDeque<>();
    /** Every unsettled lease of this process, by token: what the heartbeat renews. */
    private final Map<Long, Lease> held = new ConcurrentHashMap<>();
    /** One worker claims for all at a time. */
    private final ReentrantLock claiming = new ReentrantLock();
    private final ScheduledExecutorService heartbeat;
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final LongAdder recorded = new LongAdder();
    private final LongAdder late = new LongAdder();
    private final LongAdder released = new LongAdder();
    private volatile boolean stopped;
    private volatile String endpoint;

    private PostgresQueue(Database database, QueueOptions options) {
        this.database = database;
        this.options = options;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("taskpool-queue-heartbeat").factory());
        long interval = Math.max(1, options.heartbeatInterval().toMillis());
        heartbeat.scheduleWithFixedDelay(this::beat, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Connects to the queue at {@code jdbcUrl} and creates its tables if they are missing.
     *
     * @param jdbcUrl such as {@code jdbc:postgresql://127.0.0.1:5432/taskpool?user=taskpool}
     * @throws QueueException       if the database cannot be reached or refuses the tables;
     *                              the message says why, and nothing is left open
     * @throws NullPointerException if an argument is null
     */
    public static PostgresQueue open(String jdbcUrl, QueueOptions options) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(options, "options");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new QueueException("not a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DATABASE?user=USER): "
                    + jdbcUrl.replaceAll("password=[^&]*", "password=****"), null);
        }
        Database database;
        try {
            database = new Database(jdbcUrl, options);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new QueueException("cannot open the work queue: " + cause.getMessage(), e);
        }
        try {
            database.once(Schema::create);
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw new QueueException("cannot open the work queue: " + e.getMessage(), e);
        }
        return new PostgresQueue(database, options);
    }

    /** The options the queue was opened with. */
    public QueueOptions options() {
        return options;
    }

    /** This process's node name. */
    public String node() {
        return options.node();
    }

    /**
     * Waits for an item and leases it: one claimed before by this process if there is one,
     * else a new batch. While every open item is leased elsewhere, looks again every poll
     * interval; while the database is away, waits for it.
     *
     * @return the lease; {@code null} once no item is left that is not done, or the queue was
     *         stopped
     * @throws InterruptedException if interrupted; no item is held for the caller then
     * @throws QueueException       if the database fails in a way waiting does not cure
     */
    public Lease take() throws InterruptedException {
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (stopped) {
                return null;
            }
            Lease lease = claimed.pollFirst();
            if (lease != null) {
                if (lease.isLost() && lease.settleQuietly()) {
                    held.remove(lease.token());
                    continue;
                }
                return lease;
            }
            claiming.lockInterruptibly();
            try {
                if (!claimed.isEmpty()) {
                    continue;
                }
                if (claimBatch() > 0) {
                    continue;
                }
                if (!database.retrying(LeaseSql::anythingOpen)) {
                    drained.complete(null);
                    return null;
                }
            } finally {
                claiming.unlock();
            }
            Thread.sleep(options.pollInterval().toMillis());
        }
    }

    /** Claims a batch into {@link #claimed}; returns how many items it got. */
    private int claimBatch() throws InterruptedException {
        List<LeaseSql.Claimed> batch = database.retrying(
                connection -> LeaseSql.claim(connection, options.node(), options.batchSize(), options.lease()));
        for (LeaseSql.Claimed item : batch) {
            Lease lease = new Lease(this, item.item(), item.token(), item.attempt());
            held.put(lease.token(), lease);
            claimed.addLast(lease);
        }
        if (stopped) {
            releaseClaimed();
        }
        return batch.size();
    }

    /** Called by {@link Lease#complete} once it has settled the lease. */
    boolean complete(Lease lease, String worker, long result) throws InterruptedException {
        try {
            LeaseSql.Completion completion = database.retrying(connection ->
                    LeaseSql.complete(connection, lease.item(), lease.token(), options.node(), worker, result));
            if (completion == LeaseSql.Completion.LATE) {
                late.increment();
                log.info("Item {} was taken over by another node after its lease ran out: this result was refused",
                        lease.item());
                return false;
            }
            recorded.increment();
            return true;
        } catch (InterruptedException e) {
            // Gave up waiting for the database: hand the item back if it answers at once.
            releaseOnce(lease);
            throw e;
        } finally {
            held.remove(lease.token());
        }
    }

    /** Called by {@link Lease#release} once it has settled the lease. */
    boolean release(Lease lease) {
        try {
            return releaseOnce(lease);
        } finally {
            held.remove(lease.token());
        }
    }

    private boolean releaseOnce(Lease lease) {
        try {
            boolean back = database.once(connection -> LeaseSql.release(connection, lease.item(), lease.token()));
            if (back) {
                released.increment();
            }
            return back;
        } catch (SQLException | RuntimeException e) {
            log.debug("Could not hand item {} back; it goes back when its lease runs out", lease.item(), e);
            return false;
        }
    }

    /**
     * A worker for a {@code SimpleTaskPool}: takes items and processes them with
     * {@code handler} until none is left or the queue is stopped, completing each as soon as
     * {@code handler} returns and releasing it if {@code handler} threw or the worker was
     * interrupted. Results are recorded with the worker's thread name.
     */
    public CheckedRunnable worker(ItemHandler handler) {
        return new QueueWorker(this, handler);
    }

    /**
     * Adds {@code items} items to the queue, numbered on from the highest there is (from 0 in
     * an empty queue), in one transaction.
     *
     * @return the number of the first item added
     * @throws IllegalStateException    if {@code mode} is {@link SeedMode#IF_EMPTY} and the
     *                                  queue has items
     * @throws IllegalArgumentException if {@code items} is below 1
     * @throws QueueException           if the database fails
     */
    public long seed(long items, SeedMode mode) {
        if (items < 1) {
            throw new IllegalArgumentException("items must be at least 1, got " + items);
        }
        Objects.requireNonNull(mode, "mode");
        return once(connection -> AdminSql.seed(connection, items, mode));
    }

    /**
     * Counts the items pending, leased and done, the late completions and the duplicates, and
     * the results of each node, in one snapshot.
     *
     * @throws QueueException if the database fails
     */
    public QueueStatus status() {
        return once(AdminSql::status);
    }

    /**
     * Registers this process's control endpoint under its node name, replacing an earlier
     * registration of the name, and renews it with every heartbeat until the queue is closed.
     *
     * @param endpoint where its control server listens: {@code tcp:HOST:PORT} or {@code unix:PATH}
     * @throws QueueException if the database fails
     */
    public void register(String endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        once(connection -> AdminSql.register(connection, options.node(), endpoint, options.nodeTimeout()));
        this.endpoint = endpoint;
    }

    /**
     * The registered nodes that renewed their registration within their node timeout, by name.
     *
     * @throws QueueException if the database fails
     */
    public List<NodeEntry> liveNodes() {
        return once(AdminSql::liveNodes);
    }

    /** Completes when a worker of this process found no item left that is not done; never exceptionally. */
    public CompletableFuture<Void> drained() {
        return drained.copy();
    }

    /** How many results this process recorded. */
    public long recordedCount() {
        return recorded.sum();
    }

    /** How many of this process's completions were refused as late. */
    public long lateCount() {
        return late.sum();
    }

    /** How many items this process handed back before their lease ran out. */
    public long releasedCount() {
        return released.sum();
    }

    /**
     * Hands out no more items: {@link #take()} returns {@code null} from now on, and items
     * claimed but not in a worker's hand go back to the queue. Leases in workers' hands are
     * settled by the workers as usual. Idempotent.
     */
    public void stop() {
        stopped = true;
        releaseClaimed();
    }

    private void releaseClaimed() {
        Lease lease;
        while ((lease = claimed.pollFirst()) != null) {
            if (lease.settleQuietly()) {
                release(lease);
            }
        }
    }

    /**
     * Stops, removes this process's registration and closes every connection. Leases still
     * in workers' hands then run out; close after the workers have ended. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stop();
        stopHeartbeat();
        if (endpoint != null) {
            try {
                database.once(connection -> AdminSql.deregister(connection, options.node()));
            } catch (SQLException | RuntimeException e) {
                log.debug("Could not remove node {}; it drops out when its registration runs out", options.node(), e);
            }
        }
        database.close();
    }

    /**
     * Lets go as a process that dies would: closes every connection at once, renews nothing,
     * hands nothing back and leaves the registration to run out. Every lease this process holds
     * runs out within the lease time, and its items go to other processes. For failover tests
     * and emergencies; {@link #close()} is the orderly end. Idempotent.
     */
    public void abandon() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopped = true;
        stopHeartbeat();
        database.close();
        Lease lease;
        while ((lease = claimed.pollFirst()) != null) {
            lease.settleQuietly();
        }
    }

    private void stopHeartbeat() {
        heartbeat.shutdownNow();
        try {
            if (!heartbeat.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("The work queue's heartbeat did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Renews the leases held and the registration; a failure waits for the next beat. */
    private void beat() {
        try {
            if (!held.isEmpty()) {
                Set<Long> tokens = Set.copyOf(held.keySet());
                Set<Long> kept = database.once(connection -> LeaseSql.extend(connection, tokens, options.lease()));
                for (Long token : tokens) {
                    Lease lease = held.get(token);
                    if (lease != null && !kept.contains(token)) {
                        lease.markLost();
                    }
                }
            }
            String registered = endpoint;
            if (registered != null && !database.once(connection -> AdminSql.renew(connection, options.node()))) {
                database.once(connection -> AdminSql.register(connection, options.node(), registered,
                        options.nodeTimeout()));
            }
        } catch (SQLException | RuntimeException e) {
            // The database's outage is the listener's to report; a closed queue beats no more.
            log.debug("Heartbeat failed", e);
        }
    }

    private <T> T once(Database.Work<T> work) {
        try {
            return database.once(work);
        } catch (SQLException e) {
            throw new QueueException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "PostgresQueue[" + options.node() + (closed.get() ? ", closed" : stopped ? ", stopped" : "") + "]";
    }
}
