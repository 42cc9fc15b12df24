package dev.taskpool.control.command;

import dev.taskpool.control.ErrorType;
import dev.taskpool.control.literal.CommandSyntaxException;
import dev.taskpool.control.literal.CommandTokenizer;
import dev.taskpool.control.literal.LiteralParser;
import dev.taskpool.control.literal.LiteralSyntaxException;
import dev.taskpool.control.text.TextWrap;
import dev.taskpool.TaskFunction;
import dev.taskpool.control.FunctionRegistry;
import dev.taskpool.function.TaskCallback;
import dev.taskpool.internal.ArgumentConversion;

import java.lang.reflect.Parameter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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

    private static final String DIGITS = "\\d+(?:_\\d+)*";
    private static final Pattern PYTHON_INT = Pattern.compile("[+-]?" + DIGITS, Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern PYTHON_FLOAT = Pattern.compile(
            "[+-]?(?:" + DIGITS + "(?:\\.(?:" + DIGITS + ")?)?|\\." + DIGITS + ")(?:[eE][+-]?" + DIGITS + ")?",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern PYTHON_FLOAT_WORD = Pattern.compile("[+-]?(?:inf|infinity|nan)",
            Pattern.CASE_INSENSITIVE);

    /** The smallest and largest value of each integer type, for "at most" and "at least". */
    private static final Map<Class<?>, long[]> INTEGER_RANGES = Map.of(
            int.class, new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
            Integer.class, new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
            long.class, new long[] {Long.MIN_VALUE, Long.MAX_VALUE},
            Long.class, new long[] {Long.MIN_VALUE, Long.MAX_VALUE},
            short.class, new long[] {Short.MIN_VALUE, Short.MAX_VALUE},
            Short.class, new long[] {Short.MIN_VALUE, Short.MAX_VALUE},
            byte.class, new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE},
            Byte.class, new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE});

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
        return p.variadic() ? "zero or more, each " + what : what;
    }

    /**
     * Converts one argument.
     *
     * @throws ArgumentParser.ArgumentError in argparse's words ({@code invalid int value: 'x'});
     *                                      of type {@code refused} for a function that is not registered
     */
    Object convert(ParamSpec p, CommandTokenizer.Token token, boolean isProperty) {
        Class<?> type = p.variadic() ? p.type().getComponentType() : p.type();
        if (isProperty && (type == int.class || type == Integer.class)
                && token.text().equalsIgnoreCase("inf")) {
            return Integer.MAX_VALUE;
        }
        if (type == TaskFunction.class) {
            return function(unquoted(token));
        }
        if (type == TaskCallback.class) {
            return callback(unquoted(token));
        }
        if (type == String.class) {
            return unquoted(token);
        }
        if (type.isEnum()) {
            return enumConstant(type, unquoted(token));
        }
        String name = typeName(type);
        boolean boxedNone = !type.isPrimitive() && (token.text().equals("None") || token.text().equals("none"));
        if (name.equals("int") && !boxedNone) {
            // As Python's int(), the type of such arguments in the reference: 007 and 1_000
            // are numbers, 0x10 and 2.5 are not.
            BigInteger value = pythonInt(token.text());
            if (value == null) {
                throw invalid(type, token.text(), "");
            }
            return convertValue(type, token.text(), value);
        }
        if (name.equals("float") && !boxedNone) {
            Double value = pythonFloat(token.text());
            if (value == null) {
                throw invalid(type, token.text(), "");
            }
            return convertValue(type, token.text(), value);
        }
        Object literal;
        try {
            literal = parse(token.text());
        } catch (LiteralSyntaxException e) {
            if (name.equals("bool")) {
                // "invalid bool value" says all: where the literal broke would not help.
                throw invalid(type, token.text(), "");
            }
            throw invalid(type, token.text(), " (" + e.getMessage() + ")");
        }
        return convertValue(type, token.text(), literal);
    }

    /** What Python's {@code int(text)} gives, or {@code null} where it raises ValueError. */
    static BigInteger pythonInt(String text) {
        String stripped = pythonStrip(text);
        if (!PYTHON_INT.matcher(stripped).matches()) {
            return null;
        }
        return new BigInteger(asciiDigits(stripped));
    }

    /** What Python's {@code float(text)} gives, or {@code null} where it raises ValueError. */
    static Double pythonFloat(String text) {
        String stripped = pythonStrip(text);
        if (PYTHON_FLOAT_WORD.matcher(stripped).matches()) {
            boolean negative = stripped.startsWith("-");
            String word = stripped.replaceFirst("^[+-]", "").toLowerCase(java.util.Locale.ROOT);
            double value = word.equals("nan") ? Double.NaN : Double.POSITIVE_INFINITY;
            return negative ? -value : value;
        }
        if (!PYTHON_FLOAT.matcher(stripped).matches()) {
            return null;
        }
        return Double.parseDouble(asciiDigits(stripped));
    }

    /** Python's {@code str.strip()}: whitespace off both ends. */
    private static String pythonStrip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && TextWrap.isPythonSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && TextWrap.isPythonSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** The number with its underscores dropped and every decimal digit as an ASCII one. */
    private static String asciiDigits(String number) {
        StringBuilder out = new StringBuilder();
        number.codePoints().forEach(c -> {
            if (c != '_') {
                out.append(Character.isDigit(c) ? (char) ('0' + Character.digit(c, 10)) : (char) c);
            }
        });
        return out.toString();
    }

    /** The default of an optional parameter, converted like a typed-in value. */
    Object defaultValue(ParamSpec p) {
        if (p.defaultValue() == null) {
            return null;
        }
        return convertValue(p.type(), p.defaultValue(), parse(p.defaultValue()));
    }

    private static Object parse(String text) {
        // Some clients lower-case every line: their None arrives as none. true, false and null
        // are JSON literals, which the parser knows.
        if (text.equals("none")) {
            return null;
        }
        return LiteralParser.parse(text);
    }

    /** {@code literal}, parsed from {@code text}, as an instance of {@code type}. */
    private static Object convertValue(Class<?> type, String text, Object literal) {
        Object checked = literal;
        if ((type == Iterable.class || type == Collection.class) && literal != null
                && !(literal instanceof Collection<?>)) {
            throw invalid(type, text, "");
        }
        if (type == Map.class && literal instanceof Map<?, ?> map) {
            checked = stringKeys(type, text, map);
        }
        try {
            return ArgumentConversion.convert(checked, type, "value");
        } catch (IllegalArgumentException e) {
            throw invalid(type, text, outOfRange(type, literal));
        }
    }

    /** For an integer too large or too small for the parameter, which limit it broke. */
    private static String outOfRange(Class<?> type, Object literal) {
        if (!(literal instanceof Number number) || literal instanceof Double || literal instanceof Float
                || literal instanceof java.math.BigDecimal) {
            return "";
        }
        java.math.BigInteger value = new java.math.BigInteger(number.toString());
        long[] range = INTEGER_RANGES.get(type);
        if (range == null) {
            return "";
        }
        if (value.compareTo(java.math.BigInteger.valueOf(range[1])) > 0) {
            return " (at most " + range[1] + ")";
        }
        if (value.compareTo(java.math.BigInteger.valueOf(range[0])) < 0) {
            return " (at least " + range[0] + ")";
        }
        return "";
    }

    /**
     * argparse's complaint about a value its type refuses: {@code invalid int value: 'x'},
     * with what more there is to say in {@code detail}.
     */
    private static ArgumentParser.ArgumentError invalid(Class<?> type, String text, String detail) {
        return new ArgumentParser.ArgumentError("invalid " + typeName(type) + " value: "
                + ArgumentParser.repr(text) + detail);
    }

    /** The name of a type as Python would call it in {@code invalid <type> value}. */
    static String typeName(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == byte.class || type == Byte.class) {
            return "int";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "float";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "bool";
        }
        if (type == Map.class) {
            return "dict";
        }
        if (type == Set.class) {
            return "set";
        }
        if (type == Iterable.class || type == Collection.class || type == List.class) {
            return "list";
        }
        return "literal";
    }

    private static Object enumConstant(Class<?> type, String text) {
        List<String> names = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            String name = ((Enum<?>) constant).name().toLowerCase(java.util.Locale.ROOT);
            if (name.equalsIgnoreCase(text)) {
                return constant;
            }
            names.add(ArgumentParser.repr(name));
        }
        throw new ArgumentParser.ArgumentError("invalid choice: " + ArgumentParser.repr(text)
                + " (choose from " + String.join(", ", names) + ")");
    }

    private static Map<String, Object> stringKeys(Class<?> type, String text, Map<?, ?> map) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw invalid(type, text, " (keys must be parameter names, as strings)");
            }
            out.put(key, entry.getValue());
        }
        return out;
    }

    /** A quoted word decoded, or the word as typed; a malformed escape is a syntax error. */
    private static String unquoted(CommandTokenizer.Token token) {
        try {
            return token.unquoted();
        } catch (CommandSyntaxException e) {
            throw new ArgumentParser.ArgumentError(e.getMessage(), ErrorType.SYNTAX);
        }
    }

    private TaskFunction function(String name) {
        try {
            return functions.require(name);
        } catch (IllegalArgumentException e) {
            throw new ArgumentParser.ArgumentError(e.getMessage(), ErrorType.REFUSED);
        }
    }

    private TaskCallback callback(String name) {
        TaskFunction function = function(name);
        if (function.parameters().size() != 1) {
            throw new ArgumentParser.ArgumentError(function.name()
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
