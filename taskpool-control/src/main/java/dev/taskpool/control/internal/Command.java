package dev.taskpool.control.internal;

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

    /** Positional arguments; a property's value is an optional positional one. */
    List<ParamSpec> positionals() {
        return isProperty() ? params : params.stream().filter(ParamSpec::isPositional).toList();
    }

    List<ParamSpec> options() {
        return isProperty() ? List.of() : params.stream().filter(p -> !p.isPositional()).toList();
    }

    /** The argparse-style usage line: {@code usage: map [-h] [-n NUM_CONCURRENT] function arg-iter}. */
    String usage() {
        List<String> parts = new ArrayList<>();
        parts.add("usage: " + name);
        parts.add("[-h]");
        for (ParamSpec option : options()) {
            parts.add("[" + option.optionUsage() + "]");
        }
        for (ParamSpec positional : positionals()) {
            if (positional.variadic()) {
                parts.add(positional.name() + " [" + positional.name() + " ...]");
            } else if (positional.optional()) {
                parts.add("[" + positional.name() + "]");
            } else {
                parts.add(positional.name());
            }
        }
        return String.join(" ", parts);
    }

    /** The full help of {@code COMMAND -h}, wrapped to {@code width} columns. */
    String help(int width) {
        TextBlock text = new TextBlock(width);
        text.paragraph(usage(), "       ");
        text.blank();
        if (!description.isEmpty()) {
            text.paragraph(description, "");
            text.blank();
        }
        if (!positionals().isEmpty()) {
            text.line("positional arguments:");
            for (ParamSpec p : positionals()) {
                text.entry(p.name(), explain(p));
            }
            text.blank();
        }
        text.line("options:");
        text.entry("-h, --help", "show this help");
        for (ParamSpec p : options()) {
            text.entry(p.optionLabel(), explain(p));
        }
        return text.toString();
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
