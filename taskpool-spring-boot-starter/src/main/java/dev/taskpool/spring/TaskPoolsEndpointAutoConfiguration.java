package dev.taskpool.spring;

import dev.taskpool.spring.actuate.TaskPoolsEndpoint;
import dev.taskpool.spring.actuate.TaskPoolsEndpointWebExtension;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code taskpools} endpoint ({@link TaskPoolsEndpoint}) when Actuator is on the class path
 * and the endpoint is available: enabled, and exposed on the web or JMX
 * ({@code management.endpoints.web.exposure.include=taskpools}).
 */
@AutoConfiguration(after = TaskPoolAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnAvailableEndpoint(TaskPoolsEndpoint.class)
public class TaskPoolsEndpointAutoConfiguration {

    /** The endpoint. */
    @Bean
    @ConditionalOnMissingBean
    public TaskPoolsEndpoint taskPoolsEndpoint(TaskPools pools) {
        return new TaskPoolsEndpoint(pools);
    }

    /** Its 404 for an unknown pool on the web. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
    public TaskPoolsEndpointWebExtension taskPoolsEndpointWebExtension(TaskPoolsEndpoint endpoint) {
        return new TaskPoolsEndpointWebExtension(endpoint);
    }
}
