package dev.taskpool.spring;

import dev.taskpool.BaseTaskPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The application's pools, each known by the name of its bean: every singleton
 * {@link dev.taskpool.SimpleTaskPool} and {@link dev.taskpool.TaskPool} bean of the context, in
 * the order they were defined. The {@code taskpools} endpoint and the {@code taskpool.pools.*}
 * properties name pools by these bean names.
 *
 * <p>The control server, the MXBeans and the meters show a pool under its own
 * {@link BaseTaskPool#name()}, which is given when the pool is built and never changes. Build
 * each pool with its bean's name ({@code SimpleTaskPool.builder(task).name("workers")} in the
 * bean method {@code workers}) and there is one name everywhere; a pool built with another
 * name, or none, is logged at startup with both names.
 *
 * <p>Immutable and thread-safe.
 */
public final class TaskPools {

    private static final Logger log = LoggerFactory.getLogger(TaskPools.class);

    private final Map<String, BaseTaskPool> byBean;

    /**
     * @param byBean the pools by bean name, in the order the first should be listed
     */
    public TaskPools(Map<String, ? extends BaseTaskPool> byBean) {
        this.byBean = Collections.unmodifiableMap(new LinkedHashMap<>(byBean));
        this.byBean.forEach((bean, pool) -> {
            if (!bean.equals(pool.name())) {
                log.warn("Pool bean '{}' holds a pool named '{}': the control server, JMX and metrics"
                        + " show it as '{}', the taskpools endpoint and taskpool.pools.* as '{}'."
                        + " Build it with .name(\"{}\") for one name everywhere.",
                        bean, pool.name(), pool.name(), bean, bean);
            }
        });
    }

    /** The pools by bean name, in definition order; unmodifiable. */
    public Map<String, BaseTaskPool> byBeanName() {
        return byBean;
    }

    /** The pool of the named bean, or {@code null} if there is none. */
    public BaseTaskPool get(String beanName) {
        return byBean.get(beanName);
    }

    /** Whether the application has no pool. */
    public boolean isEmpty() {
        return byBean.isEmpty();
    }

    /**
     * Checks that no two pools share a {@link BaseTaskPool#name()}, which {@code feature} tells
     * them apart by.
     *
     * @throws IllegalStateException naming both beans, if two pools share a name
     */
    void requireDistinctPoolNames(String feature) {
        Map<String, String> beanByPoolName = new LinkedHashMap<>();
        byBean.forEach((bean, pool) -> {
            String other = beanByPoolName.putIfAbsent(pool.name(), bean);
            if (other != null) {
                throw new IllegalStateException("Pool beans '" + other + "' and '" + bean
                        + "' hold pools both named '" + pool.name() + "', and " + feature
                        + " tells pools apart by name: build them with distinct names, such as their"
                        + " bean names (.name(\"" + bean + "\"))");
            }
        });
    }
}
