package dev.taskpool.cli.demo;

import dev.taskpool.BaseTaskPool;
import dev.taskpool.micrometer.TaskPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.java21.instrument.binder.jdk.VirtualThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The demo's {@code --metrics-port}: its pools ({@link TaskPoolMetrics}) and the JVM (memory,
 * threads, garbage collection, processor, and virtual threads where JFR can report them) in a
 * {@link PrometheusMeterRegistry}, served by a {@link MetricsServer}.
 *
 * <p>Thread-safe. Owns the registry, the binders that need closing (the GC binder's
 * notification listeners, the virtual-thread binder's JFR recording) and the server;
 * {@link #close()} releases them all.
 */
final class DemoMetrics implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoMetrics.class);

    private final PrometheusMeterRegistry registry;
    private final List<AutoCloseable> owned;
    private final MetricsServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DemoMetrics(PrometheusMeterRegistry registry, List<AutoCloseable> owned, MetricsServer server) {
        this.registry = registry;
        this.owned = owned;
        this.server = server;
    }

    /**
     * Binds the pools and the JVM to a new registry and serves it on {@code port}.
     *
     * @param port  the loopback TCP port; 0 lets the system choose a free one
     * @param pools the pools to publish, each under its own name
     * @throws MetricsPortException if the port cannot be bound; nothing is left running then
     */
    static DemoMetrics start(int port, List<? extends BaseTaskPool> pools) throws MetricsPortException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<AutoCloseable> owned = new ArrayList<>();
        try {
            for (BaseTaskPool pool : pools) {
                TaskPoolMetrics poolMetrics = new TaskPoolMetrics(pool);
                owned.add(poolMetrics);
                poolMetrics.bindTo(registry);
            }
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            JvmGcMetrics gc = new JvmGcMetrics();
            owned.add(gc);
            gc.bindTo(registry);
            VirtualThreadMetrics virtualThreads = virtualThreadMetrics(registry);
            if (virtualThreads != null) {
                owned.add(virtualThreads);
            }
            MetricsServer server;
            try {
                server = MetricsServer.start(registry, port);
            } catch (IOException e) {
                throw new MetricsPortException(port, e);
            }
            return new DemoMetrics(registry, owned, server);
        } catch (MetricsPortException | RuntimeException | Error e) {
            closeAll(owned);
            registry.close();
            throw e;
        }
    }

    /**
     * Virtual-thread pinning and failed submissions come from a JFR recording; a JVM without
     * JFR still has the other metrics.
     */
    private static VirtualThreadMetrics virtualThreadMetrics(PrometheusMeterRegistry registry) {
        VirtualThreadMetrics metrics;
        try {
            metrics = new VirtualThreadMetrics();
        } catch (RuntimeException | LinkageError e) {
            log.warn("No virtual-thread metrics: this JVM cannot record JFR events ({})", e.toString());
            return null;
        }
        try {
            metrics.bindTo(registry);
            return metrics;
        } catch (RuntimeException | Error e) {
            metrics.close();
            throw e;
        }
    }

    /** The port the metrics are served on: the one the system chose if 0 was asked for. */
    int port() {
        return server.port();
    }

    /** Where the metrics are: {@code http://127.0.0.1:PORT/metrics}. */
    String url() {
        return server.url();
    }

    /** The registry, for tests. */
    PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Stops serving, unbinds the pools, ends the JVM binders' listeners and recording, and
     * closes the registry. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.close();
        closeAll(owned);
        registry.close();
    }

    private static void closeAll(List<AutoCloseable> closeables) {
        for (AutoCloseable closeable : closeables.reversed()) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("Closing {} failed", closeable, e);
            }
        }
    }

    /** The metrics port could not be bound: the demo says so and does not start. */
    static final class MetricsPortException extends IOException {

        MetricsPortException(int port, IOException cause) {
            super("cannot serve metrics on 127.0.0.1:" + port + ": " + cause, cause);
        }
    }
}
