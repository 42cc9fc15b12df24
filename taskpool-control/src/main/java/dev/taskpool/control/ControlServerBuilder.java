package dev.taskpool.control;

import dev.taskpool.BaseTaskPool;
import dev.taskpool.control.command.PoolInterpreter;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Describes a control server for one or more pools; obtained from
 * {@link ControlServer#forPools}. Not thread-safe: configure it on one thread, then start
 * any number of servers from it (one per endpoint, say TCP and UNIX side by side).
 */
public final class ControlServerBuilder {

    private final Map<String, BaseTaskPool> pools = new LinkedHashMap<>();
    private FunctionRegistry functions = new FunctionRegistry();
    private ControlServer.Options options = ControlServer.Options.defaults();

    ControlServerBuilder(BaseTaskPool first, BaseTaskPool... more) {
        add(first);
        for (BaseTaskPool pool : more) {
            add(pool);
        }
    }

    private void add(BaseTaskPool pool) {
        Objects.requireNonNull(pool, "pool");
        if (pools.putIfAbsent(pool.name(), pool) != null) {
            throw new IllegalArgumentException("two pools are named " + pool.name() + "; give them distinct names");
        }
    }

    /** The functions clients may start in a {@link dev.taskpool.TaskPool}; none by default. */
    public ControlServerBuilder functions(FunctionRegistry functions) {
        this.functions = Objects.requireNonNull(functions, "functions");
        return this;
    }

    /** Token, limits and timeouts; {@link ControlServer.Options#defaults()} by default. */
    public ControlServerBuilder options(ControlServer.Options options) {
        this.options = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * Binds {@code endpoint} and starts serving; returns as soon as the socket listens.
     *
     * @throws java.net.BindException     if the TCP port is taken, or a server is listening on
     *                                    the UNIX socket path
     * @throws java.nio.file.FileAlreadyExistsException if the UNIX socket path holds a file that
     *                                    is not a socket (it is left untouched)
     * @throws java.net.UnknownHostException if the TCP host does not resolve
     * @throws IOException                if the socket cannot be created or bound otherwise
     */
    public ControlServer start(ControlEndpoint endpoint) throws IOException {
        return ControlServer.start(endpoint, new PoolInterpreter(pools, functions), options);
    }
}
