package dev.taskpool.queue.postgres;

import dev.taskpool.function.CheckedRunnable;
import java.util.Objects;

/**
 * The task of a worker of a {@link PostgresQueue} ({@link PostgresQueue#worker}): takes items
 * and processes them until none is left or the queue is stopped. An item is completed as soon
 * as its handler returns, and released in a {@code finally} block otherwise, so that stopping a
 * worker anywhere hands its item back at once. A worker interrupted between two items ends
 * without taking another.
 *
 * <p>Stateless apart from its collaborators: one instance serves every task of a pool, each
 * recording its results under its thread's name.
 */
final class QueueWorker implements CheckedRunnable {

    private final PostgresQueue queue;
    private final ItemHandler handler;

    QueueWorker(PostgresQueue queue, ItemHandler handler) {
        this.queue = queue;
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public void run() throws Exception {
        String name = Thread.currentThread().getName();
        while (true) {
            // Cleared as it is turned into the exception, as blocking methods do.
            if (Thread.interrupted()) {
                throw new InterruptedException(name + " stopped between two items");
            }
            Lease lease = queue.take();
            if (lease == null) {
                return;
            }
            try {
                lease.complete(name, handler.process(lease.item()));
            } finally {
                lease.release();
            }
        }
    }
}
