package dev.taskpool.queue.postgres;

/**
 * The work queue's database failed in a way that waiting does not cure: a missing permission,
 * a table changed by hand, a bug. The message says what the database answered; the cause is
 * its {@link java.sql.SQLException}. (A database that is away is waited for, never thrown.)
 */
public class QueueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, for a person
     * @param cause   the database's exception, or {@code null}
     */
    public QueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
