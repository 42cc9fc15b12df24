package dev.taskpool.control.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class LiteralProperties {

    private static final String TRICKY_CHARS = "'\"\\ \t\n\r\0\u007f\u00a0\u2028é€\uD83D\uDE00\uD800\uDFFFabc{}[](),:";
    private static final String LITERAL_ALPHABET = "[](){},:'\"\\ \n-+._0123456789eExXoObBjJrRuUbfNTFalsetrunNoel";

    @Property
    void formattedValuesParseBackToEqualValues(@ForAll("values") Object value) {
        assertThat(LiteralParser.parse(LiteralParser.format(value))).isEqualTo(value);
    }

    @Property
    void formattedStringsParseBackUnchanged(@ForAll("strings") String value) {
        assertThat(LiteralParser.parse(LiteralParser.format(value))).isEqualTo(value);
    }

    @Property
    void parserThrowsOnlyLiteralSyntaxExceptionsOnArbitraryText(@ForAll String text) {
        parseOrSyntaxError(text);
    }

    @Property
    void parserThrowsOnlyLiteralSyntaxExceptionsOnLiteralLookingText(@ForAll("literalLooking") String text) {
        parseOrSyntaxError(text);
    }

    @Property(tries = 200)
    void parserSurvivesDeeplyNestedBrackets(@ForAll("deeplyNested") String text) {
        parseOrSyntaxError(text);
    }

    private static void parseOrSyntaxError(String text) {
        try {
            LiteralParser.parse(text);
        } catch (LiteralSyntaxException e) {
            assertThat(e.position()).isBetween(0, text.length());
            assertThat(e.getMessage()).doesNotContain("\n");
        }
    }

    @Provide
    Arbitrary<Object> values() {
        return values(3);
    }

    private Arbitrary<Object> values(int depth) {
        if (depth == 0) {
            return scalars();
        }
        Arbitrary<Object> inner = values(depth - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(3, scalars()),
                Tuple.of(1, inner.list().ofMaxSize(4).map(list -> list)),
                Tuple.of(1, Arbitraries.maps(scalars(), inner).ofMaxSize(4).map(map -> map)),
                Tuple.of(1, scalars().set().ofMaxSize(4).map(set -> set)));
    }

    /** What may be a dict key or set element: everything but containers. */
    private Arbitrary<Object> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(l -> l),
                Arbitraries.bigIntegers()
                        .between(BigInteger.TWO.pow(63), BigInteger.TWO.pow(200))
                        .flatMap(b -> Arbitraries.of(b, b.negate().subtract(BigInteger.ONE))).map(b -> b),
                finiteDoubles().map(d -> d),
                strings().map(s -> s),
                Arbitraries.of(true, false).map(b -> b),
                Arbitraries.just(null));
    }

    private Arbitrary<Double> finiteDoubles() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite),
                Arbitraries.doubles(),
                Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 1e16, 1e-5, 0.1, 123.0));
    }

    @Provide
    Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.strings().withChars(TRICKY_CHARS).ofMaxLength(12));
    }

    @Provide
    Arbitrary<String> literalLooking() {
        return Arbitraries.strings().withChars(LITERAL_ALPHABET).ofMaxLength(30);
    }

    @Provide
    Arbitrary<String> deeplyNested() {
        Arbitrary<String> openers = Arbitraries.strings().withChars("[({").ofMinLength(90).ofMaxLength(20_000);
        Arbitrary<String> mixed = Arbitraries.strings().withChars("[({,1:'").ofMinLength(200).ofMaxLength(5_000);
        return Arbitraries.oneOf(openers, mixed, Arbitraries.integers().between(95, 50_000)
                .map(n -> "(1, [{'a': ".repeat(n)));
    }
}
