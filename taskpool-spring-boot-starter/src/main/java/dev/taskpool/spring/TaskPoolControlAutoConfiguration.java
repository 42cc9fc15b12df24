package dev.taskpool.spring;

import dev.taskpool.BaseTaskPool;
import dev.taskpool.control.ControlEndpoint;
import dev.taskpool.control.ControlServer;
import dev.taskpool.control.ControlServerBuilder;
import dev.taskpool.control.FunctionRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.io.IOException;
import java.util.List;

/**
 * A {@link ControlServer} for every pool bean, when {@code taskpool.control.enabled=true}. It
 * listens from the moment its bean is created, on {@code taskpool.control.unix-socket} if set,
 * else on {@code taskpool.control.host}:{@code port}; a {@link FunctionRegistry} bean, if there
 * is one, is the allow-list of functions clients may start. Sessions start at the first pool
 * bean. The server is a bean, so a test or a log line can ask it for its
 * {@linkplain ControlServer#port() port}; it closes when the context does, after the pools
 * have shut down, so a client can watch them wind down.
 */
@AutoConfiguration(after = TaskPoolAutoConfiguration.class)
@ConditionalOnBooleanProperty("taskpool.control.enabled")
public class TaskPoolControlAutoConfiguration {

    /**
     * The control server, listening.
     *
     * @throws IllegalStateException if there is no pool bean, two pools share a name, the
     *                               options are invalid, or the endpoint cannot be bound
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public ControlServer taskPoolControlServer(TaskPools pools, TaskPoolProperties properties,
                                               ObjectProvider<FunctionRegistry> functions) {
        if (pools.isEmpty()) {
            throw new IllegalStateException("taskpool.control.enabled is true, but the application has no"
                    + " SimpleTaskPool or TaskPool bean for the control server to control");
        }
        pools.requireDistinctPoolNames("the control server");
        TaskPoolProperties.Control control = properties.getControl();
        List<BaseTaskPool> all = List.copyOf(pools.byBeanName().values());
        ControlServerBuilder builder = ControlServer.forPools(all.get(0),
                all.subList(1, all.size()).toArray(BaseTaskPool[]::new));
        FunctionRegistry registry = functions.getIfAvailable();
        if (registry != null) {
            builder.functions(registry);
        }
        ControlEndpoint endpoint;
        try {
            builder.options(options(control));
            endpoint = control.getUnixSocket() != null ? ControlEndpoint.unix(control.getUnixSocket())
                    : ControlEndpoint.tcp(control.getHost(), control.getPort());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("taskpool.control: " + e.getMessage(), e);
        }
        try {
            return builder.start(endpoint);
        } catch (IOException e) {
            // The control server's own messages name the endpoint already.
            String why = e.getMessage() != null && e.getMessage().contains(endpoint.toString()) ? e.getMessage()
                    : "cannot listen on " + endpoint + ": " + e;
            throw new IllegalStateException("taskpool.control: " + why, e);
        }
    }

    private static ControlServer.Options options(TaskPoolProperties.Control control) {
        String token = control.getToken();
        return ControlServer.Options.defaults()
                .withToken(token == null || token.isBlank() ? null : token)
                .withMaxSessions(control.getMaxSessions())
                .withIdleTimeout(control.getIdleTimeout());
    }
}
