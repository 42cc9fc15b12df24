package dev.taskpool.queue.postgres;

/** The {@link PostgresQueue} was closed: it no longer reaches its database. */
public final class QueueClosedException extends QueueException {

    private static final long serialVersionUID = 1L;

    /** The queue's connections are closed. */
    public QueueClosedException() {
        super("the work queue is closed", null);
    }
}
