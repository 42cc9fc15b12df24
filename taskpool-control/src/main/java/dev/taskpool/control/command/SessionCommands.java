package dev.taskpool.control.command;

import dev.taskpool.BaseTaskPool;
import dev.taskpool.SimpleTaskPool;
import dev.taskpool.TaskFunction;
import dev.taskpool.TaskPool;
import dev.taskpool.control.FunctionRegistry;
import dev.taskpool.internal.ArgumentConversion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the commands of a session rather than of a pool: {@code pools}, {@code use NAME} and
 * {@code functions}, whose syntax and help the command model builds from
 * {@link SessionCommandSet}; also the syntax of a whole line, whose help is the overview that
 * {@code -h} prints.
 *
 * <p>Immutable and thread-safe; the session keeps its current pool.
 */
final class SessionCommands {

    private static final CommandModel MODEL = CommandModel.of(SessionCommandSet.class);

    /** The session commands' names. */
    static final Set<String> NAMES = MODEL.names();

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
        return MODEL.find(name).syntax();
    }

    /** The model of the session commands. */
    static CommandModel model() {
        return MODEL;
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
            SessionCommandSet.Function only = new SessionCommandSet.Function(simple.funcName(), "", List.of());
            return new Result(simple.funcName() + " (the one function of " + simple.name() + "; start it with 'start')",
                    ResultFormatter.value(List.of(only)), null);
        }
        if (!(current instanceof TaskPool)) {
            return new Result("none", List.of(), null);
        }
        List<String> lines = new ArrayList<>();
        List<SessionCommandSet.Function> values = new ArrayList<>();
        for (Map.Entry<String, TaskFunction> entry : functions.functions().entrySet()) {
            TaskFunction function = entry.getValue();
            String signature = function.toString();
            lines.add(entry.getKey() + signature.substring(signature.indexOf('('))
                    + (function.description().isEmpty() ? "" : "  " + function.description()));
            List<SessionCommandSet.Parameter> params = new ArrayList<>();
            for (TaskFunction.Parameter p : function.parameters()) {
                params.add(new SessionCommandSet.Parameter(p.name(), ArgumentConversion.describe(p.type()),
                        p.description()));
            }
            values.add(new SessionCommandSet.Function(entry.getKey(), function.description(), params));
        }
        String text = lines.isEmpty() ? "no functions are registered with this server" : String.join("\n", lines);
        return new Result(text, ResultFormatter.value(values), null);
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
        for (Command command : MODEL.commands()) {
            sessionCommands.add(entry(command.name(), command.description()));
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
        MODEL.commands().forEach(c -> names.add(c.name()));
        return names;
    }

    private static Argument entry(String name, String description) {
        return Argument.positional(name, Argument.Nargs.ONE, description, null);
    }
}
