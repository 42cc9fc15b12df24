package dev.taskpool.cli.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link DemoDaemon} is made of: where its control server and JMX connector listen,
 * how much work it has, how it shows progress and how long its shutdown waits. Immutable.
 *
 * @param host        the TCP host the control server binds
 * @param port        the TCP port; 0 lets the system choose one
 * @param unixSocket  where a second control server listens on a UNIX domain socket; {@code null}
 *                    for none
 * @param workers     how many workers start at once; 0 leaves starting them to control clients
 * @param items       how many work items there are; 0 for an endless queue, whose items never
 *                    run out
 * @param token       the secret control clients must present; {@code null} for none
 * @param minItemTime the shortest time an item takes
 * @param maxItemTime the longest time an item takes
 * @param progress    how progress is shown
 * @param grace       how long a shutdown lets the items in hand and the running jobs take to
 *                    finish before it cancels them
 * @param jmxPort     where a JMX connector listens on 127.0.0.1, 0 for a port the system
 *                    chooses; {@code null} for none
 * @param metricsPort where the metrics are served over HTTP on 127.0.0.1, 0 for a port the
 *                    system chooses; {@code null} for none
 * @param autoscale   the limits the workers follow the queue's backlog within; {@code null}
 *                    for a worker count left to control clients
 * @param sharedQueue a work queue in PostgreSQL to drain with other demos instead of the items
 *                    in memory ({@code items} is then unused); {@code null} for none
 */
public record DemoConfig(String host, int port, Path unixSocket, int workers, int items, String token,
                         Duration minItemTime, Duration maxItemTime, Progress progress, Duration grace,
                         Integer jmxPort, Integer metricsPort, Autoscale autoscale, SharedQueue sharedQueue) {

    /**
     * The limits of the workers' autoscaler.
     *
     * @param min the fewest workers
     * @param max the most workers
     */
    public record Autoscale(int min, int max) {
        /** @throws IllegalArgumentException unless {@code 0 <= min <= max} */
        public Autoscale {
            if (min < 0 || min > max) {
                throw new IllegalArgumentException("need 0 <= MIN <= MAX, got " + min + ":" + max);
            }
        }
    }

    /**
     * A work queue in PostgreSQL that several demos drain together.
     *
     * @param jdbcUrl the queue's database
     * @param node    the name this demo records its results and registers its control server
     *                under; {@code null} for {@code HOST-PID}
     * @param lease   how long a claim holds an item before another demo may take it over
     */
    public record SharedQueue(String jdbcUrl, String node, Duration lease) {
        public SharedQueue {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(lease, "lease");
            if (node != null && node.isBlank()) {
                throw new IllegalArgumentException("node must not be blank; use null for HOST-PID");
            }
            if (lease.isNegative() || lease.isZero()) {
                throw new IllegalArgumentException("lease must be positive, got " + lease);
            }
        }
    }

    /** This configuration draining {@code sharedQueue} with other demos. */
    public DemoConfig withSharedQueue(SharedQueue sharedQueue) {
        return new DemoConfig(host, port, unixSocket, workers, items, token, minItemTime, maxItemTime, progress,
                grace, jmxPort, metricsPort, autoscale, sharedQueue);
    }

    /** A configuration with the items in memory, no metrics and no autoscaling; the {@code with...} methods add them. */
    public DemoConfig(String host, int port, Path unixSocket, int workers, int items, String token,
                      Duration minItemTime, Duration maxItemTime, Progress progress, Duration grace, Integer jmxPort) {
        this(host, port, unixSocket, workers, items, token, minItemTime, maxItemTime, progress, grace, jmxPort, null,
                null, null);
    }

    /** This configuration serving metrics on {@code metricsPort}. */
    public DemoConfig withMetricsPort(Integer metricsPort) {
        return new DemoConfig(host, port, unixSocket, workers, items, token, minItemTime, maxItemTime, progress,
                grace, jmxPort, metricsPort, autoscale, sharedQueue);
    }

    /** This configuration with its workers following the queue within {@code autoscale}. */
    public DemoConfig withAutoscale(Autoscale autoscale) {
        return new DemoConfig(host, port, unixSocket, workers, items, token, minItemTime, maxItemTime, progress,
                grace, jmxPort, metricsPort, autoscale, sharedQueue);
    }

    /** How a running demo shows its progress. */
    public enum Progress {
        /** One line redrawn in place a few times a second: for a terminal. */
        LIVE(Duration.ofMillis(250)),
        /** A new line every few seconds: for a pipe, a file or a log collector. */
        LINES(Duration.ofSeconds(5)),
        /** Nothing but the start and summary lines. */
        OFF(Duration.ZERO);

        private final Duration interval;

        Progress(Duration interval) {
            this.interval = interval;
        }

        /** How often the progress is shown. */
        public Duration interval() {
            return interval;
        }
    }

    /**
     * @throws IllegalArgumentException if a number or duration is out of range, the host is
     *                                  blank or the token is blank
     * @throws NullPointerException     if a required component is null
     */
    public DemoConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(minItemTime, "minItemTime");
        Objects.requireNonNull(maxItemTime, "maxItemTime");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(grace, "grace");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (jmxPort != null && (jmxPort < 0 || jmxPort > 0xFFFF)) {
            throw new IllegalArgumentException("jmxPort must be in 0..65535, got " + jmxPort);
        }
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 0xFFFF)) {
            throw new IllegalArgumentException("metricsPort must be in 0..65535, got " + metricsPort);
        }
        if (workers < 0) {
            throw new IllegalArgumentException("workers must be 0 or more, got " + workers);
        }
        if (items < 0) {
            throw new IllegalArgumentException("items must be 0 or more, got " + items);
        }
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank; use null for none");
        }
        if (minItemTime.isNegative() || minItemTime.compareTo(maxItemTime) > 0) {
            throw new IllegalArgumentException(
                    "need 0 <= minItemTime <= maxItemTime, got " + minItemTime + " and " + maxItemTime);
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, got " + grace);
        }
    }
}
