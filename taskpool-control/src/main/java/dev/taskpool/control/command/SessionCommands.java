package dev.taskpool.control.command;

import dev.taskpool.BaseTaskPool;
import dev.taskpool.SimpleTaskPool;
import dev.taskpool.TaskFunction;
import dev.taskpool.TaskPool;
import dev.taskpool.control.FunctionRegistry;
import dev.taskpool.internal.ArgumentConversion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The commands of a session rather than of a pool: {@code pools}, {@code use NAME} and
 * {@code functions}, with their syntax; also the syntax of a whole line, whose help is the
 * overview that {@code -h} prints.
 *
 * <p>Immutable and thread-safe; the session keeps its current pool.
 */
final class SessionCommands {

    static final Set<String> NAMES = Set.of("pools", "use", "functions");

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "pools", "Lists the pools this server controls; * marks this session's.",
            "use", "Switches this session to the pool called name.",
            "functions", "Lists the functions the current pool may start, with their parameters.");

    /** What a session command answered, and the pool to switch to, if any. */
    record Result(String text, Object value, BaseTaskPool switchTo) {
    }

    private final Map<String, BaseTaskPool> pools;
    private final FunctionRegistry functions;

    SessionCommands(Map<String, BaseTaskPool> pools, FunctionRegistry functions) {
        this.pools = pools;
        this.functions = functions;
    }

    /** The session command's syntax, as argparse would declare it. */
    CommandSyntax syntax(String name) {
        List<Argument> arguments = new ArrayList<>();
        arguments.add(Argument.HELP_ARGUMENT);
        if (name.equals("use")) {
            arguments.add(Argument.positional("name", Argument.Nargs.ONE,
                    "the pool to use (one of " + String.join(", ", pools.keySet()) + ")", null));
        }
        return new CommandSyntax(name, null, DESCRIPTIONS.get(name), arguments, List.of());
    }

    /** The names a session can switch to, as argparse lists choices: {@code 'workers', 'jobs'}. */
    String poolChoices() {
        return String.join(", ", pools.keySet().stream().map(ArgumentParser::repr).toList());
    }

    /** The pool {@code wanted} names, exactly or ignoring case; {@code null} if none. */
    String poolNamed(String wanted) {
        if (pools.containsKey(wanted)) {
            return wanted;
        }
        return pools.keySet().stream().filter(name -> name.equalsIgnoreCase(wanted)).findFirst().orElse(null);
    }

    /**
     * Runs a parsed session command.
     *
     * @param argument for {@code use}, the name of the pool (as {@link #poolNamed} found it)
     */
    Result run(String name, String argument, BaseTaskPool current) {
        return switch (name) {
            case "pools" -> pools(current);
            case "use" -> use(argument);
            default -> functions(current);
        };
    }

    private Result pools(BaseTaskPool current) {
        List<String> lines = new ArrayList<>();
        for (BaseTaskPool pool : pools.values()) {
            lines.add((pool == current ? "* " : "  ") + pool.name() + " (" + pool.getClass().getSimpleName() + ")");
        }
        return new Result(String.join("\n", lines), new ArrayList<>(pools.keySet()), null);
    }

    private Result use(String name) {
        BaseTaskPool pool = pools.get(name);
        return new Result("now using " + pool.name(), pool.name(), pool);
    }

    private Result functions(BaseTaskPool current) {
        if (current instanceof SimpleTaskPool simple) {
            return new Result(simple.funcName() + " (the one function of " + simple.name() + "; start it with 'start')",
                    List.of(Map.of("name", simple.funcName(), "parameters", List.of())), null);
        }
        if (!(current instanceof TaskPool)) {
            return new Result("none", List.of(), null);
        }
        List<String> lines = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (Map.Entry<String, TaskFunction> entry : functions.functions().entrySet()) {
            TaskFunction function = entry.getValue();
            String signature = function.toString();
            lines.add(entry.getKey() + signature.substring(signature.indexOf('('))
                    + (function.description().isEmpty() ? "" : "  " + function.description()));
            List<Object> params = new ArrayList<>();
            for (TaskFunction.Parameter p : function.parameters()) {
                Map<String, Object> param = new LinkedHashMap<>();
                param.put("name", p.name());
                param.put("type", ArgumentConversion.describe(p.type()));
                param.put("description", p.description());
                params.add(param);
            }
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("name", entry.getKey());
            value.put("description", function.description());
            value.put("parameters", params);
            values.add(value);
        }
        String text = lines.isEmpty() ? "no functions are registered with this server" : String.join("\n", lines);
        return new Result(text, values, null);
    }

    /**
     * The syntax of a whole line: {@code -h}, or a command and its arguments. Its help is the
     * overview {@code -h} prints: every command of the current pool and of the session.
     */
    CommandSyntax lineSyntax(CommandModel model, BaseTaskPool pool) {
        List<Argument> poolCommands = new ArrayList<>();
        for (Command command : model.commands()) {
            poolCommands.add(entry(command.name(), command.description()));
        }
        List<Argument> sessionCommands = new ArrayList<>();
        for (String name : new TreeSet<>(NAMES)) {
            sessionCommands.add(entry(name, DESCRIPTIONS.get(name)));
        }
        sessionCommands.add(entry("exit", "Leaves the session (in the taskpool client; Ctrl+D does too)."));
        return new CommandSyntax("", "[-h] [command] ...",
                "Each line is one command for the pool " + pool.name()
                        + " or for the session; 'COMMAND -h' shows the usage and arguments of one command.",
                List.of(Argument.HELP_ARGUMENT, Argument.command("command")),
                List.of(new CommandSyntax.Section("commands of " + pool.name(), poolCommands),
                        new CommandSyntax.Section("session commands", sessionCommands)));
    }

    /** Every command a line may start with, in the order the overview lists them. */
    List<String> commandNames(CommandModel model) {
        List<String> names = new ArrayList<>();
        model.commands().forEach(c -> names.add(c.name()));
        names.addAll(new TreeSet<>(NAMES));
        return names;
    }

    private static Argument entry(String name, String description) {
        return Argument.positional(name, Argument.Nargs.ONE, description, null);
    }
}
