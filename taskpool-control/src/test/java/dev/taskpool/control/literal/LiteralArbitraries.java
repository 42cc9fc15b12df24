package dev.taskpool.control.literal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators for the properties of {@link LiteralParser}, {@link LiteralFormatter} and {@link CommandTokenizer}:
 * literal values as the parser returns them, source text written for a value in any of Python's notations, valid
 * text with a few characters inserted, deleted or replaced, and hostile text.
 */
final class LiteralArbitraries {

    /** What floats {@link #values} may hold besides finite ones. */
    enum Floats {
        FINITE,
        /** Infinities have a literal (1e999); NaN has none. */
        WITH_INFINITIES,
        WITH_INFINITIES_AND_NAN
    }

    /** A literal's source text and the value it stands for. */
    record Written(String text, Object value) {
        @Override
        public String toString() {
            return text; // what jqwik prints for a falsified sample
        }
    }

    /** Characters that break literals and command lines in interesting ways. */
    static final String TRICKY_CHARS = "[](){},:;'\"\\ \t\n\r\f\u000b\0\u0007\u007f\u0085\u00a0\u2028\u200b\ufeff"
            + "-+._0123456789aefjxobrunNTFLEJXOBRU#@=é€\ud83d\ude00\ud800\udfff";

    private static final BigInteger LONG_LIMIT = BigInteger.TWO.pow(63);

    /** The smallest integer with more decimal digits than the parser reads; it must be written with a prefix. */
    private static final BigInteger TOO_MANY_DIGITS = BigInteger.TEN.pow(NumberLiteral.MAX_DECIMAL_DIGITS);

    /** Characters whose escape Python does not know, so that a backslash before them stays a backslash. */
    private static final String UNKNOWN_ESCAPES = "cdeghijklmpqswyzACDEFGHIJKLMOPQRSTVWXYZ89"
            + " !#$%&()*+,-./:;<=>?@[]^_`{|}~";

    /** Character names Python's \N{...} knows, with their code points. */
    private static final Map<String, Integer> CHARACTER_NAMES = Map.of(
            "BULLET", 0x2022, "LATIN SMALL LETTER A", 0x61, "SNOWMAN", 0x2603, "GRINNING FACE", 0x1F600,
            "NO-BREAK SPACE", 0xA0, "EURO SIGN", 0x20AC, "REVERSE SOLIDUS", 0x5C, "APOSTROPHE", 0x27);

    private LiteralArbitraries() {
    }

    // ---------------------------------------------------------------- values

    /**
     * Values as the parser returns them: Long, or BigInteger beyond the long range; Double; String (any chars, lone
     * surrogates included); Boolean; null; unmodifiable lists, insertion-ordered dicts and sets, nested. Dict keys
     * and set elements are hashable: scalars or lists standing for tuples of them.
     */
    static Arbitrary<Object> values(Floats floats) {
        Arbitrary<Object> shallow = Arbitraries.recursive(
                () -> scalars(floats), inner -> containers(inner, floats), 0, 4);
        return Arbitraries.frequencyOf(Tuple.of(12, shallow), Tuple.of(1, deeplyNested(floats)));
    }

    /** What may be a dict key or a set element: scalars, and tuples (lists) of hashables. */
    static Arbitrary<Object> hashables(Floats floats) {
        return Arbitraries.recursive(() -> scalars(floats),
                inner -> Arbitraries.frequencyOf(Tuple.of(3, inner), Tuple.of(1, listsOf(inner, 3))), 0, 2);
    }

    private static Arbitrary<Object> containers(Arbitrary<Object> inner, Floats floats) {
        Arbitrary<Object> hashables = hashables(floats);
        return Arbitraries.frequencyOf(
                Tuple.of(2, inner),
                Tuple.of(2, listsOf(inner, 4)),
                Tuple.of(1, Arbitraries.maps(hashables, inner).ofMaxSize(4)
                        .map(map -> Collections.unmodifiableMap(new LinkedHashMap<>(map)))),
                Tuple.of(1, hashables.set().ofMaxSize(4)
                        .map(set -> Collections.unmodifiableSet(new LinkedHashSet<>(set)))));
    }

