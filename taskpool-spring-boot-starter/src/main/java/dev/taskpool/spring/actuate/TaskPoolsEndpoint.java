package dev.taskpool.spring.actuate;

import dev.taskpool.BaseTaskPool;
import dev.taskpool.GroupInfo;
import dev.taskpool.PoolStats;
import dev.taskpool.spring.TaskPools;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code taskpools} Actuator endpoint: the application's pools by bean name, with their
 * counters ({@link PoolStats}) and groups, and a pool size and lock to change.
 *
 * <ul>
 *   <li>{@code GET /actuator/taskpools}: every pool's counters, by bean name;</li>
 *   <li>{@code GET /actuator/taskpools/{name}}: one pool's counters and groups; 404 if there is
 *       no such pool bean;</li>
 *   <li>{@code POST /actuator/taskpools/{name}} with {@code {"poolSize": 7}},
 *       {@code {"locked": true}} or both: changes the pool and answers as the GET does;
 *       400 with neither or with a negative size, 404 if there is no such pool bean
 *       ({@link TaskPoolsEndpointWebExtension}).</li>
 * </ul>
 *
 * Like every endpoint, it is on the web only where the application exposes it
 * ({@code management.endpoints.web.exposure.include=taskpools}), and
 * {@code management.endpoint.taskpools.access=read-only} takes the POST away. Thread-safe.
 */
@Endpoint(id = "taskpools")
public class TaskPoolsEndpoint {

    private final TaskPools pools;

    /** @param pools the pools it shows */
    public TaskPoolsEndpoint(TaskPools pools) {
        this.pools = pools;
    }

    /** Every pool's counters, by bean name. */
    @ReadOperation
    public PoolsDescriptor pools() {
        Map<String, PoolStats> stats = new LinkedHashMap<>();
        pools.byBeanName().forEach((bean, pool) -> stats.put(bean, pool.stats()));
        return new PoolsDescriptor(stats);
    }

    /** One pool's counters and groups; {@code null} (404 on the web) if there is no such pool bean. */
    @ReadOperation
    public @Nullable PoolDescriptor pool(@Selector String name) {
        BaseTaskPool pool = pools.get(name);
        return pool == null ? null : PoolDescriptor.of(name, pool);
    }

    /**
     * Changes a pool's size, its lock, or both, and returns it as {@link #pool} does;
     * {@code null} if there is no such pool bean.
     *
     * @param name     the pool's bean name
     * @param poolSize the new pool size, 0 or more, or {@code null} to leave it
     * @param locked   {@code true} to lock the pool, {@code false} to unlock it, {@code null} to
     *                 leave it
     * @throws InvalidEndpointRequestException (400 on the web) if neither is given, or the size
     *                                         is negative
     */
    @WriteOperation
    public @Nullable PoolDescriptor change(@Selector String name, @Nullable Integer poolSize,
                                           @Nullable Boolean locked) {
        BaseTaskPool pool = pools.get(name);
        if (pool == null) {
            return null;
        }
        if (poolSize == null && locked == null) {
            throw new InvalidEndpointRequestException("Give poolSize, locked or both",
                    "give \"poolSize\" (0 or more), \"locked\" (true or false) or both");
        }
        if (poolSize != null) {
            if (poolSize < 0) {
                throw new InvalidEndpointRequestException("poolSize must be 0 or more, got " + poolSize,
                        "poolSize must be 0 or more (" + BaseTaskPool.UNBOUNDED + " for no limit)");
            }
            pool.setPoolSize(poolSize);
        }
        if (Boolean.TRUE.equals(locked)) {
            pool.lock();
        } else if (Boolean.FALSE.equals(locked)) {
            pool.unlock();
        }
        return PoolDescriptor.of(name, pool);
    }

    /**
     * Every pool's counters.
     *
     * @param pools the counters, by bean name
     */
    public record PoolsDescriptor(Map<String, PoolStats> pools) implements OperationResponseBody {
    }

    /**
     * One pool.
     *
     * @param bean   the pool's bean name
     * @param name   the pool's own name, which the control server, JMX and meters show
     * @param type   {@code SimpleTaskPool} or {@code TaskPool}
     * @param stats  its counters
     * @param groups its groups, by name
     */
    public record PoolDescriptor(String bean, String name, String type, PoolStats stats, List<GroupInfo> groups)
            implements OperationResponseBody {

        static PoolDescriptor of(String bean, BaseTaskPool pool) {
            return new PoolDescriptor(bean, pool.name(), pool.getClass().getSimpleName(), pool.stats(), pool.groups());
        }
    }
}
