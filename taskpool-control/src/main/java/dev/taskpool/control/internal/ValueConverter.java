package dev.taskpool.control.internal;

import dev.taskpool.TaskFunction;
import dev.taskpool.control.FunctionRegistry;
import dev.taskpool.function.TaskCallback;
import dev.taskpool.internal.ArgumentConversion;

import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the text of a command argument into the Java value its parameter takes: numbers,
 * strings, booleans and containers through {@link LiteralParser} (Python or JSON literals,
 * never evaluated), functions and callbacks through the server's {@link FunctionRegistry}
 * allow-list. Nothing is deserialized and nothing but a registered function can be named.
 *
 * <p>Thread-safe.
 */
final class ValueConverter {

    private static final Set<Class<?>> SCALARS = Set.of(
            int.class, long.class, short.class, byte.class, double.class, float.class, boolean.class,
            Integer.class, Long.class, Short.class, Byte.class, Double.class, Float.class, Boolean.class,
            String.class, Object.class, java.time.Duration.class);
    private static final Set<Class<?>> CONTAINERS = Set.of(
            List.class, Collection.class, Iterable.class, Set.class, Map.class);

    private final FunctionRegistry functions;

    ValueConverter(FunctionRegistry functions) {
        this.functions = functions;
    }

    /** Whether a client can express a value for this parameter. */
    static boolean supports(Parameter parameter) {
        Class<?> type = parameter.getType();
        if (parameter.isVarArgs()) {
            type = type.getComponentType();
        }
        return SCALARS.contains(type) || CONTAINERS.contains(type) || type.isEnum()
                || type == TaskFunction.class || type == TaskCallback.class;
    }

    /** What a person types for this parameter, for help texts: "an integer", "a registered function". */
    static String describe(ParamSpec p) {
        Class<?> type = p.variadic() ? p.type().getComponentType() : p.type();
        String what;
        if (type == TaskFunction.class) {
            what = "the name of a registered function";
        } else if (type == TaskCallback.class) {
            what = "the name of a registered function taking a task ID";
        } else if (p.isFlag()) {
            return "";
        } else if (type == Iterable.class || type == Collection.class || type == List.class) {
            what = "a list or tuple literal";
        } else if (type == Map.class) {
            what = "a dict literal";
        } else if (type == Object.class) {
            what = "a literal";
        } else {
            what = ArgumentConversion.describe(type);
        }
        return p.variadic() ? "one or more: " + what : what;
    }

    /**
     * Converts one argument.
     *
     * @throws UsageException naming the argument and what was expected
     */
    Object convert(ParamSpec p, CommandTokenizer.Token token, boolean isProperty) {
        Class<?> type = p.variadic() ? p.type().getComponentType() : p.type();
        if (isProperty && (type == int.class || type == Integer.class)
                && token.text().equalsIgnoreCase("inf")) {
            return Integer.MAX_VALUE;
        }
        if (type == TaskFunction.class) {
            return function(p, token.unquoted());
        }
        if (type == TaskCallback.class) {
            return callback(p, token.unquoted());
        }
        if (type == String.class) {
            return token.unquoted();
        }
        if (type.isEnum()) {
            return convertValue(p, token.unquoted(), type);
        }
        return convertValue(p, parse(p, token.text(), type), type);
    }

    /** The default of an optional parameter, converted like a typed-in value. */
    Object defaultValue(ParamSpec p) {
        if (p.defaultValue() == null) {
            return null;
        }
        return convertValue(p, parse(p, p.defaultValue(), p.type()), p.type());
    }

    private Object parse(ParamSpec p, String text, Class<?> type) {
        // Some clients lower-case every line: their None arrives as none. true, false and null
        // are JSON literals, which the parser knows.
        if (text.equals("none")) {
            return null;
        }
        try {
            return LiteralParser.parse(text);
        } catch (LiteralSyntaxException e) {
            if (SCALARS.contains(type)) {
                // For a number, "expected an integer" says more than where the literal broke.
                throw new UsageException("argument " + p.name() + ": expected "
                        + ArgumentConversion.describe(type) + ", got '" + text + "'");
            }
            throw new UsageException("argument " + p.name() + ": " + e.getMessage());
        }
    }

    private static Object convertValue(ParamSpec p, Object value, Class<?> type) {
        Object checked = value;
        if (type == Iterable.class || type == Collection.class) {
            if (value != null && !(value instanceof Collection<?>)) {
                throw new UsageException("argument " + p.name() + ": expected " + describe(p)
                        + ", got " + LiteralParser.format(value));
            }
        }
        if (type == Map.class && value instanceof Map<?, ?> map) {
            checked = stringKeys(p, map);
        }
        try {
            return ArgumentConversion.convert(checked, type, "argument " + p.name());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static Map<String, Object> stringKeys(ParamSpec p, Map<?, ?> map) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new UsageException("argument " + p.name() + ": keys must be parameter names (strings), got "
                        + LiteralParser.format(entry.getKey()));
            }
            out.put(key, entry.getValue());
        }
        return out;
    }

    private TaskFunction function(ParamSpec p, String name) {
        try {
            return functions.require(name);
        } catch (IllegalArgumentException e) {
            throw new RefusedException(e.getMessage());
        }
    }

    private TaskCallback callback(ParamSpec p, String name) {
        TaskFunction function = function(p, name);
        if (function.parameters().size() != 1) {
            throw new UsageException("argument " + p.name() + ": " + function.name()
                    + " cannot be a callback: it must take exactly one parameter, the task ID");
        }
        return taskId -> function.call(function.bind(List.of(taskId), null));
    }

    /** Converts every remaining positional token for a varargs parameter into its array. */
    Object convertAll(ParamSpec p, List<CommandTokenizer.Token> tokens) {
        Class<?> component = p.type().getComponentType();
        List<Object> values = new ArrayList<>();
        for (CommandTokenizer.Token token : tokens) {
            values.add(convert(p, token, false));
        }
        Object array = java.lang.reflect.Array.newInstance(component, values.size());
        for (int i = 0; i < values.size(); i++) {
            java.lang.reflect.Array.set(array, i, values.get(i));
        }
        return array;
    }
}
