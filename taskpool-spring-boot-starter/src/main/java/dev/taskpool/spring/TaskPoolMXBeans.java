package dev.taskpool.spring;

import dev.taskpool.BaseTaskPool;
import dev.taskpool.jmx.PoolMXBeans;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

import java.util.ArrayList;
import java.util.List;

/**
 * Registers every pool with the platform MBean server through {@link PoolMXBeans} when its
 * bean is initialized, and unregisters them when the context closes. Thread-safe as far as
 * Spring calls it: once to register, once to unregister.
 */
public final class TaskPoolMXBeans implements InitializingBean, DisposableBean {

    private final TaskPools pools;
    private final List<BaseTaskPool> registered = new ArrayList<>();

    /** @param pools the pools to register */
    public TaskPoolMXBeans(TaskPools pools) {
        this.pools = pools;
    }

    /**
     * Registers the pools.
     *
     * @throws IllegalStateException if two pools share a name, or a pool of the same name is
     *                               registered already (by another context, say)
     */
    @Override
    public void afterPropertiesSet() {
        pools.requireDistinctPoolNames("JMX");
        for (BaseTaskPool pool : pools.byBeanName().values()) {
            PoolMXBeans.register(pool);
            registered.add(pool);
        }
    }

    /** Unregisters the pools registered. */
    @Override
    public void destroy() {
        registered.forEach(PoolMXBeans::unregister);
        registered.clear();
    }
}
