package dev.taskpool.control.literal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders values in Python literal syntax the way Python's {@code repr} does; the implementation of
 * {@link LiteralParser#format}. Never throws for any value: a collection that contains itself renders as
 * {@code [...]}, as in Python, and containers nested however deeply render without recursion, so that a deep result
 * cannot overflow the stack of the session that formats it. Stateless and therefore thread-safe.
 */
final class LiteralFormatter {

    private LiteralFormatter() {
    }

    static String format(Object value) {
        return new Rendering().render(value);
    }

    /** What is left to do: render a value, append text, or leave a container. */
    private sealed interface Step {
    }

    /**
     * @param hashable whether the value is a dict key or set element, where a list can only stand for a tuple
     *                 (Python's lists are unhashable) and is therefore written as one, so that the parser takes it
     *                 back
     */
    private record Item(Object value, boolean hashable) implements Step {
    }

    private record Text(String text) implements Step {
    }

    private record Leave(Object container) implements Step {
    }

    private static final Text SEPARATOR = new Text(", ");
    private static final Text COLON = new Text(": ");

    /** One call of {@link #format}: the output, the steps still to do (next on top) and the open containers. */
    private static final class Rendering {

        private final StringBuilder out = new StringBuilder();
        private final Deque<Step> steps = new ArrayDeque<>();
        /** The containers being rendered, by identity, to cut cycles. */
        private final Set<Object> enclosing = Collections.newSetFromMap(new IdentityHashMap<>());

        String render(Object value) {
            steps.push(new Item(value, false));
            while (!steps.isEmpty()) {
                switch (steps.pop()) {
                    case Item item -> append(item.value(), item.hashable());
                    case Text text -> out.append(text.text());
                    case Leave leave -> enclosing.remove(leave.container());
                }
            }
            return out.toString();
        }

        private void append(Object value, boolean hashable) {
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
                case Map<?, ?> map -> appendMap(map);
                case Set<?> set when set.isEmpty() -> out.append("set()"); // {} would be an empty dict
                case Set<?> set -> appendElements(set, true, "{", "}");
                case Collection<?> tuple when hashable -> appendElements(tuple, true, "(", ")");
                case Collection<?> list -> appendElements(list, false, "[", "]");
                default -> out.append(value);
            }
        }

        /** @param hashable whether the items are set elements or tuple items, and lists among them tuples */
        private void appendElements(Collection<?> items, boolean hashable, String open, String close) {
            if (!enclosing.add(items)) {
                out.append(open).append("...").append(close);
                return;
            }
            out.append(open);
            List<Step> inner = new ArrayList<>();
            for (Object item : items) {
                if (!inner.isEmpty()) {
                    inner.add(SEPARATOR);
                }
                inner.add(new Item(item, hashable));
            }
            boolean oneTuple = open.equals("(") && inner.size() == 1; // (1,) is a tuple, (1) just 1
            enter(items, oneTuple ? ",)" : close, inner);
        }

        private void appendMap(Map<?, ?> map) {
            if (!enclosing.add(map)) {
                out.append("{...}");
                return;
            }
            out.append('{');
            List<Step> inner = new ArrayList<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!inner.isEmpty()) {
                    inner.add(SEPARATOR);
                }
                inner.add(new Item(entry.getKey(), true));
                inner.add(COLON);
                inner.add(new Item(entry.getValue(), false));
            }
            enter(map, "}", inner);
        }

        /** Schedules a container's inner steps, then its closing text, then leaving it. */
        private void enter(Object container, String close, List<Step> inner) {
            steps.push(new Leave(container));
            steps.push(new Text(close));
            for (int i = inner.size() - 1; i >= 0; i--) {
                steps.push(inner.get(i));
            }
        }
    }
}