    private static Arbitrary<Object> listsOf(Arbitrary<Object> elements, int maxSize) {
        return elements.list().ofMaxSize(maxSize).map(Collections::unmodifiableList);
    }

    /** A scalar wrapped in up to the parser's depth limit of containers, each a list, tuple key, dict or set. */
    private static Arbitrary<Object> deeplyNested(Floats floats) {
        return Combinators.combine(scalars(floats), Arbitraries.integers().between(1, LiteralParser.MAX_DEPTH),
                        Arbitraries.longs())
                .as((scalar, depth, seed) -> {
                    Random random = new Random(seed);
                    Object value = scalar;
                    boolean hashable = true;
                    for (int level = 0; level < depth; level++) {
                        int kind = random.nextInt(hashable ? 4 : 2);
                        value = switch (kind) {
                            case 0 -> Collections.singletonList(value);
                            case 1 -> Collections.singletonMap("k", value);
                            case 2 -> Collections.singletonMap(value, 0L); // a hashable tuple as a dict key
                            default -> Collections.singleton(value);
                        };
                        hashable = hashable && kind == 0;
                    }
                    return value;
                });
    }

    static Arbitrary<Object> scalars(Floats floats) {
        return Arbitraries.frequencyOf(
                Tuple.of(3, integers().asGeneric()),
                Tuple.of(3, doubles(floats).asGeneric()),
                Tuple.of(3, strings().asGeneric()),
                Tuple.of(1, Arbitraries.of(true, false).asGeneric()),
                Tuple.of(1, Arbitraries.just(null)));
    }

