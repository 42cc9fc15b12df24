package dev.taskpool.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Every pool as an MXBean ({@code dev.taskpool:type=SimpleTaskPool,name=...}, see
 * {@link dev.taskpool.jmx.PoolMXBeans}) when the application has JMX on, with
 * {@code spring.jmx.enabled=true} as for Spring's own MBeans.
 */
@AutoConfiguration(after = TaskPoolAutoConfiguration.class)
@ConditionalOnBooleanProperty("spring.jmx.enabled")
public class TaskPoolJmxAutoConfiguration {

    /** Registers the pools' MXBeans, and unregisters them on shutdown. */
    @Bean
    @ConditionalOnMissingBean
    public TaskPoolMXBeans taskPoolMXBeans(TaskPools pools) {
        return new TaskPoolMXBeans(pools);
    }
}
