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
        append(value, false, out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out.toString();
    }

    /**
     * {@code enclosing} holds the containers being rendered, by identity, to cut cycles. {@code hashable} is true
     * for a dict key or set element, where a list can only stand for a tuple (Python's lists are unhashable) and is
     * therefore written as one, so that the parser takes it back.
     */
    private static void append(Object value, boolean hashable, StringBuilder out, Set<Object> enclosing) {
        switch (value) {
            case null -> out.append("None");
            case Boolean b -> out.append(b ? "True" : "False");
            case String s -> StringLiteral.appendQuoted(s, out);
            case Character c -> StringLiteral.appendQuoted(c.toString(), out);
            case Double d -> out.append(NumberLiteral.repr(d));
            // via the float's own shortest digits, so 0.1f renders as 0.1, not 0.10000000149011612
            case Float f -> out.append(NumberLiteral.repr(Double.parseDouble(f.toString())));
            case BigDecimal d -> out.append(d);
            case BigInteger i -> out.append(NumberLiteral.repr(i));
            case Number n -> out.append(n.longValue());
            case Map<?, ?> map -> appendMap(map, out, enclosing);
            case Set<?> set when set.isEmpty() -> out.append("set()"); // {} would be an empty dict
            case Set<?> set -> appendElements(set, true, '{', '}', out, enclosing);
            case Collection<?> tuple when hashable -> appendElements(tuple, true, '(', ')', out, enclosing);
            case Collection<?> list -> appendElements(list, false, '[', ']', out, enclosing);
            default -> out.append(value);
        }
    }

    /** @param hashable whether the items are set elements or tuple items, and lists among them tuples */
    private static void appendElements(Collection<?> items, boolean hashable, char open, char close,
                                       StringBuilder out, Set<Object> enclosing) {
        if (!enclosing.add(items)) {
            out.append(open).append("...").append(close);
            return;
        }
        out.append(open);
        String separator = "";
        for (Object item : items) {
            out.append(separator);
            append(item, hashable, out, enclosing);
            separator = ", ";
        }
        if (open == '(' && items.size() == 1) {
            out.append(','); // (1,) is a tuple, (1) just 1
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
            append(entry.getKey(), true, out, enclosing);
            out.append(": ");
            append(entry.getValue(), false, out, enclosing);

            separator = ", ";
        }
        out.append('}');
        enclosing.remove(map);
    }
}
