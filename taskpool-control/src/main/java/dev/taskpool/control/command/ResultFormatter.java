package dev.taskpool.control.command;

import dev.taskpool.control.literal.LiteralParser;
import dev.taskpool.control.text.DurationText;
import dev.taskpool.control.text.TextTable;
import dev.taskpool.GroupInfo;
import dev.taskpool.Autoscaler;
import dev.taskpool.PoolStats;
import dev.taskpool.TaskFailure;
import dev.taskpool.TaskInfo;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders what a pool method returned: as text a person reads (Python-style, as the
 * reference's clients print it: {@code [4, 3]}, {@code {0, 1, 2}}, {@code True}, {@code inf},
 * {@code ok} for nothing, tables for tasks and groups), and as a JSON-ready value for the
 * framed mode (records become objects with snake_case keys, durations seconds).
 *
 * <p>Stateless and thread-safe.
 */
final class ResultFormatter {

    /** The pool size that means "unbounded"; shown as {@code inf}, sent as {@code null}. */
    private static final int UNBOUNDED = Integer.MAX_VALUE;

    private ResultFormatter() {
    }

    /**
     * @param returnType the generic return type of the method that produced {@code result},
     *                   which tells what an empty list was a list of
     */
    static String text(Object result, Type returnType) {
        if (returnType == void.class) {
            return "ok";
        }
        if (result instanceof String text) {
            return text;
        }
        if (result instanceof Integer number && number == UNBOUNDED) {
            return "inf";
        }
        if (result instanceof PoolStats stats) {
            return stats(stats);
        }
        if (result instanceof Autoscaler.State state) {
            return autoscaler(state);
        }
        if (result instanceof List<?> list && !list.isEmpty()) {
            if (list.get(0) instanceof TaskInfo) {
                return tasks(list);
            }
            if (list.get(0) instanceof GroupInfo) {
                return groups(list);
            }
            if (list.get(0) instanceof TaskFailure) {
                return String.join("\n", list.stream().map(Object::toString).toList());
            }
            if (list.get(0) instanceof StackTraceElement) {
                // As a thread dump prints a frame.
                return String.join("\n", list.stream().map(frame -> "at " + frame).toList());
            }
        }
        if (result instanceof List<?> list && list.isEmpty()) {
            Type element = returnType instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            if (element == TaskFailure.class) {
                // Nothing failed: "ok", as the reference answered flush.
                return "ok";
            }
            if (element == TaskInfo.class) {
                return "no tasks";
            }
            if (element == GroupInfo.class) {
                return "no groups";
            }
        }
        return LiteralParser.format(result);
    }

    /** The JSON-ready form of a result. */
    static Object value(Object result) {
        if (result == null || result instanceof String || result instanceof Boolean) {
            return result;
        }
        if (result instanceof Integer number && number == UNBOUNDED) {
            return null;
        }
        if (result instanceof Number) {
            return result;
        }
        if (result instanceof Duration duration) {
            return duration.toNanos() / 1e9;
        }
        if (result instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT);
        }
        if (result instanceof StackTraceElement frame) {
            return frame.toString();
        }
        if (result instanceof TaskFailure failure) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("task_id", failure.taskId());
            out.put("name", failure.name());
            out.put("group", failure.group());
            out.put("error", failure.error().getClass().getName() + ": " + failure.error().getMessage());
            return out;
        }
        if (result instanceof Record record) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    out.put(snake(component.getName()), value(component.getAccessor().invoke(record)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return out;
        }
        if (result instanceof Collection<?> collection) {
            List<Object> out = new ArrayList<>();
            collection.forEach(element -> out.add(value(element)));
            return out;
        }
        if (result instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), value(v)));
            return out;
        }
        return result.toString();
    }

    private static String stats(PoolStats s) {
        TextTable table = new TextTable();
        table.row("pool", s.pool());
        table.row("pool size", s.poolSize() == UNBOUNDED ? "inf" : String.valueOf(s.poolSize()));
        table.row("running", s.running());
        table.row("queued", s.queued());
        table.row("cancelled", s.cancelled());
        table.row("ended", s.ended());
        table.row("failed", s.failed());
        table.row("started", s.started());
        table.row("callbacks", s.callbacks());
        table.row("groups", s.groups());
        table.row("locked", s.locked() ? "True" : "False");
        table.row("closed", s.closed() ? "True" : "False");
        return table.render(":");
    }

    private static String autoscaler(Autoscaler.State s) {
        List<String> lines = new ArrayList<>();
        lines.add("autoscaler: " + (s.on() ? "on" : "off") + ", " + s.min() + " to " + s.max() + " workers, following "
                + s.signal());
        lines.add("workers: " + s.workers() + (s.wanted() >= 0 ? ", wanted " + s.wanted() + " for a reading of "
                + LiteralParser.format(s.reading() == Math.rint(s.reading()) ? (Object) (long) s.reading() : s.reading()) : "")
                + "; scaled up " + s.scaleUps() + " times, down " + s.scaleDowns() + " times");
        if (!s.decisions().isEmpty()) {
            TextTable table = new TextTable();
            table.row("TIME", "WORKERS", "REASON");
            for (Autoscaler.Decision d : s.decisions()) {
                table.row(d.at(), d.from() == d.to() ? String.valueOf(d.to()) : d.from() + " -> " + d.to(), d.reason());
            }
            lines.add(table.render(""));
        }
        return String.join("\n", lines);
    }

    private static String tasks(List<?> tasks) {
        TextTable table = new TextTable();
        table.row("ID", "GROUP", "STATE", "AGE", "FUNCTION");
        for (Object o : tasks) {
            TaskInfo t = (TaskInfo) o;
            String state = t.state().name().toLowerCase(Locale.ROOT) + (t.inCallback() ? " (in callback)" : "")
                    + (t.cancelMessage() == null ? "" : ": " + t.cancelMessage());
            table.row(t.id(), t.group(), state, DurationText.of(t.age()), t.function());
        }
        return table.render("");
    }

    private static String groups(List<?> groups) {
        TextTable table = new TextTable();
        table.row("GROUP", "FUNCTION", "RUNNING", "QUEUED", "DONE", "PROGRESS");
        for (Object o : groups) {
            GroupInfo g = (GroupInfo) o;
            String queued = g.queued() < 0 ? "?" : String.valueOf(g.queued());
            String progress = g.total() > 0
                    ? g.done() + "/" + g.total() + " (" + (100L * g.done() / g.total()) + "%)"
                    : g.cancelled() ? "cancelled" : g.spawning() ? "-" : "done";
            table.row(g.name(), g.function(), g.running(), queued, g.done(), progress);
        }
        return table.render("");
    }

    static String snake(String camel) {
        return ParamSpec.kebab(camel).replace('-', '_');
    }
}
