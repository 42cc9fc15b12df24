package dev.taskpool.control;

import dev.taskpool.TaskFunction;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The functions a control client may start in a {@link dev.taskpool.TaskPool}: an
 * allow-list. Nothing else can be named in {@code apply}, {@code map}, {@code starmap} or
 * {@code doublestarmap} commands; {@code java.lang.Runtime.exec} and friends are refused
 * like any other unregistered name.
 *
 * <p>Register functions one by one under a name, or allow a class: each of its public
 * static methods then answers to {@code package.Class.method}. Names match exactly, or
 * case-insensitively when that is unambiguous (some clients lower-case every line).
 *
 * <p>Thread-safe: functions may be registered while servers use the registry.
 */
public final class FunctionRegistry {

    private final Map<String, TaskFunction> byName = new ConcurrentHashMap<>();

    /** An empty registry: a client may start no function until some are registered. */
    public FunctionRegistry() {
    }

    /**
     * Registers {@code function} under its own name.
     *
     * @return this registry
     * @throws IllegalArgumentException if the name is taken by another function
     */
    public FunctionRegistry register(TaskFunction function) {
        return register(function.name(), function);
    }

    /**
     * Registers {@code function} under {@code name}.
     *
     * @return this registry
     * @throws IllegalArgumentException if the name is taken by another function
     */
    public FunctionRegistry register(String name, TaskFunction function) {
        // The function keeps its own short name, which names its groups (map-worker-group-0).
        TaskFunction previous = byName.putIfAbsent(name, function);
        if (previous != null && previous != function) {
            throw new IllegalArgumentException("a function named " + name + " is already registered");
        }
        return this;
    }

    /**
     * Allows every public static method of {@code type}, each under
     * {@code <canonical class name>.<method>}. Overloaded methods are skipped: a name must
     * stand for one signature.
     *
     * @return this registry
     * @throws IllegalArgumentException if {@code type} is not public
     */
    public FunctionRegistry allowClass(Class<?> type) {
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new IllegalArgumentException(type.getName() + " is not public");
        }
        Map<String, List<Method>> methods = new TreeMap<>();
        for (Method method : type.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) && method.getDeclaringClass() == type
                    && !method.isSynthetic()) {
                methods.computeIfAbsent(method.getName(), n -> new ArrayList<>()).add(method);
            }
        }
        methods.forEach((name, overloads) -> {
            if (overloads.size() == 1 && !name.equals("main")) {
                register(type.getCanonicalName() + "." + name, TaskFunction.of(overloads.get(0)));
            }
        });
        return this;
    }

    /**
     * The function registered under {@code name}: an exact match, else the only one whose
     * name matches ignoring case.
     */
    public Optional<TaskFunction> find(String name) {
        TaskFunction exact = byName.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        TaskFunction found = null;
        for (Map.Entry<String, TaskFunction> entry : byName.entrySet()) {
            if (entry.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                if (found != null) {
                    return Optional.empty();
                }
                found = entry.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The function registered under {@code name}.
     *
     * @throws IllegalArgumentException naming the refused name and what is allowed
     */
    public TaskFunction require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "function '" + name + "' is not registered with this server"
                        + (byName.isEmpty() ? " (none are)" : "; see 'functions' for those that are")));
    }

    /** Every registered function by the name clients use, in name order. */
    public Map<String, TaskFunction> functions() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(byName));
    }
}
