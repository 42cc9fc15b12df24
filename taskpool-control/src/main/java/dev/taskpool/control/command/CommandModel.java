package dev.taskpool.control.command;

import dev.taskpool.Default;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The control commands of a pool class, generated from its public methods: the one source
 * of truth, so a public method added to a pool becomes a command with no second list to
 * keep in sync.
 *
 * <ul>
 *   <li>Each public instance method becomes a kebab-case command ({@code stopAll} becomes
 *       {@code stop-all}); of overloads, the one with the most parameters a client can
 *       express wins.</li>
 *   <li>A getter {@code x()} with a setter {@code setX(value)} becomes one property command
 *       {@code x} that reads with no argument and writes with one.</li>
 *   <li>Parameters marked {@link Default} become {@code -x/--long} options, the others
 *       positional arguments; varargs take any number of values, none included.</li>
 *   <li>Descriptions are the methods' Javadoc, kept at build time ({@link JavadocIndex}).</li>
 * </ul>
 *
 * <p>Built once per pool class ({@link #of(Class)}) and shared; immutable and thread-safe.
 */
final class CommandModel {

    private static final ClassValue<CommandModel> MODELS = new ClassValue<>() {
        @Override
        protected CommandModel computeValue(Class<?> type) {
            return new CommandModel(type);
        }
    };

    private final Map<String, Command> commands;

    private CommandModel(Class<?> poolClass) {
        Map<String, List<Method>> byName = new TreeMap<>();
        for (Method method : poolClass.getMethods()) {
            if (isCandidate(method)) {
                byName.computeIfAbsent(method.getName(), n -> new ArrayList<>()).add(method);
            }
        }
        Map<String, Command> built = new TreeMap<>();
        Set<String> propertyMethods = new HashSet<>();
        byName.forEach((name, overloads) -> {
            Method setter = single(byName.get("set" + capitalize(name)), 1);
            Method getter = single(overloads, 0);
            if (setter != null && getter != null && ValueConverter.supports(setter.getParameters()[0])) {
                built.put(ParamSpec.kebab(name), property(name, getter, setter));
                propertyMethods.add(name);
                propertyMethods.add(setter.getName());
            }
        });
        byName.forEach((name, overloads) -> {
            if (propertyMethods.contains(name)) {
                return;
            }
            Method best = null;
            for (Method method : overloads) {
                if (expressible(method) && (best == null || method.getParameterCount() > best.getParameterCount())) {
                    best = method;
                }
            }
            if (best != null) {
                built.put(ParamSpec.kebab(name), command(best));
            }
        });
        this.commands = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(built));
    }

    /** The model of {@code poolClass}, built on first use. */
    static CommandModel of(Class<?> poolClass) {
        return MODELS.get(poolClass);
    }

    /** The command named {@code name}, matched ignoring case; {@code null} if none. */
    Command find(String name) {
        return commands.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** The names of every command, sorted. */
    Set<String> names() {
        return java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(commands.keySet()));
    }

    /** Every command, by name. */
    Collection<Command> commands() {
        return commands.values();
    }

    private static boolean isCandidate(Method method) {
        return !Modifier.isStatic(method.getModifiers())
                && method.getDeclaringClass() != Object.class
                && !method.isSynthetic()
                && !method.isBridge()
                && !method.isAnnotationPresent(dev.taskpool.LocalOnly.class)
                && !method.getName().equals("toString");
    }

    private static boolean expressible(Method method) {
        for (Parameter parameter : method.getParameters()) {
            if (!ValueConverter.supports(parameter)) {
                return false;
            }
        }
        return true;
    }

    private static Method single(List<Method> methods, int parameterCount) {
        if (methods == null) {
            return null;
        }
        List<Method> matching = methods.stream().filter(m -> m.getParameterCount() == parameterCount).toList();
        return matching.size() == 1 ? matching.get(0) : null;
    }

    private static Command command(Method method) {
        JavadocIndex docs = JavadocIndex.of(method.getDeclaringClass());
        List<ParamSpec> params = new ArrayList<>();
        Set<String> shortNames = new HashSet<>(Set.of("h"));
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            Parameter p = parameters[i];
            Default annotation = p.getAnnotation(Default.class);
            boolean optional = annotation != null;
            boolean positional = optional && annotation.positional();
            boolean variadic = method.isVarArgs() && i == parameters.length - 1;
            String shortName = null;
            if (optional && !variadic && !positional) {
                String first = p.getName().substring(0, 1).toLowerCase(java.util.Locale.ROOT);
                if (shortNames.add(first)) {
                    shortName = first;
                }
            }
            params.add(new ParamSpec(p.getName(), ParamSpec.kebab(p.getName()), p.getType(),
                    p.getParameterizedType(), optional, optional ? annotation.value() : null, variadic,
                    shortName, docs.param(method, p.getName()), positional));
        }
        return new Command(ParamSpec.kebab(method.getName()), docs.summary(method), method, null, params);
    }

    private static Command property(String name, Method getter, Method setter) {
        JavadocIndex getterDocs = JavadocIndex.of(getter.getDeclaringClass());
        JavadocIndex setterDocs = JavadocIndex.of(setter.getDeclaringClass());
        Parameter value = setter.getParameters()[0];
        String description = getterDocs.summary(getter);
        String setterSummary = setterDocs.summary(setter);
        String paramDoc = setterDocs.param(setter, value.getName());
        ParamSpec param = new ParamSpec(value.getName(), ParamSpec.kebab(value.getName()), value.getType(),
                value.getParameterizedType(), true, null, false, null,
                "if given, " + (paramDoc.isEmpty() ? "the new value" : paramDoc)
                        + (setterSummary.isEmpty() ? "" : ": " + decapitalize(setterSummary)), true);
        String help = description + (description.isEmpty() ? "" : " ") + "Give a value to change it.";
        return new Command(ParamSpec.kebab(name), help, getter, setter, List.of(param));
    }

    private static String capitalize(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String decapitalize(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