    /** Integers of any size, as the parser returns them: a Long when it fits, else a BigInteger. */
    static Arbitrary<Number> integers() {
        Arbitrary<BigInteger> beyondLong = Arbitraries.bigIntegers().between(LONG_LIMIT, BigInteger.TWO.pow(256));
        Arbitrary<BigInteger> huge = Combinators.combine(
                        Arbitraries.integers().between(64, 20_000), Arbitraries.longs())
                .as((bits, seed) -> new BigInteger(bits, new Random(seed)).setBit(bits - 1));
        Arbitrary<BigInteger> edges = Arbitraries.of(LONG_LIMIT, LONG_LIMIT.add(BigInteger.ONE),
                TOO_MANY_DIGITS.subtract(BigInteger.ONE), TOO_MANY_DIGITS, BigInteger.TWO.pow(65_536));
        Arbitrary<BigInteger> big = Arbitraries.oneOf(beyondLong, huge, edges);
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.longs().map(l -> (Number) l)),
                Tuple.of(1, Arbitraries.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE).map(l -> (Number) l)),
                Tuple.of(2, big.flatMap(b -> Arbitraries.of(b, b.negate())).map(LiteralArbitraries::canonical)));
    }

    /** The parser's type for an integer: a Long when it fits (-2^63 does), else a BigInteger. */
    private static Number canonical(BigInteger value) {
        return value.bitLength() < Long.SIZE ? (Number) value.longValueExact() : value;
    }

    /** Doubles of every kind: any bit pattern, the usual suspects for formatting, -0.0. */
    static Arbitrary<Double> doubles(Floats floats) {
        Arbitrary<Double> any = Arbitraries.oneOf(
                Arbitraries.longs().map(Double::longBitsToDouble),
                Arbitraries.doubles(),
                Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
                        1e16, 1e15, 1e-5, 1e-4, 0.1, 0.3, 123.0, 1e22, 1e23, 9007199254740993.0, 5e-324, 2.5e-7,
                        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN));
        return switch (floats) {
            case FINITE -> any.filter(Double::isFinite);
            case WITH_INFINITIES -> any.filter(d -> !d.isNaN());
            case WITH_INFINITIES_AND_NAN -> any;
        };
    }

    /** Strings of any chars: controls, quotes, backslashes, lone surrogates, supplementary code points. */
    static Arbitrary<String> strings() {
        Arbitrary<String> codePoints = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .map(Character::toString).list().ofMaxSize(6).map(list -> String.join("", list));
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.strings().withChars(TRICKY_CHARS).ofMaxLength(12),
                codePoints);
    }

    /** How many containers deep a value nests; the parser reads at most {@link LiteralParser#MAX_DEPTH}. */
    static int depth(Object value) {
        return switch (value) {
            case Map<?, ?> map -> 1 + map.entrySet().stream()
                    .mapToInt(e -> Math.max(depth(e.getKey()), depth(e.getValue()))).max().orElse(0);
            case Iterable<?> items -> {
                int deepest = 0;
                for (Object item : items) {
                    deepest = Math.max(deepest, depth(item));
                }
                yield 1 + deepest;
            }
            case null, default -> 0;
        };
    }

    // ---------------------------------------------------------------- equality

    /**
     * Where two literal values differ, or null if they are the same literal. Stricter than {@code equals}: types
     * must match (1, 1.0 and True differ, as their literals do), floats compare by bits so that -0.0 differs from 0.0
     * and NaN equals NaN, strings compare char by char (lone surrogates included), and sets and dicts compare in
     * iteration order, which the parser keeps from the text and the formatter from the value.
     */
    static String difference(Object expected, Object actual) {
        return difference(expected, actual, "value");
    }

    private static String difference(Object expected, Object actual, String path) {
        if (expected == null || actual == null) {
            return expected == actual ? null : mismatch(path, expected, actual);
        }
        if (!isContainer(expected) || !isContainer(actual)) {
            // Double.equals compares bits (NaN payloads aside), unlike ==
            return expected.getClass() == actual.getClass() && expected.equals(actual) ? null
                    : mismatch(path, expected, actual);
        }
        if (kind(expected) != kind(actual)) {
            return mismatch(path, expected, actual);
        }
        List<Object> expectedItems
 = items(expected);
        List<Object> actualItems = items(actual);
        if (expectedItems.size() != actualItems.size()) {
            return path + ": expected " + expectedItems.size() / (expected instanceof Map ? 2 : 1) + " items but got "
                    + actualItems.size() / (actual instanceof Map ? 2 : 1);
        }
        for (int i = 0; i < expectedItems.size(); i++) {
            String difference = difference(expectedItems.get(i), actualItems.get(i), path + "[" + i + "]");
            if (difference != null) {
                return difference;
            }
        }
        return null;
    }

    private static String mismatch(String path, Object expected, Object actual) {
        return path + ": expected " + describe(expected) + " but got " + describe(actual);
    }

    private static boolean isContainer(Object value) {
        return value instanceof Map<?, ?> || value instanceof Collection<?>;
    }

    private static Class<?> kind(Object container) {
        return container instanceof Map<?, ?> ? Map.class : container instanceof Set<?> ? Set.class : List.class;
    }

    /** A container's items in iteration order; a dict's as key, value, key, value... */
    private static List<Object> items(Object container) {
        List<Object> items = new ArrayList<>();
        if (container instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                items.add(key);
                items.add(value);
            });
        } else {
            items.addAll((Collection<?>) container);
        }
        return items;
    }

    private static String describe(Object value) {
        String text = LiteralFormatter.format(value);
        return (text.length() > 200 ? text.substring(0, 200) + "..." : text)
                + (value == null ? "" : " (" + value.getClass().getSimpleName() + ")");
    }

    // ---------------------------------------------------------------- source text

    /**
     * Source text for a value, in a notation picked at random among those Python allows: any radix and underscores
     * for integers, any exact decimal or exponent form for floats, any quote, prefix, escape and concatenation for
     * strings, JSON names, tuples with or without parentheses, trailing commas, and whitespace between tokens.
     */
    static Arbitrary<Written> written() {
        return Combinators.combine(values(Floats.WITH_INFINITIES), Arbitraries.longs())
                .as((value, seed) -> new Written(new Writer(new Random(seed), false).document(value), value));
    }

    /**
     * Source text for a value that a command line keeps as one token: whitespace only inside brackets and quotes, so
     * no tuple without parentheses, no space after a sign and adjacent string literals glued.
     */
    static Arbitrary<Written> writtenAsOneToken(Arbitrary<?> values) {
        return Combinators.combine(values, Arbitraries.longs())
                .as((value, seed) -> new Written(new Writer(new Random(seed), true).document(value), value));
    }

    /** Source text for values without infinities, which the formatter writes as names the parser does not read. */
    static Arbitrary<Written> writtenFinite() {
        return written().filter(w -> !hasNonFiniteFloat(w.value()));
    }

    static boolean hasNonFiniteFloat(Object value) {
        return switch (value) {
            case Double d -> !Double.isFinite(d);
            case Map<?, ?> map -> map.entrySet().stream()
                    .anyMatch(e -> hasNonFiniteFloat(e.getKey()) || hasNonFiniteFloat(e.getValue()));
            case Iterable<?> items -> {
                for (Object item : items) {
                    if (hasNonFiniteFloat(item)) {
                        yield true;
                    }
                }
                yield false;
            }
            case null, default -> false;
        };
    }

    /** Valid source text with one to three characters inserted, deleted or replaced. */
    static Arbitrary<String> mutated() {
        return Combinators.combine(written(), Arbitraries.longs())
                .as((written, seed) -> mutate(written.text(), new Random(seed)));
    }

    static String mutate(String text, Random random) {
        var out = new StringBuilder(text);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(out.length() + 1);
            switch (random.nextInt(4)) {
                case 0 -> out.insert(at, someChar(out, random));
                case 1 -> {
                    if (at < out.length()) {
                        out.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (at < out.length()) {
                        out.setCharAt(at, someChar(out, random));
                    }
                }
                default -> { // repeat a slice, e.g. an opening bracket or a quote run
                    int end = Math.min(out.length(), at + 1 + random.nextInt(4));
                    out.insert(at, out.substring(at, end));
                }
            }
        }
        return out.toString();
    }

    private static char someChar(CharSequence text, Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> TRICKY_CHARS.charAt(random.nextInt(TRICKY_CHARS.length()));
            case 1 -> text.isEmpty() ? 'x' : text.charAt(random.nextInt(text.length()));
            default -> (char) random.nextInt(Character.MAX_VALUE + 1);
        };
    }

    // ---------------------------------------------------------------- hostile text

    /**
     * Text meant to break a literal parser or tokenizer: arbitrary chars, every string prefix and escape, unterminated
     * and mixed quotes, huge numbers and exponents, misplaced underscores, deep brackets and lines up to the server's
     * 64 KiB line limit.
     */
    static Arbitrary<String> hostile() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(4, Arbitraries.strings().withChars(TRICKY_CHARS).ofMaxLength(40)),
                Tuple.of(4, stringLiterals()),
                Tuple.of(3, numbers()),
                Tuple.of(1, deepBrackets()),
                Tuple.of(1, longLines()));
    }

    private static final List<String> PREFIXES = List.of("", "r", "u", "R", "U", "b", "B", "br", "rb", "Br", "bR",
            "BR", "RB", "rB", "Rb", "f", "F", "fr", "rf", "Fr", "fR", "FR", "RF", "rF", "Rf", "t", "T", "tr", "rt",
            "ur", "Ur", "uR", "UR", "bu", "rr", "x", "True", "_");

    private static final List<String> QUOTES = List.of("'", "\"", "'''", "\"\"\"");

    private static final List<String> STRING_PIECES = List.of("a", " ", "é", "\ud83d\ude00", "\ud800", "\udfff",
            "\\", "\\\\", "\\'", "\\\"", "\\n", "\\t", "\\a", "\\b", "\\f", "\\v", "\\0", "\\7", "\\77", "\\777",
            "\\8", "\\x", "\\x4", "\\x41", "\\xg1", "\\u", "\\u12", "\\u00e9", "\\ud800", "\\U", "\\U0001F600",
            "\\U00110000", "\\UFFFFFFFF", "\\N", "\\N{", "\\N{BULLET}", "\\N{bullet}", "\\N{NO SUCH}",
            "\\N{HIGH SURROGATES D800}", "\\N{}", "\\N{\n}", "}", "{", "\n", "\r", "\r\n", "\\\n", "\\\r\n", "\0",
            "'", "\"", "''", "\"\"", "'''", "\"\"\"", "\\q", "\\ ", "(", "[", "{");

    /** Every prefix with every quote around escapes, quotes and line breaks; sometimes unterminated or glued. */
    private static Arbitrary<String> stringLiterals() {
        Arbitrary<String> one = Combinators.combine(Arbitraries.of(PREFIXES), Arbitraries.of(QUOTES),
                        Arbitraries.of(STRING_PIECES).list().ofMaxSize(5), Arbitraries.of(true, true, false))
                .as((prefix, quote, pieces, closed) ->
                        prefix + quote + String.join("", pieces) + (closed ? quote : ""));
        return one.list().ofMinSize(1).ofMaxSize(3).map(list -> String.join(list.size() % 2 == 0 ? " " : "", list));
    }

    /** Huge and odd numbers: thousands of digits, enormous exponents, every prefix, underscores anywhere. */
    private static Arbitrary<String> numbers() {
        Arbitrary<String> digitRuns = Combinators.combine(Arbitraries.of("", "-", "+", "- ", "0x", "0o", "0b", "0X",
                                "-0x", "0_", "."),
                        Arbitraries.of("9", "1", "0", "f", "_", "1_", "9e", "e9"),
                        Arbitraries.of(1, 2, 4299, 4300, 4301, 20_000, 65_000),
                        Arbitraries.of("", ".0", "e999999999", "e-999999999", "e+99999999999999999999", "j", "_", ".",
                                "e", "e_1", "x"))
                .as((prefix, digits, count, suffix) -> prefix + digits.repeat(Math.max(1, count / digits.length()))
                        + suffix);
        Arbitrary<String> shapes = Arbitraries.of("1e999999999", "-1e999999999", "1e-999999999", "1E+999", "0e0",
                "1_000", "1__000", "1_", "_1", "0x_f", "0x__f", "0_0", "00", "007", "0o8", "0b102", "0xg", "1.2.3",
                "1..2", "1e5.5", "1.e5", ".5", "5.", "._5", "1_.5", "1._5", "1e_5", "1e5_0", "1j", "1.5J", "1jj",
                "0x", "0o", "0b", "0b_", "9" + "9".repeat(NumberLiteral.MAX_DECIMAL_DIGITS), "--1", "+-1", "-+1",
                "- 1", "-True", "-'a'", "-[1]", "1_000_000.000_001e-1_0", "١٢٣", "1\u00a02");
        return Arbitraries.oneOf(digitRuns, shapes);
    }

    /** Brackets nested far beyond the depth limit, closed or not, mixed with values and separators. */
    private static Arbitrary<String> deepBrackets() {
        Arbitrary<String> openers = Combinators.combine(
                        Arbitraries.of("[", "(", "{", "{1:", "{'a': (", "(1, [", "[{", "({", "set(", "'"),
                        Arbitraries.of(99, 100, 101, 10_000, 30_000), Arbitraries.of(true, false))
                .as((opener, depth, closed) -> {
                    String open = opener.repeat(depth);
                    return closed ? open + "1" + closing(open) : open;
                });
        Arbitrary<String> mixed = Arbitraries.strings().withChars("[({,1:' ])}").ofMinLength(100).ofMaxLength(3_000);
        return Arbitraries.oneOf(openers, mixed);
    }

    /** Lines up to the server's line limit: repeated literal-looking pieces and long valid containers. */
    private static Arbitrary<String> longLines() {
        Arbitrary<String> repeated = Combinators.combine(
                        Arbitraries.strings().withChars(TRICKY_CHARS).ofMinLength(1).ofMaxLength(8),
                        Arbitraries.integers().between(1_000, 65_000))
                .as((piece, length) -> piece.repeat(Math.max(1, length / piece.length())));
        Arbitrary<String> containers = Arbitraries.of(
                "[" + "1, ".repeat(16_000) + "]",
                "{" + "'k': 'v', ".repeat(6_000) + "}",
                "'" + "\\x41".repeat(16_000) + "'",
                "\"" + "\\N{BULLET}".repeat(6_000) + "\"",
                "'" + "a".repeat(65_000),
                "x".repeat(65_000) + "'a'",
                "a".repeat(65_000),
                "(" + " ".repeat(65_000) + ")",
                "'a' ".repeat(16_000));
        return Arbitraries.oneOf(repeated, containers);
    }

    private static String closing(String opened) {
        var out = new StringBuilder();
        for (int i = opened.length() - 1; i >= 0; i--) {
            switch (opened.charAt(i)) {
                case '[' -> out.append(']');
                case '(' -> out.append(')');
                case '{' -> out.append('}');
                default -> { }
            }
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- the writer

    /** Writes one value as source text, choosing each notation with its Random. */
    private static final class Writer {

        private final Random random;
        private final boolean oneToken;
        private final StringBuilder out = new StringBuilder();

        Writer(Random random, boolean oneToken) {
            this.random = random;
            this.oneToken = oneToken;
        }

        String document(Object value) {
            out.append(topLevelSpace());
            if (value instanceof List<?> items && !items.isEmpty() && !oneToken && random.nextInt(3) == 0) {
                // literal_eval's tuple without parentheses: 1, 2 or 1,
                int spare = LiteralParser.MAX_DEPTH - depth(value) + 1;
                String separator = "";
                for (Object item : items) {
                    out.append(separator);
                    value(item, false, spare);
                    separator = topLevelSpace() + "," + topLevelSpace();
                }
                if (items.size() == 1) {
                    out.append(',');
                }
            } else {
                value(value, false, LiteralParser.MAX_DEPTH - depth(value));
            }
            out.append(topLevelSpace());
            return out.toString();
        }

        /**
         * @param hashable whether the value is a dict key or set element, where a list must be written as a tuple
         * @param spare    how many redundant parentheses may still be added without passing the depth limit
         */
        private void value(Object value, boolean hashable, int spare) {
            if (spare > 0 && random.nextInt(20) == 0) {
                out.append('(').append(space());
                value(value, hashable, spare - 1);
                out.append(space()).append(')');
                return;
            }
            switch (value) {
                case null -> out.append(oneOf("None", "null"));
                case Boolean b -> out.append(b ? oneOf("True", "true") : oneOf("False", "false"));
                case Long l -> integer(BigInteger.valueOf(l));
                case BigInteger b -> integer(b);
                case Double d -> floating(d);
                case String s -> string(s);
                case Map<?, ?> map -> dict(map, spare);
                case Set<?> set -> set(set, spare);
                case List<?> list -> {
                    if (hashable || random.nextInt(3) == 0) {
                        tuple(list, spare);
                    } else {
                        bracketed('[', list, false, ']', spare);
                    }
                }
                default -> throw new IllegalArgumentException("not a literal value: " + value.getClass());
            }
        }

        private void tuple(List<?> items, int spare) {
            out.append('(').append(space());
            separated(items, true, spare);
            if (items.size() == 1) {
                out.append(',').append(space());
            } else {
                trailingComma(items);
            }
            out.append(')');
        }

        private void set(Set<?> items, int spare) {
            if (items.isEmpty()) {
                out.append(oneToken ? oneOf("set()", "set( )") : oneOf("set()", "set( )", "set ()"));

                return;
            }
            bracketed('{', items, true, '}', spare);
        }

        private void bracketed(char open, Iterable<?> items, boolean hashable, char close, int spare) {
            out.append(open).append(space());
            separated(items, hashable, spare);
            trailingComma(items);
            out.append(close);
        }

        private void separated(Iterable<?> items, boolean hashable, int spare) {
            String separator = "";
            for (Object item : items) {
                out.append(separator);
                value(item, hashable, spare);
                separator = space() + "," + space();
            }
        }

        private void trailingComma(Iterable<?> items) {
            if (items.iterator().hasNext() && random.nextInt(4) == 0) {
                out.append(space()).append(',');
            }
            out.append(space());
        }

        private void dict(Map<?, ?> map, int spare) {
            out.append('{').append(space());
            String separator = "";
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(separator);
                value(entry.getKey(), true, spare);
                out.append(space()).append(':').append(space());
                value(entry.getValue(), false, spare);
                separator = space() + "," + space();
            }
            trailingComma(map.keySet());
            out.append('}');
        }

        // ------------------------------------------------------------ numbers

        private void integer(BigInteger value) {
            sign(value.signum() < 0);
            BigInteger magnitude = value.abs();
            int radix = magnitude.compareTo(TOO_MANY_DIGITS) >= 0 || random.nextBoolean()
                    ? new int[] {16, 8, 2}[random.nextInt(3)]
                    : 10;
            if (radix == 10) {
                String digits = magnitude.signum() == 0 ? oneOf("0", "00", "0_0", "000") : magnitude.toString();
                out.append(underscored(digits, 10));
                return;
            }
            String digits = magnitude.toString(radix);
            out.append('0').append(switch (radix) {
                case 16 -> oneOf("x", "X");
                case 8 -> oneOf("o", "O");
                default -> oneOf("b", "B");
            });
            if (random.nextInt(4) == 0) {
                out.append('_');
            }
            out.append(underscored(random.nextBoolean() ? digits : digits.toUpperCase(Locale.ROOT), radix));
        }

        private void floating(double value) {
            if (Double.isNaN(value)) {
                throw new IllegalArgumentException("NaN has no literal");
            }
            sign(Double.doubleToRawLongBits(value) < 0);
            double magnitude = Math.abs(value);
            if (Double.isInfinite(magnitude)) {
                out.append(oneOf("1e999", "1E400", "9".repeat(400) + ".0", "1e999999999", "1_0e9_99",
                        "1e99999999999999999999"));
                return;
            }
            String text = switch (random.nextInt(5)) {
                case 0 -> Double.toString(magnitude).replace('E', oneOf("e", "E").charAt(0));
                case 1 -> new BigDecimal(magnitude).toPlainString(); // exact, up to 1,000 digits for subnormals
                case 2 -> new BigDecimal(magnitude).toString(); // exact, with an exponent when small or large
                case 3 -> NumberLiteral.repr(magnitude);
                default -> new BigDecimal(magnitude).round(new MathContext(17)).toString();
            };
            if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
                text += oneOf(".0", ".", "e0", "E+00");
            }
            boolean leadingZero = text.startsWith("0.") && text.length() > 2 && Character.isDigit(text.charAt(2));
            if (leadingZero && random.nextBoolean()) {
                text = text.substring(1); // .5
            }
            out.append(underscored(text, 10));
        }

        private void sign(boolean negative) {
            if (negative) {
                out.append('-').append(oneToken ? "" : oneOf("", "", " "));
            } else if (random.nextInt(8) == 0) {
                out.append('+');
            }
        }

        /** Puts an underscore between some pairs of adjacent digits, as Python allows. */
        private String underscored(String number, int radix) {
            if (random.nextInt(3) != 0) {
                return number;
            }
            var result = new StringBuilder(number.length() + 8);
            for (int i = 0; i < number.length(); i++) {
                char c = number.charAt(i);
                if (i > 0 && isDigit(number.charAt(i - 1), radix) && isDigit(c, radix) && random.nextInt(4) == 0) {
                    result.append('_');
                }
                result.append(c);
            }
            return result.toString();
        }

        private static boolean isDigit(char c, int radix) {
            return c < 128 && Character.digit(c, radix) >= 0;
        }

        // ------------------------------------------------------------ strings

        /** The string as one to three adjacent literals, which Python concatenates. */
        private void string(String value) {
            List<String> chunks = splitInto(value, 1 + random.nextInt(3));
            String previous = null;
            for (String chunk : chunks) {
                String literal = stringLiteral(chunk);
                if (previous != null) {
                    String quote = previous.substring(previous.length() - 1);
                    // '' glued to 'x' would read as the triple quote '''x'
                    boolean mustSeparate = previous.endsWith(quote.repeat(2)) && literal.startsWith(quote);
                    if (oneToken) {
                        out.append(mustSeparate ? "u" : "");
                    } else {
                        out.append(mustSeparate ? oneOf(" ", "\t") : oneOf("", " ", "  "));
                    }
                }

                out.append(literal);
                previous = literal;
            }
        }

        private List<String> splitInto(String value, int parts) {
            List<String> chunks = new ArrayList<>();
            int from = 0;
            for (int i = 1; i < parts; i++) {
                int at = from + random.nextInt(value.length() - from + 1);
                chunks.add(value.substring(from, at));
                from = at;
            }
            chunks.add(value.substring(from));
            return chunks;
        }

        private String stringLiteral(String chunk) {
            String quote = oneOf("'", "\"", "'''", "\"\"\"");
            boolean triple = quote.length() == 3;
            if (canBeRaw(chunk, quote.charAt(0), triple) && random.nextInt(3) == 0) {
                return oneOf("r", "R") + quote + chunk + quote;
            }
            var literal = new StringBuilder(oneOf("", "", "u", "U")).append(quote);
            for (int i = 0; i < chunk.length(); ) {
                if (random.nextInt(40) == 0) {
                    literal.append(oneOf("\\\n", "\\\r\n")); // a line continuation adds nothing
                }
                int cp = chunk.codePointAt(i);
                i += Character.charCount(cp);
                if (cp == '\\' && i < chunk.length() && UNKNOWN_ESCAPES.indexOf(chunk.charAt(i)) >= 0
                        && random.nextBoolean()) {
                    literal.append('\\').append(chunk.charAt(i)); // an unknown escape keeps its backslash
                    i++;
                } else {
                    appendCodePoint(literal, cp, quote.charAt(0), triple);
                }
            }
            return literal.append(quote).toString();
        }

        private static boolean canBeRaw(String chunk, char quote, boolean triple) {
            return chunk.indexOf(quote) < 0 && !chunk.endsWith("\\") && chunk.indexOf('\r') < 0
                    && chunk.indexOf('\0') < 0 && (triple || chunk.indexOf('\n') < 0);
        }

        private void appendCodePoint(StringBuilder literal, int cp, char quote, boolean triple) {
            boolean plainAllowed = cp != '\\' && cp != quote && cp != '\r' && cp != 0 && (triple || cp != '\n');
            if (plainAllowed && random.nextInt(3) != 0) {
                literal.appendCodePoint(cp);
                return;
            }
            List<String> escapes = new ArrayList<>();
            String simple = switch (cp) {
                case '\\' -> "\\\\";
                case '\'' -> "\\'";
                case '"' -> "\\\"";
                case 7 -> "\\a";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case 11 -> "\\v";
                default -> null;
            };
            if (simple != null) {
                escapes.add(simple);
            }
            if (cp < 0x100) {
                escapes.add(hex("\\x%02x", cp));
            }
            if (cp < 0x200) {
                escapes.add("\\%03o".formatted(cp)); // always three digits, so that a digit after it stays apart
            }
            if (cp < 0x10000) {
                escapes.add(hex("\\u%04x", cp));
            }
            escapes.add(hex("\\U%08x", cp));
            CHARACTER_NAMES.forEach((name, named) -> {
                if (named == cp) {
                    escapes.add("\\N{" + (random.nextBoolean() ? name : name.toLowerCase(Locale.ROOT)) + "}");
                }
            });
            literal.append(escapes.get(random.nextInt(escapes.size())));
        }

        private String hex(String format, int cp) {
            String escape = format.formatted(cp);
            return random.nextBoolean() ? escape : escape.charAt(0) + escape.substring(1, 2)
                    + escape.substring(2).toUpperCase(Locale.ROOT);
        }

        // ------------------------------------------------------------ layout

        private String space() {
            return switch (random.nextInt(12)) {
                case 0 -> " ";
                case 1 -> "  ";
                case 2 -> "\t";
                case 3 -> "\n";
                case 4 -> " \r\n ";
                case 5 -> "\f";
                default -> "";
            };
        }

        /** Outside brackets, where Python allows no line break and a command line would split. */
        private String topLevelSpace() {
            return oneToken ? "" : oneOf("", "", " ", "\t");
        }

        private String oneOf(String... choices) {
            return choices[random.nextInt(choices.length)];
        }
    }
}
