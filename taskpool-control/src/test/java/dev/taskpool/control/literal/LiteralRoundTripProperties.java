package dev.taskpool.control.literal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskpool.control.literal.LiteralArbitraries.Floats;
import dev.taskpool.control.literal.LiteralArbitraries.Written;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link LiteralParser#format} writes what {@link LiteralParser#parse} reads back as the same value, and the parser
 * reads every notation Python allows. Values compare as literals ({@link LiteralArbitraries#difference}): by type,
 * floats by bits, sets and dicts in order. Infinities and NaN are left out where the formatter is involved: it
 * writes them as Python's repr does, inf and nan, which are names that literal_eval and this parser refuse.
 */
class LiteralRoundTripProperties {

    @Property
    void formattedValueParsesBackToTheSameValue(@ForAll("finiteValues") Object value) {
        assertSameLiteral(LiteralParser.parse(LiteralParser.format(value)), value);
    }

    @Property
    void formattingTheParsedFormatGivesTheSameText(@ForAll("finiteValues") Object value) {
        String text = LiteralParser.format(value);
        assertThat(LiteralParser.format(LiteralParser.parse(text))).isEqualTo(text);
    }

    @Property
    void textWrittenInAnyPythonNotationParsesToItsValue(@ForAll("written") Written written) {
        assertSameLiteral(LiteralParser.parse(written.text()), written.value());
    }

    @Property
    void parsingTheFormatOfAParsedValueGivesItBack(@ForAll("writtenFinite") Written written) {
        Object parsed = LiteralParser.parse(written.text());
        assertSameLiteral(LiteralParser.parse(LiteralParser.format(parsed)), parsed);
    }

    @Property
    void parsingTheFormatOfWhateverParsedGivesItBack(@ForAll("mutated") String text) {
        Object parsed;
        try {
            parsed = LiteralParser.parse(text);
        } catch (LiteralSyntaxException e) {
            return; // most mutations break the literal; LiteralParserFuzzProperties looks at those
        }
        if (!LiteralArbitraries.hasNonFiniteFloat(parsed)) {
            assertSameLiteral(LiteralParser.parse(LiteralParser.format(parsed)), parsed);
        }
    }

    @Property
    void valueWithAnInfiniteOrNanFloatFormatsToTextRefusedForThatName(@ForAll("nonFiniteValues") Object value) {
        assertThatThrownBy(() -> LiteralParser.parse(LiteralParser.format(value)))
                .isInstanceOf(LiteralSyntaxException.class)
                .hasMessageMatching("at position \\d+: ('(inf|nan)' is not a literal .*"
                        + "|expected a number after '-' but found 'inf')");
    }

    private static void assertSameLiteral(Object actual, Object expected) {
        assertThat(LiteralArbitraries.difference(expected, actual)).isNull();
    }

    @Provide
    Arbitrary<Object> finiteValues() {
        return LiteralArbitraries.values(Floats.FINITE);
    }

    /** Values of any kind in a list, with inf, -inf or nan among them. */
    @Provide
    Arbitrary<Object> nonFiniteValues() {
        Arbitrary<Double> nonFinite = Arbitraries.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN);
        Arbitrary<Object> roomForAList = LiteralArbitraries.values(Floats.WITH_INFINITIES_AND_NAN)
                .filter(value -> LiteralArbitraries.depth(value) < LiteralParser.MAX_DEPTH);
        return Combinators.combine(roomForAList.list().ofMaxSize(3),

                        nonFinite, Arbitraries.integers().between(0, 3))
                .as((values, special, at) -> {
                    List<Object> items = new ArrayList<>(values);
                    items.add(Math.min(at, items.size()), special);
                    return Collections.unmodifiableList(items);
                });
    }

    @Provide
    Arbitrary<Written> written() {
        return LiteralArbitraries.written();
    }

    @Provide
    Arbitrary<Written> writtenFinite() {
        return LiteralArbitraries.writtenFinite();
    }

    @Provide
    Arbitrary<String> mutated() {
        return LiteralArbitraries.mutated();
    }
}
