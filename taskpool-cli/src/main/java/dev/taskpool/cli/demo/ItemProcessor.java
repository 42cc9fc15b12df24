package dev.taskpool.cli.demo;

/**
 * What a {@link Worker} does with one work item. The demo's is {@link SimulatedWork}; tests
 * substitute their own to count or break things.
 */
@FunctionalInterface
public interface ItemProcessor {

    /**
     * Processes {@code item}. Must not have any lasting effect before it returns: its result is
     * recorded only when it returns normally, and an item whose processing threw is processed
     * again later.
     *
     * @return the item's result, summed over all items into a checksum
     * @throws InterruptedException if the worker is stopped meanwhile
     */
    long process(long item) throws InterruptedException;
}
