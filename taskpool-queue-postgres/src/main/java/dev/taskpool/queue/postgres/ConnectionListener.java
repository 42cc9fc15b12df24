package dev.taskpool.queue.postgres;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears when a {@link PostgresQueue} loses its database and when it has it back: once per
 * outage each, however many workers retry meanwhile and however often. The default,
 * {@link #logging()}, writes one warning and one info line per outage.
 *
 * <p>Called on the thread whose attempt failed or succeeded, never while the queue holds a
 * lock; an implementation must be thread-safe and quick.
 */
public interface ConnectionListener {

    /**
     * The database could not be reached, or dropped a connection, after a time it could.
     *
     * @param cause the first failure of the outage
     */
    void lost(SQLException cause);

    /**
     * The database answered again.
     *
     * @param outage         how long it was away, from the first failure to this success
     * @param failedAttempts how many attempts failed meanwhile, by every worker together
     */
    void restored(Duration outage, int failedAttempts);

    /** Logs on {@code dev.taskpool.queue.postgres.PostgresQueue}: a warning when lost, an info line when back. */
    static ConnectionListener logging() {
        Logger log = LoggerFactory.getLogger(PostgresQueue.class);
        return new ConnectionListener() {
            @Override
            public void lost(SQLException cause) {
                log.warn("Work queue database unreachable ({}); workers wait and retry until it is back",
                        cause.getMessage());
            }

            @Override
            public void restored(Duration outage, int failedAttempts) {
                log.info(String.format(Locale.ROOT, "Work queue database reachable again after %.1f s (%d failed attempts)",
                        outage.toMillis() / 1000.0, failedAttempts));
            }
        };
    }
}
