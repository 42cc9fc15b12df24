package dev.taskpool.spring;

import dev.taskpool.BaseTaskPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * Shuts the application's pools down when the context stops: each pool refuses new tasks,
 * lets its running tasks finish for up to the grace period, cancels those still running then,
 * and closes ({@link BaseTaskPool#shutdown(Duration)}). The pools shut down side by side, each
 * on a thread of its own, so the whole shutdown takes about one grace period, not one per
 * pool.
 *
 * <h2>Order</h2>
 * Its {@linkplain #PHASE phase} stops it after the default phase (where message listener
 * containers, which feed pools, stop) and before the web server's graceful shutdown: while the
 * pools wind down, the server still answers, so the {@code taskpools} endpoint and the health
 * and metrics endpoints show the shutdown as it happens; the control server, closed with the
 * beans later still, shows it too. A request that tries to start a task during that time is
 * refused by the pool ({@link dev.taskpool.PoolIsClosedException}).
 *
 * <p>Spring waits {@code spring.lifecycle.timeout-per-shutdown-phase} (30 s by default) for a
 * phase: keep the grace period below it. If the phase times out, the pools are still closed
 * when their beans are destroyed, which cancels what runs at once.
 *
 * <p>Thread-safe. Stopped once, the pools stay closed: starting the context again does not
 * reopen them.
 */
public final class TaskPoolShutdown implements SmartLifecycle {

    /**
     * The phase: 512 below {@link SmartLifecycle#DEFAULT_PHASE}, halfway to the web server's
     * graceful shutdown ({@code WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE},
     * {@code DEFAULT_PHASE - 1024}), which stops taking requests. Higher phases stop first.
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private static final Logger log = LoggerFactory.getLogger(TaskPoolShutdown.class);

    private final TaskPools pools;
    private final Duration grace;
    private volatile boolean running;

    /**
     * @param pools the pools to shut down
     * @param grace how long running tasks may take to finish
     */
    public TaskPoolShutdown(TaskPools pools, Duration grace) {
        this.pools = Objects.requireNonNull(pools, "pools");
        this.grace = Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("taskpool.shutdown.grace must be 0 or more, got " + grace);
        }
    }

    /** The grace period running tasks are given. */
    public Duration grace() {
        return grace;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Shuts every pool down and returns when they all have. */
    @Override
    public void stop() {
        running = false;
        shutdownAll();
    }

    /** Shuts every pool down on threads of its own, and calls {@code callback} when they all have. */
    @Override
    public void stop(Runnable callback) {
        running = false;
        Thread.ofVirtual().name("taskpool-shutdown").start(() -> {
            try {
                shutdownAll();
            } finally {
                callback.run();
            }
        });
    }

    private void shutdownAll() {
        CountDownLatch done = new CountDownLatch(pools.byBeanName().size());
        for (Map.Entry<String, BaseTaskPool> entry : pools.byBeanName().entrySet()) {
            Thread.ofVirtual().name("taskpool-shutdown-" + entry.getKey()).start(() -> {
                try {
                    shutdown(entry.getKey(), entry.getValue());
                } finally {
                    done.countDown();
                }
            });
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            log.warn("Interrupted while {} pools shut down; they go on shutting down", done.getCount());
            Thread.currentThread().interrupt();
        }
    }

    private void shutdown(String bean, BaseTaskPool pool) {
        try {
            if (pool.shutdown(grace)) {
                log.info("Pool '{}' shut down: its tasks finished within {}", bean, grace);
            } else {
                log.warn("Pool '{}' shut down: tasks still running after the grace period of {} were cancelled",
                        bean, grace);
            }
        } catch (InterruptedException e) {
            log.warn("Pool '{}' was interrupted while shutting down; it stays closing", bean);
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Pool '{}' failed to shut down", bean, e);
        }
    }
}
