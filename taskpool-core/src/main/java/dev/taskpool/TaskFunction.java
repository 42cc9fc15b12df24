package dev.taskpool;

import dev.taskpool.function.CheckedRunnable;
import dev.taskpool.internal.ArgumentConversion;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A function that declares its parameters: a name, a list of named, typed parameters and a
 * body. What {@link TaskPool#starmap} and {@link TaskPool#doublestarmap} need to bind
 * positional and named arguments, and what the control interface lets a client start by
 * name.
 *
 * <p>Create one from a public static method ({@link #of(Method)}; parameter names come from
 * {@link Param} or from classes compiled with {@code -parameters}) or from a name, a
 * parameter list and a body ({@link #of(String, List, Body)}).
 *
 * <p>Immutable and thread-safe.
 */
public final class TaskFunction {

    /**
     * A declared parameter.
     *
     * @param name        the name named arguments use
     * @param type        the Java type arguments are converted to
     * @param description a one-line description for help texts; may be empty
     */
    public record Parameter(String name, Class<?> type, String description) {

        public Parameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            description = description == null ? "" : description;
        }

        /** A parameter without a description. */
        public static Parameter of(String name, Class<?> type) {
            return new Parameter(name, type, "");
        }
    }

    /** The body of a function, called with arguments already bound and converted. */
    @FunctionalInterface
    public interface Body {
        void call(Object[] arguments) throws Exception;
    }

    private final String name;
    private final String description;
    private final List<Parameter> parameters;
    private final Body body;

    private TaskFunction(String name, String description, List<Parameter> parameters, Body body) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = description == null ? "" : description;
        this.parameters = List.copyOf(parameters);
        this.body = Objects.requireNonNull(body, "body");
        long distinct = this.parameters.stream().map(Parameter::name).distinct().count();
        if (distinct != this.parameters.size()) {
            throw new IllegalArgumentException("parameter names of " + name + " must be distinct");
        }
    }

    /**
     * A function with the given parameters and body.
     *
     * @throws IllegalArgumentException if two parameters share a name
     */
    public static TaskFunction of(String name, List<Parameter> parameters, Body body) {
        return new TaskFunction(name, "", parameters, body);
    }

    /** A function without parameters. */
    public static TaskFunction of(String name, CheckedRunnable body) {
        Objects.requireNonNull(body, "body");
        return new TaskFunction(name, "", List.of(), arguments -> body.run());
    }

    /**
     * A function calling a public static method; its return value is ignored.
     *
     * @throws IllegalArgumentException if the method is not public and static, or is not
     *                                  accessible
     */
    public static TaskFunction of(Method method) {
        int modifiers = method.getModifiers();
        if (!Modifier.isStatic(modifiers) || !Modifier.isPublic(modifiers)
                || !Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
            throw new IllegalArgumentException(method + " is not a public static method of a public class");
        }
        MethodHandle handle;
        try {
            handle = MethodHandles.publicLookup().unreflect(method);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException(method + " is not accessible: " + e.getMessage(), e);
        }
        List<Parameter> parameters = new ArrayList<>();
        for (java.lang.reflect.Parameter p : method.getParameters()) {
            Param param = p.getAnnotation(Param.class);
            String name = param != null && !param.name().isEmpty() ? param.name() : p.getName();
            parameters.add(new Parameter(name, p.getType(), param == null ? "" : param.value()));
        }
        MethodHandle spreader = handle.asSpreader(Object[].class, parameters.size());
        return new TaskFunction(method.getName(), "", parameters, arguments -> invoke(spreader, arguments));
    }

    private static void invoke(MethodHandle spreader, Object[] arguments) throws Exception {
        try {
            spreader.invoke(arguments);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of this function with a one-line description for help texts. */
    public TaskFunction withDescription(String description) {
        return new TaskFunction(name, description, parameters, body);
    }

    /** A copy of this function under another name. */
    public TaskFunction withName(String name) {
        return new TaskFunction(name, description, parameters, body);
    }

    public String name() {
        return name;
    }

    /** A one-line description; empty if none was given. */
    public String description() {
        return description;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * Binds positional and named arguments to the parameters and converts each to its
     * parameter's type, as Python binds {@code f(*args, **kwargs)}.
     *
     * @param positional arguments for the first parameters, in order; may be {@code null}
     * @param named      arguments by parameter name; may be {@code null}
     * @return the arguments in parameter order
     * @throws IllegalArgumentException naming the function and parameter, when there are
     *                                  too many arguments, a missing or unknown or twice-given
     *                                  one, or a value that does not convert
     */
    public Object[] bind(List<?> positional, Map<String, ?> named) {
        List<?> args = positional == null ? List.of() : positional;
        Map<String, ?> kwargs = named == null ? Map.of() : named;
        if (args.size() > parameters.size()) {
            throw new IllegalArgumentException(name + " takes " + parameters.size() + " argument"
                    + (parameters.size() == 1 ? "" : "s") + " but " + args.size()
                    + (args.size() == 1 ? " was" : " were") + " given");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            index.put(parameters.get(i).name(), i);
        }
        Object[] values = new Object[parameters.size()];
        boolean[] given = new boolean[parameters.size()];
        for (int i = 0; i < args.size(); i++) {
            values[i] = args.get(i);
            given[i] = true;
        }
        for (Map.Entry<String, ?> entry : kwargs.entrySet()) {
            Integer i = index.get(entry.getKey());
            if (i == null) {
                throw new IllegalArgumentException(name + " has no parameter named '" + entry.getKey()
                        + "' (parameters: " + String.join(", ", index.keySet().stream().sorted().toList()) + ")");
            }
            if (given[i]) {
                throw new IllegalArgumentException(name + " got two values for parameter '" + entry.getKey() + "'");
            }
            values[i] = entry.getValue();
            given[i] = true;
        }
        for (int i = 0; i < values.length; i++) {
            Parameter parameter = parameters.get(i);
            if (!given[i]) {
                throw new IllegalArgumentException(name + " is missing a value for parameter '"
                        + parameter.name() + "'");
            }
            values[i] = ArgumentConversion.convert(values[i], parameter.type(),
                    "parameter '" + parameter.name() + "' of " + name);
        }
        return values;
    }

    /**
     * Calls the body with arguments bound by {@link #bind}.
     *
     * @throws Exception whatever the body throws
     */
    public void call(Object[] boundArguments) throws Exception {
        body.call(boundArguments);
    }

    /**
     * Binds the arguments now and returns a task that calls the function with them.
     *
     * @throws IllegalArgumentException as {@link #bind} does
     */
    public CheckedRunnable bound(List<?> positional, Map<String, ?> named) {
        Object[] arguments = bind(positional, named);
        // A copy per call: a body that reuses its argument array must not affect the next task.
        return () -> body.call(arguments.clone());
    }

    /** The function's signature, such as {@code greet(who: a string, times: an integer (int))}. */
    @Override
    public String toString() {
        List<String> rendered = new ArrayList<>();
        for (Parameter p : parameters) {
            rendered.add(p.name() + ": " + ArgumentConversion.describe(p.type()));
        }
        return name + "(" + String.join(", ", rendered) + ")";
    }
}
