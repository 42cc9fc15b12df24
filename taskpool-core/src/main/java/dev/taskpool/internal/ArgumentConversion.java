package dev.taskpool.internal;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Converts argument values, as a literal parser or a caller produces them (Long, Double,
 * BigInteger, String, Boolean, List, Set, Map, null), to a parameter's declared Java type.
 * Only conversions that lose nothing are made: 3L becomes an {@code int}, 2.5 never does.
 *
 * <p>Stateless and thread-safe.
 */
public final class ArgumentConversion {

    /** The longest duration a number of seconds may give: what a long of nanoseconds holds. */
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(Long.MAX_VALUE / 1_000_000_000L);

    private ArgumentConversion() {
    }

    /**
     * Returns {@code value} as an instance of {@code target}.
     *
     * @param what names the argument in the error, e.g. {@code "argument 'times' of greet"}
     * @throws IllegalArgumentException naming {@code what}, the expected type and the value
     */
    public static Object convert(Object value, Class<?> target, String what) {
        Class<?> boxed = box(target);
        if (value == null) {
            if (target.isPrimitive()) {
                throw mismatch(value, target, what);
            }
            return null;
        }
        if (boxed.isInstance(value)) {
            return value;
        }
        Object converted = convertOrNull(value, boxed, what);
        if (converted == null) {
            throw mismatch(value, target, what);
        }
        return converted;
    }

    private static Object convertOrNull(Object value, Class<?> boxed, String what) {
        if (value instanceof Number number) {
            return number(number, boxed);
        }
        if (value instanceof String text) {
            if (boxed == Character.class && text.length() == 1) {
                return text.charAt(0);
            }
            if (boxed.isEnum()) {
                return enumConstant(text, boxed);
            }
            return null;
        }
        if (value instanceof Collection<?> collection) {
            return collection(collection, boxed, what);
        }
        return null;
    }

    private static Object number(Number number, Class<?> boxed) {
        if (boxed == Duration.class) {
            return seconds(number);
        }
        BigInteger integral = integral(number);
        if (boxed == Double.class) {
            return number.doubleValue();
        }
        if (boxed == Float.class) {
            return number.floatValue();
        }
        if (boxed == BigDecimal.class) {
            return integral != null ? new BigDecimal(integral) : BigDecimal.valueOf(number.doubleValue());
        }
        if (integral == null) {
            return null;
        }
        if (boxed == BigInteger.class || boxed == Number.class) {
            return integral;
        }
        if (boxed == Long.class && integral.bitLength() < 64) {
            return integral.longValue();
        }
        if (boxed == Integer.class && integral.bitLength() < 32) {
            return integral.intValue();
        }
        if (boxed == Short.class && integral.bitLength() < 16) {
            return integral.shortValue();
        }
        if (boxed == Byte.class && integral.bitLength() < 8) {
            return integral.byteValue();
        }
        return null;
    }

    private static BigInteger integral(Number number) {
        if (number instanceof BigInteger big) {
            return big;
        }
        if (number instanceof Long || number instanceof Integer || number instanceof Short
                || number instanceof Byte) {
            return BigInteger.valueOf(number.longValue());
        }
        return null;
    }

    private static Object enumConstant(String text, Class<?> enumType) {
        for (Object constant : enumType.getEnumConstants()) {
            // Case-insensitive, since some control clients lower-case every line.
            if (((Enum<?>) constant).name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        return null;
    }

    private static Object collection(Collection<?> values, Class<?> boxed, String what) {
        if (boxed.isArray()) {
            Class<?> component = boxed.getComponentType();
            Object array = Array.newInstance(component, values.size());
            int i = 0;
            for (Object element : values) {
                Array.set(array, i, convert(element, component, what + " element " + i));
                i++;
            }
            return array;
        }
        if (boxed == List.class || boxed == Collection.class || boxed == Iterable.class) {
            // Not List.copyOf: it refuses nulls, which Python's None may well be.
            return Collections.unmodifiableList(new ArrayList<>(values));
        }
        if (boxed == Set.class) {
            return new LinkedHashSet<>(values);
        }
        return null;
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "boolean" -> Boolean.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "char" -> Character.class;
            default -> Void.class;
        };
    }

    private static IllegalArgumentException mismatch(Object value, Class<?> target, String what) {
        return new IllegalArgumentException(what + " expects " + describe(target) + ", got "
                + describeValue(value));
    }

    /** A number of seconds as a duration, to the nanosecond; {@code null} if negative or not finite. */
    private static Duration seconds(Number number) {
        BigDecimal seconds;
        try {
            seconds = number instanceof BigDecimal decimal ? decimal : new BigDecimal(number.toString());
        } catch (NumberFormatException notFinite) {
            return null;
        }
        if (seconds.signum() < 0 || seconds.compareTo(MAX_SECONDS) > 0) {
            return null;
        }
        BigDecimal nanos = seconds.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP);
        return Duration.ofSeconds(0, 0).plusNanos(nanos.longValueExact());
    }

    /** A type as a person would name it: "an integer", "a list", "a string". */
    public static String describe(Class<?> type) {
        Class<?> boxed = box(type);
        if (boxed == Duration.class) {
            return "a number of seconds, 0 or more";
        }
        if (boxed == Integer.class || boxed == Long.class || boxed == Short.class
                || boxed == Byte.class || boxed == BigInteger.class) {
            return "an integer";
        }
        if (boxed == Double.class || boxed == Float.class || boxed == BigDecimal.class) {
            return "a number";
        }
        if (boxed == Boolean.class) {
            return "True or False";
        }
        if (boxed == String.class || boxed == CharSequence.class) {
            return "a string";
        }
        if (boxed == Character.class) {
            return "a single character";
        }
        if (boxed.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object constant : boxed.getEnumConstants()) {
                names.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
            }
            return "one of " + String.join(", ", names);
        }
        if (boxed.isArray() || List.class.isAssignableFrom(boxed) || boxed == Collection.class
                || boxed == Iterable.class) {
            return "a list";
        }
        if (Set.class.isAssignableFrom(boxed)) {
            return "a set";
        }
        if (Map.class.isAssignableFrom(boxed)) {
            return "a dict";
        }
        if (boxed == Object.class) {
            return "any value";
        }
        return "a " + type.getSimpleName();
    }

    private static String describeValue(Object value) {
        if (value == null) {
            return "None";
        }
        String kind;
        if (value instanceof String) {
            kind = "a string";
        } else if (value instanceof Boolean) {
            kind = "a boolean";
        } else if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            kind = "a float";
        } else if (value instanceof Number) {
            kind = "an integer";
        } else if (value instanceof List) {
            kind = "a list";
        } else if (value instanceof Set) {
            kind = "a set";
        } else if (value instanceof Map) {
            kind = "a dict";
        } else {
            kind = "a " + value.getClass().getSimpleName();
        }
        String shown = String.valueOf(value);
        if (shown.length() > 40) {
            shown = shown.substring(0, 37) + "...";
        }
        return kind + " (" + (value instanceof String ? "'" + shown + "'" : shown) + ")";
    }
}
