package dev.taskpool.control.literal;

import static dev.taskpool.control.literal.LiteralParser.format;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** format() renders like Python's repr; the expected strings are what CPython prints. */
class LiteralFormatTest {

    @Test
    void constants() {
        assertThat(format(null)).isEqualTo("None");
        assertThat(format(true)).isEqualTo("True");
        assertThat(format(false)).isEqualTo("False");
    }

    @Test
    void integersOfAnyJavaType() {
        assertThat(format(42L)).isEqualTo("42");
        assertThat(format(-7)).isEqualTo("-7");
        assertThat(format((short) 3)).isEqualTo("3");
        assertThat(format((byte) -1)).isEqualTo("-1");
        assertThat(format(new AtomicInteger(5))).isEqualTo("5");
        assertThat(format(BigInteger.TWO.pow(70))).isEqualTo("1180591620717411303424");
    }

    @Test
    void integerTooLongForADecimalLiteralRendersInHexadecimal() {
        BigInteger tooManyDigits = BigInteger.TEN.pow(NumberLiteral.MAX_DECIMAL_DIGITS);
        assertThat(format(tooManyDigits.subtract(BigInteger.ONE)))
                .isEqualTo("9".repeat(NumberLiteral.MAX_DECIMAL_DIGITS));
        assertThat(format(tooManyDigits)).isEqualTo("0x" + tooManyDigits.toString(16));
        assertThat(format(BigInteger.TWO.pow(20_000).negate())).isEqualTo("-0x1" + "0".repeat(5_000));
    }

    @Test
    void integerTooLongForADecimalLiteralParsesBackAfterFormatting() {
        Object value = LiteralParser.parse("-0x" + "f".repeat(5_000));
        assertThat(LiteralParser.parse(format(value))).isEqualTo(value);
    }

    @Test
    void floatsAlwaysShowThatTheyAreFloats() {
        assertThat(format(1.0)).isEqualTo("1.0");
        assertThat(format(-0.0)).isEqualTo("-0.0");
        assertThat(format(1.5)).isEqualTo("1.5");
        assertThat(format(0.1)).isEqualTo("0.1");
        assertThat(format(123456.789)).isEqualTo("123456.789");
    }

    @Test
    void floatsSwitchToScientificNotationLikePython() {
        assertThat(format(1e16)).isEqualTo("1e+16");
        assertThat(format(1e15)).isEqualTo("1000000000000000.0");
        assertThat(format(1e20)).isEqualTo("1e+20");
        assertThat(format(0.0001)).isEqualTo("0.0001");
        assertThat(format(0.00001)).isEqualTo("1e-05");
        assertThat(format(-2.5e-7)).isEqualTo("-2.5e-07");
        assertThat(format(1.7976931348623157e308)).isEqualTo("1.7976931348623157e+308");
    }

    @Test
    void floatsUseTheShortestRoundTrippingDigits() {
        assertThat(format(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(format(Double.MIN_VALUE)).isEqualTo("5e-324");
        assertThat(format(1e23)).isEqualTo("1e+23");
    }

    @Test
    void nonFiniteFloats() {
        assertThat(format(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(format(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(format(Double.NaN)).isEqualTo("nan");
    }

    @Test
    void javaFloatRendersWithItsOwnShortestDigits() {
        assertThat(format(0.1f)).isEqualTo("0.1");
    }

    @Test
    void stringsUseSingleQuotesByDefault() {
        assertThat(format("hello")).isEqualTo("'hello'");
    }

    @Test
    void stringWithOnlySingleQuotesUsesDoubleQuotes() {
        assertThat(format("it's")).isEqualTo("\"it's\"");
    }

    @Test
    void stringWithBothQuoteKindsEscapesTheSingleQuote() {
        assertThat(format("it's \"x\"")).isEqualTo("'it\\'s \"x\"'");
    }

    @Test
    void stringEscapesLikePython() {
        assertThat(format("a\\b\n\r\t")).isEqualTo("'a\\\\b\\n\\r\\t'");
        assertThat(format("\0\u0007\u007f")).isEqualTo("'\\x00\\x07\\x7f'");
        assertThat(format("\u00a0\u2028\ud800")).isEqualTo("'\\xa0\\u2028\\ud800'");
        assertThat(format("\uDB80\uDC00")).isEqualTo("'\\U000f0000'");
    }

    @Test
    void printableUnicodeIsKeptAsIs() {
        assertThat(format("café ☕ \uD83D\uDE00")).isEqualTo("'café ☕ \uD83D\uDE00'");
    }

    @Test
    void characterRendersAsAString() {
        assertThat(format('x')).isEqualTo("'x'");
    }

    @Test
    void listsAndTuplesRenderAsLists() {
        assertThat(format(List.of(1L, "a"))).isEqualTo("[1, 'a']");
        assertThat(format(Arrays.asList(null, true))).isEqualTo("[None, True]");
        assertThat(format(List.of())).isEqualTo("[]");
    }

    @Test
    void dictsRenderInIterationOrder() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("b", 1L);
        map.put(2L, List.of(3L));
        assertThat(format(map)).isEqualTo("{'b': 1, 2: [3]}");
        assertThat(format(Map.of())).isEqualTo("{}");
    }

    @Test
    void setsRenderWithBraces() {
        assertThat(format(new LinkedHashSet<>(List.of(0, 1, 2)))).isEqualTo("{0, 1, 2}");
    }

    @Test
    void listAsDictKeyOrSetElementRendersAsTupleTheOnlyHashableSequence() {
        assertThat(format(Map.of(List.of(1L, "a"), 2L))).isEqualTo("{(1, 'a'): 2}");
        assertThat(format(Set.of(List.of(1L)))).isEqualTo("{(1,)}");
        assertThat(format(Set.of(List.of()))).isEqualTo("{()}");
        assertThat(format(Map.of(List.of(List.of(1L)), List.of(List.of(2L))))).isEqualTo("{((1,),): [[2]]}");
    }

    @Test
    void tupleKeysAndElementsParseBackAfterFormatting() {
        Object value = LiteralParser.parse("{(1, 'a'): {(2,), ()}}");
        assertThat(format(value)).isEqualTo("{(1, 'a'): {(2,), ()}}");
        assertThat(LiteralParser.parse(format(value))).isEqualTo(value);
    }

    @Test
    void emptySetRendersAsSetCall() {
        assertThat(format(Set.of())).isEqualTo("set()");
    }

    @Test
    void otherObjectsRenderViaToString() {
        assertThat(format(new Object() {
            @Override
            public String toString() {
                return "<task 3>";
            }
        })).isEqualTo("<task 3>");
    }

    @Test
    void selfContainingCollectionsRenderAnEllipsisLikePython() {
        List<Object> list = new ArrayList<>();
        list.add(1);
        list.add(list);
        assertThat(format(list)).isEqualTo("[1, [...]]");
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("self", map);
        assertThat(format(map)).isEqualTo("{'self': {...}}");
    }

    @Test
    void outputParsesBackToTheSameValue() {
        Object value = LiteralParser.parse("{'k': [1, 2.5, None, ('t', True)], 'e': set(), 's': {'it\\'s'}}");
        assertThat(LiteralParser.parse(format(value))).isEqualTo(value);
    }
}
