package dev.taskpool.control.command;

import dev.taskpool.SimpleTaskPool;
import dev.taskpool.TaskFailure;
import dev.taskpool.TaskPool;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The control protocol's surface as the command model generates it: for each command, its
 * help (usage line, arguments, options, description) and the shape of the value a framed
 * answer carries. Written down for a pool class, it pins the protocol: a change to a public
 * pool method that changes what clients see changes this text. Also renders the reference
 * table of every command that {@code docs/protocol.md} keeps.
 */
public final class CommandSurface {

    /** The width help texts are rendered at. */
    public static final int WIDTH = 100;

    private CommandSurface() {
    }

    /** The surface of a pool class's commands (or of the session's, for {@link SessionCommandSet}). */
    public static String of(Class<?> commandClass) {
        StringBuilder out = new StringBuilder();
        for (Command command : CommandModel.of(commandClass).commands()) {
            out.append("== ").append(command.name())
                    .append(command.changes(false) ? "" : command.isProperty() ? " (reads; writes with a value)" : " (read-only)")
                    .append('\n');
            out.append(command.syntax().help(WIDTH));
            out.append("value: ").append(valueShape(command.method())).append("\n\n");
        }
        return out.toString();
    }

    /**
     * The reference table of every command, as Markdown: usage, which pools have it, and the
     * first sentence of its description.
     */
    public static String referenceTable() {
        Map<String, List<String>> usage = new LinkedHashMap<>();
        Map<String, String> where = new LinkedHashMap<>();
        Map<String, String> description = new LinkedHashMap<>();
        Map<Class<?>, String> kinds = new LinkedHashMap<>();
        kinds.put(SimpleTaskPool.class, "simple");
        kinds.put(TaskPool.class, "general");
        kinds.put(SessionCommandSet.class, "session");
        kinds.forEach((type, kind) -> {
            for (Command command : CommandModel.of(type).commands()) {
                String line = command.syntax().usageText(1000).strip().replaceFirst("^usage: ", "");
                usage.computeIfAbsent(command.name(), n -> new ArrayList<>());
                if (!usage.get(command.name()).contains(line)) {
                    usage.get(command.name()).add(line);
                }
                where.merge(command.name(), kind, (a, b) -> a + ", " + b);
                description.putIfAbsent(command.name(), command.description());
            }
        });
        StringBuilder out = new StringBuilder("| usage | pools | description |\n|---|---|---|\n");
        for (String name : usage.keySet().stream().sorted().toList()) {
            String pools = where.get(name).equals("simple, general") ? "both" : where.get(name);
            out.append("| ").append(usage.get(name).stream().map(u -> "`" + u + "`").collect(Collectors.joining("<br>")))
                    .append(" | ").append(pools)
                    .append(" | ").append(description.get(name).replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }

    /** The JSON shape of what the method returns, as a framed answer's value carries it. */
    static String valueShape(Method method) {
        return shape(method.getGenericReturnType());
    }

    private static String shape(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            if (raw instanceof Class<?> rawClass && Collection.class.isAssignableFrom(rawClass)) {
                return "[" + shape(parameterized.getActualTypeArguments()[0]) + "]";
            }
            if (raw instanceof Class<?> rawClass && Map.class.isAssignableFrom(rawClass)) {
                return "{str: " + shape(parameterized.getActualTypeArguments()[1]) + "}";
            }
            return shape(raw);
        }
        if (!(type instanceof Class<?> c)) {
            return "any";
        }
        if (c == void.class || c == Void.class) {
            return "null";
        }
        if (c == String.class) {
            return "str";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "bool";
        }
        if (c == int.class || c == long.class || c == Integer.class || c == Long.class) {
            return "int";
        }
        if (c == double.class || c == float.class || c == Double.class || c == Duration.class) {
            return "float";
        }
        if (c.isEnum()) {
            return "str";
        }
        if (c == StackTraceElement.class) {
            return "str";
        }
        if (c == TaskFailure.class) {
            return "{task_id: int, name: str, group: str, error: str}";
        }
        if (c.isRecord()) {
            List<String> keys = new ArrayList<>();
            for (RecordComponent component : c.getRecordComponents()) {
                keys.add(ResultFormatter.snake(component.getName()) + ": " + shape(component.getGenericType()));
            }
            return "{" + String.join(", ", keys) + "}";
        }
        if (c.isArray()) {
            return "[" + shape(c.getComponentType()) + "]";
        }
        return "any";
    }
}
