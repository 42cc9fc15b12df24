package dev.taskpool.spring.actuate;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The {@code taskpools} endpoint's POST on the web: 404 for a pool bean that does not exist,
 * where the endpoint itself could only answer with no content. Thread-safe.
 */
@EndpointWebExtension(endpoint = TaskPoolsEndpoint.class)
public class TaskPoolsEndpointWebExtension {

    private final TaskPoolsEndpoint endpoint;

    /** @param endpoint the endpoint it extends */
    public TaskPoolsEndpointWebExtension(TaskPoolsEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** As {@link TaskPoolsEndpoint#change}, with 404 if there is no such pool bean. */
    @WriteOperation
    public WebEndpointResponse<TaskPoolsEndpoint.PoolDescriptor> change(@Selector String name,
            @Nullable Integer poolSize, @Nullable Boolean locked) {
        TaskPoolsEndpoint.PoolDescriptor pool = endpoint.change(name, poolSize, locked);
        return pool == null ? new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND)
                : new WebEndpointResponse<>(pool);
    }
}
