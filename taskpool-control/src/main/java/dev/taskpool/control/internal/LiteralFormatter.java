package dev.taskpool.control.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Renders values in Python literal syntax the way Python's {@code repr} does; the implementation of
 * {@link LiteralParser#format}. Never throws for any value (a collection that contains itself renders as
 * {@code [...]}, as in Python). Stateless and therefore thread-safe.
 */
final class LiteralFormatter {

    private LiteralFormatter() {
    }

    static String format(Object value) {
        var out = new StringBuilder();
        append(value, out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out.toString();
    }

    /** {@code enclosing} holds the containers being rendered, by identity, to cut cycles. */
    private static void append(Object value, StringBuilder out, Set<Object> enclosing) {
        switch (value) {
            case null -> out.append("None");
            case Boolean b -> out.append(b ? "True" : "False");
            case String s -> StringLiteral.appendQuoted(s, out);
            case Character c -> StringLiteral.appendQuoted(c.toString(), out);
            case Double d -> out.append(NumberLiteral.repr(d));
            // via the float's own shortest digits, so 0.1f renders as 0.1, not 0.10000000149011612
            case Float f -> out.append(NumberLiteral.repr(Double.parseDouble(f.toString())));
            case BigDecimal d -> out.append(d);
            case BigInteger i -> out.append(i);
            case Number n -> out.append(n.longValue());
            case Map<?, ?> map -> appendMap(map, out, enclosing);
            case Set<?> set when set.isEmpty() -> out.append("set()"); // {} would be an empty dict
            case Set<?> set -> appendElements(set, '{', '}', out, enclosing);
            case Collection<?> list -> appendElements(list, '[', ']', out, enclosing);
            default -> out.append(value);
        }
    }

    private static void appendElements(Collection<?> items, char open, char close, StringBuilder out,
                                       Set<Object> enclosing) {
        if (!enclosing.add(items)) {
            out.append(open).append("...").append(close);
            return;
        }
        out.append(open);
        String separator = "";
        for (Object item : items) {
            out.append(separator);
            append(item, out, enclosing);
            separator = ", ";
        }
        out.append(close);
        enclosing.remove(items);
    }

    private static void appendMap(Map<?, ?> map, StringBuilder out, Set<Object> enclosing) {
        if (!enclosing.add(map)) {
            out.append("{...}");
            return;
        }
        out.append('{');
        String separator = "";
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            out.append(separator);
            append(entry.getKey(), out, enclosing);
            out.append(": ");
            append(entry.getValue(), out, enclosing);
            separator = ", ";
        }
        out.append('}');
        enclosing.remove(map);
    }
}
