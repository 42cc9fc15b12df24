package dev.taskpool.control.internal;

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
    private final ArgumentParser parser;
    private final SessionCommands sessionCommands;

    /**
     * @param pools     the pools served, by name; the first is where sessions start
     * @param functions the functions clients may start in a general pool
     * @throws IllegalArgumentException if {@code pools} is empty
     */
    public PoolInterpreter(Map<String, ? extends BaseTaskPool> pools, FunctionRegistry functions) {
        if (pools.isEmpty()) {
            throw new IllegalArgumentException("a control server needs at least one pool");
        }
        this.pools = new LinkedHashMap<>(pools);
        this.defaultPool = this.pools.values().iterator().next();
        this.parser = new ArgumentParser(new ValueConverter(Objects.requireNonNull(functions, "functions")));
        this.sessionCommands = new SessionCommands(this.pools, functions);
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
    public Session openSession(int terminalWidth) {
        return new PoolSession(terminalWidth);
    }

    private final class PoolSession implements Session {

        private final int width;
        private BaseTaskPool pool = defaultPool;

        PoolSession(int width) {
            this.width = width;
        }

        @Override
        public Reply execute(String line) {
            List<CommandTokenizer.Token> tokens;
            try {
                tokens = CommandTokenizer.tokenize(line);
            } catch (CommandSyntaxException e) {
                return Reply.error("syntax", e.getMessage());
            }
            if (tokens.isEmpty()) {
                return Reply.ok("", null);
            }
            String name = tokens.get(0).text().toLowerCase(java.util.Locale.ROOT);
            List<CommandTokenizer.Token> args = tokens.subList(1, tokens.size());
            CommandModel model = CommandModel.of(pool.getClass());
            if (name.equals("-h") || name.equals("--help") || name.equals("help")) {
                return Reply.ok(sessionCommands.overview(model, pool, width), null);
            }
            if (SessionCommands.NAMES.contains(name)) {
                return sessionCommand(name, args);
            }
            Command command = model.find(name);
            if (command == null) {
                return Reply.error("unknown-command", sessionCommands.unknown(name, model));
            }
            return run(command, args);
        }

        private Reply sessionCommand(String name, List<CommandTokenizer.Token> args) {
            try {
                SessionCommands.Result result = sessionCommands.run(name, args, pool, width);
                if (result.switchTo() != null) {
                    pool = result.switchTo();
                }
                return Reply.ok(result.text(), result.value());
            } catch (UsageException e) {
                return Reply.error("usage", sessionCommands.usage(name) + "\nerror: " + e.getMessage());
            } catch (CommandSyntaxException e) {
                return Reply.error("syntax", e.getMessage()); // a word's escape, found when it is unquoted
            }
        }

        private Reply run(Command command, List<CommandTokenizer.Token> args) {
            ArgumentParser.Parsed parsed;
            try {
                parsed = parser.parse(command, args);
            } catch (UsageException e) {
                return Reply.error("usage", command.usage() + "\nerror: " + e.getMessage());
            } catch (RefusedException e) {
                return Reply.error("refused", e.getMessage());
            } catch (CommandSyntaxException e) {
                return Reply.error("syntax", e.getMessage()); // a word's escape, found when it is unquoted
            }
            if (parsed.helpRequested()) {
                return Reply.ok(command.help(width), null);
            }
            Method method = parsed.propertyWrite() ? command.setter() : command.method();
            try {
                Object result = method.invoke(pool, parsed.arguments());
                return Reply.ok(ResultFormatter.text(result, method.getGenericReturnType()),
                        ResultFormatter.value(result));
            } catch (InvocationTargetException e) {
                return failure(command, e.getCause());
            } catch (IllegalAccessException e) {
                log.error("Command {} could not call {}", command.name(), method, e);
                return Reply.error("internal", "internal error: " + e.getClass().getSimpleName());
            }
        }

        private Reply failure(Command command, Throwable error) {
            if (error instanceof TaskPoolException) {
                String type = error.getClass().getSimpleName().replaceFirst("Exception$", "");
                return Reply.error(ParamSpec.kebab(type), error.getMessage());
            }
            if (error instanceof IllegalArgumentException) {
                return Reply.error("invalid-argument", error.getMessage());
            }
            if (error instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return Reply.error("interrupted", command.name() + " was interrupted: the server is closing");
            }
            log.error("Command {} on {} failed", command.name(), pool.name(), error);
            return Reply.error("internal", "internal error in " + command.name() + ": "
                    + error.getClass().getSimpleName() + " (see the server log)");
        }
    }
}
