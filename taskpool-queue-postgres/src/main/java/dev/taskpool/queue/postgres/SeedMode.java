package dev.taskpool.queue.postgres;

/** What {@link PostgresQueue#seed} does with a queue that has items already. */
public enum SeedMode {
    /** Refuses it: only an empty queue is seeded. */
    IF_EMPTY,
    /** Adds the new items after the highest item number there is. */
    APPEND,
    /** Removes every item, result and late completion first, then seeds from 0. */
    REPLACE
}
