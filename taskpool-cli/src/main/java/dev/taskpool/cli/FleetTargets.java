package dev.taskpool.cli;

import dev.taskpool.queue.postgres.NodeEntry;
import dev.taskpool.queue.postgres.PostgresQueue;
import dev.taskpool.queue.postgres.QueueException;
import dev.taskpool.queue.postgres.QueueStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Where the daemons of a fleet are: those registered live in a work queue's database, if one
 * was given, and those given with {@code --target}, in name order, so that every run prints
 * them in the same order. Owns its connection to the database; close it.
 */
final class FleetTargets implements AutoCloseable {

    private final PostgresQueue queue;
    private final List<FleetTarget> given;

    /**
     * @param jdbcUrl the queue's database; {@code null} for none
     * @throws QueueException if the database cannot be reached
     */
    FleetTargets(String jdbcUrl, List<FleetTarget> given) {
        this.queue = jdbcUrl == null ? null : QueueCommand.open(jdbcUrl);
        this.given = List.copyOf(given);
    }

    /**
     * Every target as of now, in name order.
     *
     * @throws QueueException if the database fails
     */
    List<FleetTarget> current() {
        List<FleetTarget> targets = new ArrayList<>(given);
        if (queue != null) {
            for (NodeEntry node : queue.liveNodes()) {
                targets.add(FleetTarget.registered(node.name(), node.endpoint()));
            }
        }
        targets.sort(Comparator.comparing(FleetTarget::name));
        return targets;
    }

    /** Whether the targets come from a database, which also knows the items each one did. */
    boolean hasDatabase() {
        return queue != null;
    }

    /**
     * How many items each node did, by name; empty without a database.
     *
     * @throws QueueException if the database fails
     */
    Map<String, Long> doneByNode() {
        if (queue == null) {
            return Map.of();
        }
        Map<String, Long> done = new java.util.HashMap<>();
        for (QueueStatus.Node node : queue.status().nodes().values()) {
            done.put(node.name(), node.done());
        }
        return done;
    }

    @Override
    public void close() {
        if (queue != null) {
            queue.close();
        }
    }
}
