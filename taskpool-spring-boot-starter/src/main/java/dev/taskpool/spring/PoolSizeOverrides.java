package dev.taskpool.spring;

import dev.taskpool.BaseTaskPool;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sets the pool size of each pool bean named in {@code taskpool.pools.BEAN.pool-size} as soon
 * as the bean is initialized, before anything else is given the pool. A name that matches no
 * pool bean fails the startup: a misspelt bean name would otherwise leave a pool at a size
 * nobody meant.
 *
 * <p>A bean post-processor is created before the properties beans are, so it binds
 * {@code taskpool.pools} from the environment itself.
 */
final class PoolSizeOverrides implements BeanPostProcessor, SmartInitializingSingleton {

    static final String PREFIX = "taskpool.pools";

    private final Map<String, Integer> sizes;
    private final Set<String> applied = ConcurrentHashMap.newKeySet();
    private final Set<String> poolBeans = ConcurrentHashMap.newKeySet();

    PoolSizeOverrides(Map<String, Integer> sizes) {
        this.sizes = Map.copyOf(sizes);
    }

    static PoolSizeOverrides from(Environment environment) {
        Map<String, TaskPoolProperties.Pool> pools = Binder.get(environment)
                .bind(PREFIX, Bindable.mapOf(String.class, TaskPoolProperties.Pool.class))
                .orElse(Map.of());
        Map<String, Integer> sizes = new TreeMap<>();
        pools.forEach((bean, pool) -> {
            if (pool.getPoolSize() != null) {
                sizes.put(bean, pool.getPoolSize());
            }
        });
        return new PoolSizeOverrides(sizes);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof BaseTaskPool pool) {
            poolBeans.add(beanName);
            Integer size = sizes.get(beanName);
            if (size != null) {
                resize(beanName, pool, size);
            }
        }
        return bean;
    }

    private void resize(String beanName, BaseTaskPool pool, int size) {
        try {
            pool.setPoolSize(size);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(PREFIX + "." + beanName + ".pool-size is " + size
                    + ": a pool size is 0 or more (" + BaseTaskPool.UNBOUNDED + " for no limit)", e);
        }
        applied.add(beanName);
    }

    @Override
    public void afterSingletonsInstantiated() {
        Set<String> unknown = new TreeSet<>(sizes.keySet());
        unknown.removeAll(applied);
        if (!unknown.isEmpty()) {
            String bean = unknown.iterator().next();
            throw new IllegalStateException(PREFIX + "." + bean + ".pool-size: there is no pool bean named '"
                    + bean + "'; the pool beans are " + new TreeSet<>(poolBeans));
        }
    }
}
