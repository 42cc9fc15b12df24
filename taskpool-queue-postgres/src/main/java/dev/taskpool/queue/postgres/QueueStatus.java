package dev.taskpool.queue.postgres;

import java.util.Map;
import java.util.Objects;

/**
 * The state of a queue at one moment, as one transaction saw it.
 *
 * @param pending    items not done and not leased: waiting, handed back, or whose lease ran out
 * @param leased     items not done whose lease still runs
 * @param done       items done, each with its one recorded result
 * @param late       completions refused because the item's lease had been taken over by then
 * @param duplicates items with more than one recorded result: always 0, which the table's
 *                   unique constraint guarantees; counted all the same, for the sceptical
 * @param nodes      every node that recorded a result or is registered, by name, in name order
 */
public record QueueStatus(long pending, long leased, long done, long late, long duplicates, Map<String, Node> nodes) {

    /**
     * One node of the queue.
     *
     * @param name     its name ({@link QueueOptions#node()})
     * @param done     how many results it recorded
     * @param endpoint the control endpoint it registered ({@code tcp:HOST:PORT}, {@code unix:PATH});
     *                 {@code null} if it is not registered
     * @param live     whether it renewed its registration within its node timeout
     */
    public record Node(String name, long done, String endpoint, boolean live) {
        public Node {
            Objects.requireNonNull(name, "name");
        }
    }

    public QueueStatus {
        nodes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nodes));
    }

    /** Every item: pending, leased and done. */
    public long total() {
        return pending + leased + done;
    }
}
