package dev.taskpool.cli.demo;

import dev.taskpool.function.CheckedRunnable;

import java.util.Objects;

/**
 * The body of every task of the demo's {@code workers} pool: takes items from the
 * {@link DemoQueue} and processes them until every item is done, the queue is closed or the
 * task is cancelled.
 *
 * <p>An item is completed as soon as its processing returns, with nothing that could be
 * interrupted in between, and released in a {@code finally} block otherwise, so stopping a
 * worker anywhere neither loses an item nor lets one be done twice. A worker stopped between
 * two items (its interrupt seen after completing one) ends without taking another.
 *
 * <p>Stateless apart from its collaborators: one instance serves every task of the pool, each
 * task identified by its thread's name ({@code workers_Task-<id>}).
 */
public final class Worker implements CheckedRunnable {

    private final DemoQueue queue;
    private final ItemProcessor processor;

    public Worker(DemoQueue queue, ItemProcessor processor) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.processor = Objects.requireNonNull(processor, "processor");
    }

    /**
     * Processes items until none are left to take.
     *
     * @throws InterruptedException when cancelled; the item in hand, if unfinished, is back in
     *                              the queue by then
     */
    @Override
    public void run() throws InterruptedException {
        String name = Thread.currentThread().getName();
        while (true) {
            // Cleared as it is turned into the exception, as blocking methods do.
            if (Thread.interrupted()) {
                throw new InterruptedException(name + " stopped between two items");
            }
            DemoQueue.Claim claim = queue.take();
            if (claim == null) {
                return;
            }
            try {
                claim.complete(name, processor.process(claim.item()));
            } finally {
                claim.release();
            }
        }
    }
}
