package dev.taskpool.control.command;

import dev.taskpool.control.ErrorType;
import dev.taskpool.BaseTaskPool;
import dev.taskpool.TaskPoolException;
import dev.taskpool.control.FunctionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Executes control commands on one or more named pools: the commands generated from each
 * pool's class ({@link CommandModel}) plus the session commands {@code pools}, {@code use}
 * and {@code functions}, and {@code -h} for help.
 *
 * <p>Thread-safe: one interpreter serves every session of a server; each session keeps its
 * own current pool.
 */
public final class PoolInterpreter implements CommandInterpreter {

    private static final Logger log = LoggerFactory.getLogger(PoolInterpreter.class);

    private final Map<String, BaseTaskPool> pools;
    private final BaseTaskPool defaultPool;
    private final LineParser parser;
    private final SessionCommands sessionCommands;
    private final Audit audit;

    /**
     * @param pools     the pools served, by name; the first is where sessions start
     * @param functions the functions clients may start in a general pool
     * @throws IllegalArgumentException if {@code pools} is empty
     */
    public PoolInterpreter(Map<String, ? extends BaseTaskPool> pools, FunctionRegistry functions) {
        this(pools, functions, Audit.toLog());
    }

    /**
     * @param audit where each command executed is recorded
     * @throws IllegalArgumentException if {@code pools} is empty
     */
    public PoolInterpreter(Map<String, ? extends BaseTaskPool> pools, FunctionRegistry functions, Audit audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
        if (pools.isEmpty()) {
            throw new IllegalArgumentException("a control server needs at least one pool");
        }
        this.pools = new LinkedHashMap<>(pools);
        this.defaultPool = this.pools.values().iterator().next();
        this.sessionCommands = new SessionCommands(this.pools, Objects.requireNonNull(functions, "functions"));
        this.parser = new LineParser(new ValueConverter(functions), sessionCommands);
        // Built now, once per pool class, so the first client does not pay for it.
        this.pools.values().forEach(pool -> CommandModel.of(pool.getClass()));
    }

    @Override
    public String greeting() {
        return defaultPool.name();
    }

    @Override
    public Map<String, Object> handshakeInfo() {
        TreeSet<String> commands = new TreeSet<>(SessionCommands.NAMES);
        for (BaseTaskPool pool : pools.values()) {
            CommandModel.of(pool.getClass()).commands().forEach(c -> commands.add(c.name()));
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("pools", new ArrayList<>(pools.keySet()));
        info.put("commands", new ArrayList<>(commands));
        return info;
    }

    @Override
    public Session openSession(int terminalWidth, String connection) {
        return new PoolSession(terminalWidth, connection);
    }

    private final class PoolSession implements Session {

        private final int width;
        private final String connection;
        private BaseTaskPool pool = defaultPool;

        PoolSession(int width, String connection) {
            this.width = width;
            this.connection = connection;
        }

        @Override
        public Reply execute(String line) {
            String poolName = pool.name();
            LineParser.Parsed parsed;
            try {
                parsed = parser.parse(line, CommandModel.of(pool.getClass()), pool, width);
            } catch (UsageException e) {
                return audited(poolName, line, false, Reply.error(e.errorType(), e.getMessage()));
            }
            return switch (parsed) {
                case LineParser.Nothing nothing -> Reply.ok("", null);
                case LineParser.Help help -> audited(poolName, line, false, Reply.ok(help.text(), null));
                case LineParser.SessionCall call -> audited(poolName, line, false, sessionCommand(call));
                case LineParser.PoolCall call -> audited(poolName, line, call.command().changes(call.write()), run(call));
            };
        }

        private Reply audited(String poolName, String line, boolean changes, Reply reply) {
            try {
                audit.record(connection, poolName, line, changes, reply);
            } catch (RuntimeException e) {
                log.warn("The audit of {} failed", connection, e);
            }
            return reply;
        }

        private Reply sessionCommand(LineParser.SessionCall call) {
            SessionCommands.Result result = sessionCommands.run(call.name(), call.argument(), pool);
            if (result.switchTo() != null) {
                pool = result.switchTo();
            }
            return Reply.ok(result.text(), result.value());
        }

        private Reply run(LineParser.PoolCall call) {
            Command command = call.command();
            Method method = call.write() ? command.setter() : command.method();
            try {
                Object result = method.invoke(pool, call.arguments());
                return Reply.ok(ResultFormatter.text(result, method.getGenericReturnType()),
                        ResultFormatter.value(result));
            } catch (InvocationTargetException e) {
                return failure(command, e.getCause());
            } catch (IllegalAccessException e) {
                log.error("Command {} could not call {}", command.name(), method, e);
                return Reply.error(ErrorType.INTERNAL, "internal error: " + e.getClass().getSimpleName());
            }
        }

        private Reply failure(Command command, Throwable error) {
            ErrorType type = ErrorTypes.of(error);
            if (type == ErrorType.INTERRUPTED) {
                Thread.currentThread().interrupt();
                return Reply.error(type, command.name() + " was interrupted: the server is closing");
            }
            if (type != ErrorType.INTERNAL) {
                return Reply.error(type, error.getMessage());
            }
            log.error("Command {} on {} failed", command.name(), pool.name(), error);
            return Reply.error(ErrorType.INTERNAL, "internal error in " + command.name() + ": "
                    + error.getClass().getSimpleName() + " (see the server log)");
        }
    }
}
