package dev.taskpool.queue.postgres;

/** What a worker of a {@link PostgresQueue} does with one item. */
@FunctionalInterface
public interface ItemHandler {

    /**
     * Processes {@code item} and returns its result. Should have no effect outside this
     * result that a second run would repeat harmfully: an item whose worker died, or whose
     * processing threw, is processed again, by this or another process.
     *
     * @throws InterruptedException if the worker is stopped meanwhile; the item goes back
     * @throws Exception            if the item failed; it goes back to the queue
     */
    long process(long item) throws Exception;
}
