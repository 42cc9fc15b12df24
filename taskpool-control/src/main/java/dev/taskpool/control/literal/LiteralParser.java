package dev.taskpool.control.literal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Parses one literal written in Python syntax (what Python's {@code ast.literal_eval} accepts) or in JSON into plain
 * Java values, and renders values back in Python syntax with {@link #format}.
 *
 * <p>As in Python, a tuple needs no parentheses at the top level: {@code 1, 2} is {@code (1, 2)}.
 *
 * <p>Only values are built: names, calls, attribute access, operators and deserialization are not supported, so
 * parsing untrusted text can neither run code nor instantiate arbitrary classes. Results are:
 * <ul>
 *   <li>integers: {@link Long}, or {@link BigInteger} if out of range; floats: {@link Double};
 *   <li>strings: {@link String}; {@code True}/{@code true}, {@code False}/{@code false}: {@link Boolean};
 *       {@code None}/{@code null}: {@code null};
 *   <li>lists and tuples: unmodifiable {@link List}; dicts: unmodifiable insertion-ordered {@link Map};
 *       sets, including {@code set()}: unmodifiable insertion-ordered {@link Set}.
 * </ul>
 * Containers nest at most {@value #MAX_DEPTH} deep, which bounds recursion whatever the input.
 *
 * <p>Malformed input raises {@link LiteralSyntaxException}, naming the 0-based position and what was expected.
 *
 * <p>Stateless and therefore thread-safe.
 */
public final class LiteralParser {

    /** How deeply containers may nest. */
    public static final int MAX_DEPTH = 100;

    private LiteralParser() {
    }

    /**
     * Parses {@code text}, which must hold exactly one literal, optionally surrounded by whitespace.
     *
     * @throws LiteralSyntaxException if it does not
     */
    public static Object parse(String text) {
        Objects.requireNonNull(text, "text");
        return new Parser(text).document();
    }

    /**
     * Renders {@code value} as Python's {@code repr} would: {@code None}, {@code True}, {@code "it's"},
     * {@code 1e+20}, {@code [1, 2]}, {@code {'a': 1}}, {@code {1, 2}}, {@code set()}. Lists and other non-set
     * collections render as lists, or as tuples where only a tuple can stand: as a dict key or set element
     * ({@code {(1, 2): 'a'}}), so that what {@link #parse} returns parses back from its format. Integral
     * {@link Number}s render as integers, in hexadecimal beyond the 4300 digits that a decimal literal may have;
     * other objects via {@code toString()}.
     */
    public static String format(Object value) {
        return LiteralFormatter.format(value);
    }

    /** Python's whitespace between tokens; the tokenizer splits on the same characters. */
    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    /**
     * A parsed value and, when it cannot be a dict key or set element, why not (e.g. "a list"). Python forbids
     * those because they are mutable; a tuple is allowed when its items are, but parses to the same List type as a
     * list, so the distinction has to be carried alongside the value.
     */
    private record Parsed(Object value, String unhashable) {

        static Parsed hashable(Object value) {
            return new Parsed(value, null);
        }
    }

    private static final String A_TUPLE_CONTAINING = "a tuple containing ";

    /** One parse: a cursor over the text. Instances are confined to a single call of {@link #parse}. */

    private static final class Parser {

        private final String text;
        private int pos;
        private int depth;

        Parser(String text) {
            this.text = text;
        }

        Object document() {
            Object first = value().value();
            skipWhitespace();
            if (pos < text.length() && text.charAt(pos) == ',') {
                return bareTuple(first);
            }
            if (pos < text.length()) {
                throw expected("end of input");
            }
            return first;
        }

        /** literal_eval accepts a tuple without parentheses at the top level, e.g. {@code -a 1,2} or {@code 1,}. */
        private List<Object> bareTuple(Object first) {
            List<Object> items = new ArrayList<>();
            items.add(first);
            while (tryConsume(',')) {
                skipWhitespace();
                if (pos == text.length()) {
                    break;
                }
                items.add(value().value());
                skipWhitespace();
            }
            if (pos < text.length()) {
                throw expected("',' or end of input");
            }
            return Collections.unmodifiableList(items);
        }

        private Parsed value() {
            skipWhitespace();
            if (pos >= text.length()) {
                throw expected("a value");
            }
            char c = text.charAt(pos);
            return switch (c) {
                case '[' -> list();
                case '(' -> tupleOrParenthesised();
                case '{' -> dictOrSet();
                case '\'', '"' -> Parsed.hashable(strings());
                case '-', '+' -> Parsed.hashable(signedNumber());
                default -> {
                    if (NumberLiteral.startsAt(text, pos)) {
                        yield Parsed.hashable(number());
                    }
                    if (isNameStart(c)) {
                        yield nameOrPrefixedString();
                    }
                    throw expected("a value");
                }
            };
        }

        private Parsed list() {
            enterContainer();
            List<Object> items = new ArrayList<>();
            if (!closes(']')) {
                do {
                    items.add(value().value());
                } while (more(']'));
            }
            depth--;
            return new Parsed(Collections.unmodifiableList(items), "a list");
        }

        private Parsed tupleOrParenthesised() {
            enterContainer();
            List<Parsed> items = new ArrayList<>();
            if (!closes(')')) {
                Parsed first = value();
                if (closes(')')) {
                    depth--;
                    return first; // (x) is just x; only the comma makes a tuple
                }
                items.add(first);
                while (more(')')) {
                    items.add(value());
                }
            }
            depth--;
            List<Object> values = new ArrayList<>(items.size());
            String unhashable = null;
            for (Parsed item : items) {
                values.add(item.value());
                if (unhashable == null && item.unhashable() != null) {
                    // the innermost culprit alone, however deep the tuples: (([],),) too contains a list
                    unhashable = item.unhashable().startsWith(A_TUPLE_CONTAINING)
                            ? item.unhashable()
                            : A_TUPLE_CONTAINING + item.unhashable();
                }
            }
            return new Parsed(Collections.unmodifiableList(values), unhashable);
        }

        private Parsed dictOrSet() {
            enterContainer();
            if (closes('}')) {
                depth--;
                return new Parsed(Collections.unmodifiableMap(new LinkedHashMap<>()), "a dict");
            }
            int firstStart = pos;
            Parsed first = value();
            skipWhitespace();
            Parsed result = tryConsume(':') ? dictFrom(first, firstStart) : setFrom(first, firstStart);
            depth--;
            return result;
        }

        private Parsed dictFrom(Parsed firstKey, int firstKeyStart) {
            // put() keeps a repeated key at its first position with the last value, exactly like a Python dict
            Map<Object, Object> map = new LinkedHashMap<>();
            map.put(requireHashable(firstKey, firstKeyStart, "dict key"), value().value());
            while (more('}')) {
                Object key = hashableValue("dict key");
                skipWhitespace();
                if (!tryConsume(':')) {
                    throw expected("':'");
                }
                map.put(key, value().value());
            }
            return new Parsed(Collections.unmodifiableMap(map), "a dict");
        }

        private Parsed setFrom(Parsed first, int firstStart) {
            Set<Object> set = new LinkedHashSet<>();
            set.add(requireHashable(first, firstStart, "set element"));
            while (more('}')) {
                set.add(hashableValue("set element"));
            }
            return new Parsed(Collections.unmodifiableSet(set), "a set");
        }

        private Object hashableValue(String role) {
            skipWhitespace();
            int start = pos;
            return requireHashable(value(), start, role);
        }

        private static Object requireHashable(Parsed parsed, int start, String role) {
            if (parsed.unhashable() != null) {
                throw new LiteralSyntaxException(start, parsed.unhashable() + " cannot be a " + role
                        + " (only numbers, strings, booleans, None and tuples of them can)");
            }
            return parsed.value();
        }

        /** Reads one string literal and any that follow it, which Python concatenates: {@code 'a' "b"} is 'ab'. */
        private String strings() {
            var out = new StringBuilder();
            int quote = quoteOfStringAt(pos);
            do {
                pos = StringLiteral.read(text, pos, quote, out);
                skipWhitespace();
                quote = quoteOfStringAt(pos);
            } while (quote >= 0);
            return out.toString();
        }

        /** The index of the opening quote if a string, with or without a prefix, starts at {@code at}; else -1. */
        private int quoteOfStringAt(int at) {
            int quote = at < text.length() && isNameStart(text.charAt(at)) ? nameEnd(at) : at;
            return quote < text.length() && StringLiteral.isQuote(text.charAt(quote)) ? quote : -1;
        }

        private Number signedNumber() {
            char sign = text.charAt(pos++);
            skipWhitespace();
            if (pos >= text.length() || !NumberLiteral.startsAt(text, pos)) {
                throw expected("a number after '" + sign + "'");
            }
            Number number = number();
            return sign == '-' ? NumberLiteral.negate(number) : number;
        }

        private Number number() {
            NumberLiteral.Scanned scanned = NumberLiteral.read(text, pos);
            pos = scanned.end();
            return scanned.value();
        }

        private Parsed nameOrPrefixedString() {
            int start = pos;
            int end = nameEnd(start);
            if (end < text.length() && StringLiteral.isQuote(text.charAt(end))) {
                return Parsed.hashable(strings()); // r'...'; StringLiteral rejects unsupported prefixes
            }
            pos = end;
            String name = text.substring(start, end);
            return switch (name) {
                case "True", "true" -> Parsed.hashable(Boolean.TRUE);
                case "False", "false" -> Parsed.hashable(Boolean.FALSE);
                case "None", "null" -> Parsed.hashable(null);
                default -> {
                    // literal_eval accepts set() because an empty set has no literal syntax; format() emits it
                    if (name.equals("set") && emptyCallFollows()) {
                        yield new Parsed(Collections.unmodifiableSet(new LinkedHashSet<>()), "a set");
                    }
                    throw new LiteralSyntaxException(start, StringLiteral.excerpt(name)
                            + " is not a literal (names, calls and expressions are not allowed)");
                }
            };
        }

        private boolean emptyCallFollows() {
            int afterName = pos;
            skipWhitespace();
            if (tryConsume('(') && closes(')')) {
                return true;
            }
            pos = afterName;
            return false;
        }

        private void enterContainer() {
            if (depth == MAX_DEPTH) {
                throw new LiteralSyntaxException(pos, "nesting deeper than " + MAX_DEPTH + " containers");
            }
            depth++;
            pos++;
        }

        /** Skips whitespace and consumes {@code close} if it comes next. */
        private boolean closes(char close) {
            skipWhitespace();
            return tryConsume(close);
        }

        /**
         * After an element: consumes either the closing bracket (no more elements) or a comma, which may be a
         * trailing one directly followed by the closing bracket.
         */
        private boolean more(char close) {
            if (closes(close)) {
                return false;
            }
            if (!tryConsume(',')) {
                throw expected("',' or '" + close + "'");
            }
            return !closes(close);
        }

        private boolean tryConsume(char c) {
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void skipWhitespace() {
            while (pos < text.length() && isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private LiteralSyntaxException expected(String what) {
            return new LiteralSyntaxException(pos, "expected " + what + " but found " + describe(pos));
        }

        private String describe(int at) {
            if (at >= text.length()) {
                return "end of input";
            }
            if (isNameStart(text.charAt(at))) {
                return StringLiteral.excerpt(text.substring(at, nameEnd(at)));
            }
            int cp = text.codePointAt(at);
            if (Character.isWhitespace(cp) || !StringLiteral.isPrintable(cp)) {
                return "U+%04X".formatted(cp); // invisible, or shown as '?' or not at all by a client
            }
            return cp == '\'' ? "\"'\"" : "'" + Character.toString(cp) + "'";
        }

        private int nameEnd(int start) {
            int end = start;
            while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                end++;
            }
            return end;
        }

        private static boolean isNameStart(char c) {
            return Character.isLetter(c) || c == '_';
        }
    }
}
