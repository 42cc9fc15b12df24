package dev.taskpool.spring;

import dev.taskpool.BaseTaskPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.time.Duration;

/**
 * The application's pools ({@link TaskPools}), their sizes from {@code taskpool.pools.*}, and
 * their graceful shutdown ({@link TaskPoolShutdown}). The control server, MXBeans, meters and
 * the Actuator endpoint have auto-configurations of their own.
 */
@AutoConfiguration
@EnableConfigurationProperties(TaskPoolProperties.class)
public class TaskPoolAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TaskPoolAutoConfiguration.class);
    private static final Duration DEFAULT_PHASE_TIMEOUT = Duration.ofSeconds(30);

    /** Applies {@code taskpool.pools.BEAN.pool-size} to each pool bean as it is created. */
    @Bean
    static PoolSizeOverrides taskPoolSizeOverrides(Environment environment) {
        return PoolSizeOverrides.from(environment);
    }

    /** Every singleton pool bean, by bean name. */
    @Bean
    @ConditionalOnMissingBean
    public TaskPools taskPools(ListableBeanFactory beanFactory) {
        return new TaskPools(beanFactory.getBeansOfType(BaseTaskPool.class, false, true));
    }

    /** Shuts the pools down with the application, giving running tasks {@code taskpool.shutdown.grace}. */
    @Bean
    @ConditionalOnMissingBean
    public TaskPoolShutdown taskPoolShutdown(TaskPools pools, TaskPoolProperties properties, Environment environment) {
        Duration grace = properties.getShutdown().getGrace();
        Duration phaseTimeout = Binder.get(environment)
                .bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class).orElse(DEFAULT_PHASE_TIMEOUT);
        if (grace.compareTo(phaseTimeout) >= 0) {
            log.warn("taskpool.shutdown.grace ({}) is not below spring.lifecycle.timeout-per-shutdown-phase ({}):"
                    + " Spring stops waiting for the pools before their tasks' grace period is over", grace, phaseTimeout);
        }
        return new TaskPoolShutdown(pools, grace);
    }
}
