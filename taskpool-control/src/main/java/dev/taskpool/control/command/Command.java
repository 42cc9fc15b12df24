package dev.taskpool.control.command;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * One control command derived from a pool class: a public method ({@code start},
 * {@code stop-all}) or a read/write property ({@code pool-size} reads with no argument and
 * writes with one).
 *
 * <p>Immutable and thread-safe: built once per pool class and shared by every session.
 *
 * @param name        the command's kebab-case name
 * @param description the first sentence of the method's Javadoc
 * @param method      the method called; for a property, its getter
 * @param setter      for a property, the setter called when a value is given; else {@code null}
 * @param params      the arguments, in the method's parameter order
 */
record Command(String name, String description, Method method, Method setter, List<ParamSpec> params) {

    Command {
        params = List.copyOf(params);
    }

    boolean isProperty() {
        return setter != null;
    }

    /**
     * Whether running it may change the pool: a property written, or a method not marked
     * {@link dev.taskpool.ReadOnly}.
     */
    boolean changes(boolean write) {
        return write || !method.isAnnotationPresent(dev.taskpool.ReadOnly.class);
    }

    /**
     * The command as argparse would declare it: {@code -h}, then one argument per parameter
     * in the method's order. Required parameters are positional, varargs take any number of
     * values (argparse's {@code nargs='*'}), a property's value is an optional positional,
     * optional parameters are {@code -x/--long-name} options, optional booleans flags.
     */
    CommandSyntax syntax() {
        List<Argument> arguments = new ArrayList<>();
        arguments.add(Argument.HELP_ARGUMENT);
        for (ParamSpec p : params) {
            if (isProperty() || (p.optional() && p.positional())) {
                arguments.add(Argument.positional(p.name(), Argument.Nargs.OPTIONAL, explain(p), p));
            } else if (p.variadic()) {
                arguments.add(Argument.positional(p.name(), Argument.Nargs.ZERO_OR_MORE, explain(p), p));
            } else if (p.isPositional()) {
                arguments.add(Argument.positional(p.name(), Argument.Nargs.ONE, explain(p), p));
            } else if (p.isFlag()) {
                arguments.add(Argument.flag(flags(p), explain(p), p));
            } else {
                arguments.add(Argument.option(flags(p), p.metavar(), explain(p), p));
            }
        }
        return new CommandSyntax(name, null, description, arguments, List.of());
    }

    private static List<String> flags(ParamSpec p) {
        return p.shortName() != null ? List.of("-" + p.shortName(), "--" + p.name()) : List.of("--" + p.name());
    }

    private static String explain(ParamSpec p) {
        StringBuilder out = new StringBuilder(p.description());
        String kind = ValueConverter.describe(p);
        if (!kind.isEmpty()) {
            out.append(out.isEmpty() ? "" : " ").append("(").append(kind);
            if (p.defaultValue() != null && !p.isFlag() && !p.variadic()) {
                out.append("; default ").append(p.defaultValue());
            }
            out.append(")");
        }
        return out.toString();
    }
}
