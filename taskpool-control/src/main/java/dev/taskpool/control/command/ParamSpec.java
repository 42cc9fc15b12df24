package dev.taskpool.control.command;

import java.lang.reflect.Type;
import java.util.Locale;

/**
 * One argument of a control command, derived from a parameter of a pool method: required
 * parameters become positional arguments, {@link dev.taskpool.Default optional} ones become
 * {@code -x/--long-name} options, and optional booleans become flags without a value.
 *
 * @param javaName      the parameter's name in the method
 * @param name          its kebab-case name ({@code numConcurrent} becomes {@code num-concurrent})
 * @param type          the parameter's type; for varargs, the array type
 * @param genericType   the parameter's generic type
 * @param optional      whether a client may leave it out
 * @param defaultValue  the default as a literal; meaningful when optional
 * @param variadic      whether it takes every remaining positional argument (varargs)
 * @param shortName     the one-letter option ({@code n} for {@code -n}), or {@code null}
 * @param description   what the argument means, from the method's Javadoc
 * @param positional    for an optional parameter, whether it is an optional positional argument
 *                      rather than an option
 */
record ParamSpec(String javaName, String name, Class<?> type, Type genericType, boolean optional,
                 String defaultValue, boolean variadic, String shortName, String description,
                 boolean positional) {

    /** Whether this is an option given as a flag with no value ({@code --return-exceptions}). */
    boolean isFlag() {
        return optional && !positional && (type == boolean.class || type == Boolean.class);
    }

    boolean isPositional() {
        return !optional || variadic || positional;
    }

    /** How the value is shown in usage lines: {@code NUM_CONCURRENT}. */
    String metavar() {
        return name.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** {@code numConcurrent} becomes {@code num-concurrent}; also used for command names. */
    static String kebab(String camel) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
