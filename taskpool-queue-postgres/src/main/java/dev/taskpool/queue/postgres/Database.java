package dev.taskpool.queue.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queue's connections (a HikariCP pool) and how it talks through them: every piece of work
 * is one transaction, run on a thread of its own so that an interrupt of the caller never
 * reaches the socket (PostgreSQL's driver would lose the connection, and a commit's outcome
 * with it); failures that mean the database is away are retried with growing pauses, and
 * reported to the {@link ConnectionListener} once per outage.
 *
 * <p>Thread-safe.
 */
final class Database implements AutoCloseable {

    /** One transaction's work. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);

    private final HikariDataSource source;
    private final ConnectionListener listener;
    private final Duration maxBackoff;
    private final ReentrantLock outageLock = new ReentrantLock();
    /** Nano time of the first failure of the current outage; 0 while the database answers. */
    private long outageSince;
    /** Nano time the last outage ended. */
    private long restoredAt = System.nanoTime();
    private int failedAttempts;
    private volatile boolean closed;

    /** @throws RuntimeException if the first connection fails, saying why */
    Database(String jdbcUrl, QueueOptions options) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("taskpool-queue-" + options.node());
        config.setMaximumPoolSize(options.maxConnections());
        config.setMinimumIdle(1);
        // Short, so that a worker waiting for a connection during an outage notices it soon;
        // the retries, not the pool, wait for the database to come back.
        config.setConnectionTimeout(2_000);
        config.setValidationTimeout(1_000);
        // One attempt to connect when the queue opens: a database that cannot be reached then
        // is a mistake to report at once, not an outage to wait out.
        config.setInitializationFailTimeout(1);
        // Parameters of the URL take precedence over these.
        config.addDataSourceProperty("connectTimeout", "5");
        config.addDataSourceProperty("socketTimeout", "30");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("ApplicationName", "taskpool " + options.node());
        this.source = new HikariDataSource(config);
        this.listener = options.listener();
        this.maxBackoff = options.maxBackoff();
    }

    /**
     * Runs {@code work} once, in a transaction; a failure rolls it back.
     *
     * @throws SQLException        as {@code work} or the connection failed; {@link #isTransient}
     *                             tells whether the database is away
     * @throws QueueClosedException if the queue was closed
     */
    <T> T once(Work<T> work) throws SQLException {
        if (closed) {
            throw new QueueClosedException();
        }
        long started = System.nanoTime();
        CompletableFuture<T> outcome = new CompletableFuture<>();
        Thread.ofVirtual().name("taskpool-queue-sql").start(() -> {
            try {
                outcome.complete(transaction(work));
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        });
        try {
            // join() waits through interrupts and leaves the caller's status set.
            T result = outcome.join();
            succeeded(started);
            return result;
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                if (closed) {
                    throw new QueueClosedException();
                }
                if (isTransient(sql)) {
                    failed(sql, started);
                }
                throw sql;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (Error) cause;
        }
    }

    /**
     * Runs {@code work} until it succeeds, pausing between attempts while the database is away
     * (50 ms, doubling up to the options' longest backoff, with jitter).
     *
     * @throws InterruptedException if the caller is interrupted before an attempt or during a
     *                              pause; an attempt that had begun was completed first
     * @throws QueueException        for a failure that retrying cannot cure (a bug, a missing
     *                              permission)
     * @throws QueueClosedException  if the queue was closed
     */
    <T> T retrying(Work<T> work) throws InterruptedException {
        long pause = FIRST_BACKOFF.toMillis();
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            try {
                return once(work);
            } catch (SQLException e) {
                if (!isTransient(e)) {
                    throw new QueueException("work queue database failed: " + e.getMessage(), e);
                }
            }
            long jittered = pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1);
            Thread.sleep(jittered);
            pause = Math.min(pause * 2, maxBackoff.toMillis());
        }
    }

    private <T> T transaction(Work<T> work) throws SQLException {
        try (Connection connection = source.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailed) {
                    e.addSuppressed(rollbackFailed);
                }
                throw e;
            }
        }
    }

    /**
     * Whether {@code e} means the database is away or went away: a connection failure
     * (SQLSTATE class 08), a server shutting down or starting up (57P01..57P03), too many
     * connections (53300), or the pool's timeout waiting for a connection.
     */
    static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("53300")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Counts a failed attempt that began at {@code started}; the first of an outage is reported.
     * An attempt that began before the last outage ended is a straggler of that outage, not the
     * start of another.
     */
    private void failed(SQLException cause, long started) {
        boolean first;
        outageLock.lock();
        try {
            if (outageSince == 0 && started - restoredAt < 0) {
                return;
            }
            first = outageSince == 0;
            if (first) {
                outageSince = System.nanoTime();
            }
            failedAttempts++;
        } finally {
            outageLock.unlock();
        }
        if (first) {
            // Pooled connections opened before the outage may be dead without knowing it yet:
            // replaced as they come back, they cannot fail the first attempts after it.
            var pool = source.getHikariPoolMXBean();
            if (pool != null) {
                pool.softEvictConnections();
            }
            listener.lost(cause);
        }
    }

    /**
     * Ends the outage, if there is one, with an attempt that began at {@code started}: only
     * one that began after the outage did, since an older one may have had its answer before.
     */
    private void succeeded(long started) {
        Duration outage;
        int attempts;
        outageLock.lock();
        try {
            if (outageSince == 0 || started - outageSince < 0) {
                return;
            }
            outage = Duration.ofNanos(System.nanoTime() - outageSince);
            attempts = failedAttempts;
            outageSince = 0;
            failedAttempts = 0;
            restoredAt = System.nanoTime();
        } finally {
            outageLock.unlock();
        }
        listener.restored(outage, attempts);
    }

    boolean isClosed() {
        return closed;
    }

    /** Closes every connection, those in use too. Idempotent. */
    @Override
    public void close() {
        closed = true;
        source.close();
    }
}
