package dev.taskpool.spring;

import dev.taskpool.micrometer.TaskPoolMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The pools' meters ({@link TaskPoolMetrics}: {@code taskpool.tasks.running},
 * {@code taskpool.task.duration}... tagged {@code pool}) in the application's
 * {@link MeterRegistry}, when {@code taskpool-micrometer} is on the class path and there is a
 * registry. The binder is a {@link io.micrometer.core.instrument.binder.MeterBinder} bean, which
 * Spring Boot's metrics auto-configuration binds as it does its own.
 */
@AutoConfiguration(after = TaskPoolAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({TaskPoolMetrics.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
public class TaskPoolMetricsAutoConfiguration {

    /** Binds the pools to the registry. */
    @Bean
    @ConditionalOnMissingBean
    public TaskPoolMeterBinder taskPoolMeterBinder(TaskPools pools) {
        return new TaskPoolMeterBinder(pools);
    }
}
