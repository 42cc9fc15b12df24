package dev.taskpool.control.internal;

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

/**
 * The commands of a session rather than of a pool: {@code pools}, {@code use NAME} and
 * {@code functions}; also the overview that {@code -h} prints and the answer to an unknown
 * command.
 *
 * <p>Immutable and thread-safe; the session keeps its current pool.
 */
final class SessionCommands {

    static final Set<String> NAMES = Set.of("pools", "use", "functions");

    private static final Map<String, String[]> HELP = Map.of(
            "pools", new String[] {"usage: pools", "Lists the pools this server controls; * marks this session's."},
            "use", new String[] {"usage: use [-h] name", "Switches this session to the pool called name."},
            "functions", new String[] {"usage: functions",
                    "Lists the functions the current pool may start, with their parameters."});

    /** What a session command answered, and the pool to switch to, if any. */
    record Result(String text, Object value, BaseTaskPool switchTo) {
    }

    private final Map<String, BaseTaskPool> pools;
    private final FunctionRegistry functions;

    SessionCommands(Map<String, BaseTaskPool> pools, FunctionRegistry functions) {
        this.pools = pools;
        this.functions = functions;
    }

    Result run(String name, List<CommandTokenizer.Token> args, BaseTaskPool current, int width) {
        if (args.size() == 1 && (args.get(0).text().equals("-h") || args.get(0).text().equals("--help"))) {
            TextBlock help = new TextBlock(width);
            help.line(HELP.get(name)[0]);
            help.blank();
            help.paragraph(HELP.get(name)[1], "");
            return new Result(help.toString(), null, null);
        }
        return switch (name) {
            case "pools" -> pools(args, current);
            case "use" -> use(args);
            default -> functions(args, current);
        };
    }

    String usage(String name) {
        return HELP.get(name)[0];
    }

    private Result pools(List<CommandTokenizer.Token> args, BaseTaskPool current) {
        noArguments(args);
        List<String> lines = new ArrayList<>();
        for (BaseTaskPool pool : pools.values()) {
            lines.add((pool == current ? "* " : "  ") + pool.name() + " (" + pool.getClass().getSimpleName() + ")");
        }
        return new Result(String.join("\n", lines), new ArrayList<>(pools.keySet()), null);
    }

    private Result use(List<CommandTokenizer.Token> args) {
        if (args.size() != 1) {
            throw new UsageException(args.isEmpty() ? "the following arguments are required: name"
                    : "unrecognized arguments: " + args.get(1).text());
        }
        String wanted = args.get(0).unquoted();
        BaseTaskPool pool = pools.get(wanted);
        if (pool == null) {
            pool = pools.values().stream().filter(p -> p.name().equalsIgnoreCase(wanted)).findFirst().orElse(null);
        }
        if (pool == null) {
            throw new UsageException("no pool named " + wanted + "; pools are " + String.join(", ", pools.keySet()));
        }
        return new Result("now using " + pool.name(), pool.name(), pool);
    }

    private Result functions(List<CommandTokenizer.Token> args, BaseTaskPool current) {
        noArguments(args);
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

    /** What {@code -h} prints: every command of the current pool and of the session, one line each. */
    String overview(CommandModel model, BaseTaskPool pool, int width) {
        TextBlock text = new TextBlock(width);
        text.paragraph("usage: COMMAND [ARGUMENTS ...] -- 'COMMAND -h' shows the usage of one command", "       ");
        text.blank();
        text.line("commands of " + pool.name() + ":");
        for (Command command : model.commands()) {
            text.entry(command.name(), command.description());
        }
        text.blank();
        text.line("session commands:");
        for (String name : new java.util.TreeSet<>(NAMES)) {
            text.entry(name, HELP.get(name)[1]);
        }
        text.entry("exit", "Leaves the session (in the taskpool client; Ctrl+D does too).");
        return text.toString();
    }

    /** The error for an unknown command: the closest match, and every command. */
    String unknown(String name, CommandModel model) {
        List<String> names = new ArrayList<>();
        model.commands().forEach(c -> names.add(c.name()));
        names.addAll(new java.util.TreeSet<>(NAMES));
        String closest = Suggestions.closest(name, names);
        return "unknown command '" + name + "'" + (closest != null ? "; did you mean '" + closest + "'?" : ";")
                + " commands: " + String.join(", ", names);
    }

    private static void noArguments(List<CommandTokenizer.Token> args) {
        if (!args.isEmpty()) {
            throw new UsageException("unrecognized arguments: " + args.get(0).text());
        }
    }
}
