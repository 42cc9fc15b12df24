package dev.taskpool.queue.postgres;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link PostgresQueue} works. Immutable; start from {@link #defaults()} and change with
 * the {@code with...} methods, which refuse a value out of range with an
 * {@link IllegalArgumentException} naming it.
 *
 * @param node           the name this process records with every result and registers in the
 *                       nodes table; unique among the processes sharing a queue
 * @param lease          how long a claim holds an item before others may take it; renewed
 *                       every third of it while the item is held
 * @param batchSize      how many items one claim takes at most; those not yet in a worker's
 *                       hand wait in this process, their leases renewed
 * @param pollInterval   how long a worker that found nothing to claim waits before it looks
 *                       again, while items are leased elsewhere
 * @param nodeTimeout    how long after its last renewal a registered process counts as gone
 * @param maxBackoff     the longest wait between two attempts while the database is away
 * @param maxConnections the size of the connection pool
 * @param listener       told when the database goes away and comes back
 */
public record QueueOptions(String node, Duration lease, int batchSize, Duration pollInterval, Duration nodeTimeout,
                           Duration maxBackoff, int maxConnections, ConnectionListener listener) {

    /** Ten seconds. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);

    /**
     * @throws IllegalArgumentException if the node is blank, a duration is not positive or a
     *                                  count is below 1
     * @throws NullPointerException     if a component is null
     */
    public QueueOptions {
        Objects.requireNonNull(node, "node");
        if (node.isBlank()) {
            throw new IllegalArgumentException("node must not be blank");
        }
        positive(lease, "lease");
        positive(pollInterval, "pollInterval");
        positive(nodeTimeout, "nodeTimeout");
        positive(maxBackoff, "maxBackoff");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
        Objects.requireNonNull(listener, "listener");
    }

    /**
     * Node {@code HOST-PID}, a lease of 10 s, batches of 4, polling every 250 ms, nodes gone
     * after 15 s, backoff up to 2 s, 10 connections, outages logged.
     */
    public static QueueOptions defaults() {
        return new QueueOptions(defaultNode(), DEFAULT_LEASE, 4, Duration.ofMillis(250), Duration.ofSeconds(15),
                Duration.ofSeconds(2), 10, ConnectionListener.logging());
    }

    /** {@code HOST-PID}: the machine's name and this process's ID. */
    public static String defaultNode() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    /** These options with another node name. */
    public QueueOptions withNode(String node) {
        return new QueueOptions(node, lease, batchSize, pollInterval, nodeTimeout, maxBackoff, maxConnections, listener);
    }

    /** These options with another lease. */
    public QueueOptions withLease(Duration lease) {
        return new QueueOptions(node, lease, batchSize, pollInterval, nodeTimeout, maxBackoff, maxConnections, listener);
    }

    /** These options with another batch size. */
    public QueueOptions withBatchSize(int batchSize) {
        return new QueueOptions(node, lease, batchSize, pollInterval, nodeTimeout, maxBackoff, maxConnections, listener);
    }

    /** These options with another poll interval. */
    public QueueOptions withPollInterval(Duration pollInterval) {
        return new QueueOptions(node, lease, batchSize, pollInterval, nodeTimeout, maxBackoff, maxConnections, listener);
    }

    /** These options with another node timeout. */
    public QueueOptions withNodeTimeout(Duration nodeTimeout) {
        return new QueueOptions(node, lease, batchSize, pollInterval, nodeTimeout, maxBackoff, maxConnections, listener);
    }

    /** These options with another longest wait between attempts. */
    public QueueOptions withMaxBackoff(Duration maxBackoff) {
        return new QueueOptions(node, lease, batchSize, pollInterval, nodeTimeout, maxBackoff, maxConnections, listener);
    }

    /** These options with another connection pool size. */
    public QueueOptions withMaxConnections(int maxConnections) {
        return new QueueOptions(node, lease, batchSize, pollInterval, nodeTimeout, maxBackoff, maxConnections, listener);
    }

    /** These options with another listener. */
    public QueueOptions withListener(ConnectionListener listener) {
        return new QueueOptions(node, lease, batchSize, pollInterval, nodeTimeout, maxBackoff, maxConnections, listener);
    }

    /** How often held leases and the node's registration are renewed: a third of the shorter of lease and node timeout. */
    Duration heartbeatInterval() {
        Duration shorter = lease.compareTo(nodeTimeout) <= 0 ? lease : nodeTimeout;
        return shorter.dividedBy(3);
    }

    private static void positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }
}
