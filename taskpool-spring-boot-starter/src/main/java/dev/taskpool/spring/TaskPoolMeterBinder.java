package dev.taskpool.spring;

import dev.taskpool.BaseTaskPool;
import dev.taskpool.micrometer.TaskPoolMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.DisposableBean;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Binds every pool to each registry Spring Boot binds it to, with one {@link TaskPoolMetrics}
 * per pool and registry, and closes them when the context closes, which removes the pools'
 * meters. Thread-safe.
 */
public final class TaskPoolMeterBinder implements MeterBinder, DisposableBean {

    private final TaskPools pools;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<TaskPoolMetrics> bound = new ArrayList<>();

    /** @param pools the pools to bind */
    public TaskPoolMeterBinder(TaskPools pools) {
        this.pools = pools;
    }

    /**
     * Binds every pool to {@code registry}.
     *
     * @throws IllegalStateException if two pools share a name, or a pool of the same name is
     *                               bound to the registry already
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        pools.requireDistinctPoolNames("Micrometer");
        lock.lock();
        try {
            for (BaseTaskPool pool : pools.byBeanName().values()) {
                TaskPoolMetrics metrics = new TaskPoolMetrics(pool);
                metrics.bindTo(registry);
                bound.add(metrics);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Removes the pools' meters from every registry they were bound to. */
    @Override
    public void destroy() {
        lock.lock();
        try {
            bound.forEach(TaskPoolMetrics::close);
            bound.clear();
        } finally {
            lock.unlock();
        }
    }
}
