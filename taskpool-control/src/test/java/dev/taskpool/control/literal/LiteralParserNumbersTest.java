package dev.taskpool.control.literal;

import static dev.taskpool.control.literal.LiteralParser.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiteralParserNumbersTest {

    @Test
    void decimalIntegerIsALong() {
        assertThat(parse("42")).isEqualTo(42L);
    }

    @Test
    void zeroMayBeWrittenWithSeveralZeros() {
        assertThat(parse("000")).isEqualTo(0L);
    }

    @Test
    void underscoresGroupDigits() {
        assertThat(parse("1_000_000")).isEqualTo(1_000_000L);
    }

    @Test
    void prefixesSelectHexOctalAndBinary() {
        assertThat(parse("0xff")).isEqualTo(255L);
        assertThat(parse("0XFF")).isEqualTo(255L);
        assertThat(parse("0o17")).isEqualTo(15L);
        assertThat(parse("0b1010")).isEqualTo(10L);
    }

    @Test
    void underscoreMayFollowTheRadixPrefix() {
        assertThat(parse("0x_ff_ff")).isEqualTo(0xffffL);
    }

    @Test
    void integerBeyondLongRangeIsABigInteger() {
        assertThat(parse("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(parse("0x1_0000_0000_0000_0000")).isEqualTo(BigInteger.ONE.shiftLeft(64));
    }

    @Test
    void prefixedIntegersOfAnyLengthHaveTheValueOfTheirDigits() {
        for (String digits : List.of("1", "f".repeat(17), "8" + "0".repeat(40), "7".repeat(1_001), "10".repeat(999))) {
            assertThat(parse("0x" + digits)).isEqualTo(normalized(new BigInteger(digits, 16)));
            if (digits.chars().allMatch(c -> c < '8')) {
                assertThat(parse("0o" + digits)).isEqualTo(normalized(new BigInteger(digits, 8)));
            }
            if (digits.chars().allMatch(c -> c < '2')) {
                assertThat(parse("0b" + digits)).isEqualTo(normalized(new BigInteger(digits, 2)));
            }
        }
    }

    @Test
    void hexadecimalIntegerParsesInTimeLinearInItsLength() {
        // without a length limit, so in quadratic time a command line of 65,000 digits took 80 ms, these 0.7 s
        String text = "0x" + "f".repeat(200_000);
        assertThat(CpuTime.leastOfThree(() -> parse(text))).isLessThan(Duration.ofMillis(50));
    }

    private static Object normalized(BigInteger value) {
        return value.bitLength() < Long.SIZE ? (Object) value.longValueExact() : value;
    }

    @Test
    void largestLongIsStillALong() {
        assertThat(parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void unaryMinusAndPlusApplyToNumbers() {
        assertThat(parse("-5")).isEqualTo(-5L);
        assertThat(parse("+5")).isEqualTo(5L);
        assertThat(parse("- 5")).isEqualTo(-5L);
        assertThat(parse("-2.5")).isEqualTo(-2.5);
    }

    @Test
    void mostNegativeLongIsStillALong() {
        assertThat(parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void floatsInEveryPythonForm() {
        assertThat(parse("1.5")).isEqualTo(1.5);
        assertThat(parse(".5")).isEqualTo(0.5);
        assertThat(parse("1.")).isEqualTo(1.0);
        assertThat(parse("1e3")).isEqualTo(1000.0);
        assertThat(parse("-2.5E-3")).isEqualTo(-0.0025);
        assertThat(parse("1_0.2_5e1_0")).isEqualTo(10.25e10);
    }

    @Test
    void jsonNumbersParse() {
        assertThat(parse("-1.5e+10")).isEqualTo(-1.5e10);
    }

    @Test
    void negativeZeroKeepsItsSign() {
        assertThat(parse("-0.0")).isEqualTo(-0.0);
    }

    @Test
    void floatTooLargeIsInfinityAsInPython() {
        assertThat(parse("1e400")).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void infAndNanAreNamesNotLiterals() {
        assertThatThrownBy(() -> parse("inf"))
                .hasMessage("at position 0: 'inf' is not a literal (names, calls and expressions are not allowed)");
        assertThatThrownBy(() -> parse("-nan"))
                .hasMessage("at position 1: expected a number after '-' but found 'nan'");
    }

    @Test
    void signAppliesOnlyToNumbers() {
        assertThatThrownBy(() -> parse("-True"))
                .hasMessage("at position 1: expected a number after '-' but found 'True'");
        assertThatThrownBy(() -> parse("-'a'"))
                .hasMessage("at position 1: expected a number after '-' but found \"'\"");
    }

    @Test
    void signMayNotBeRepeated() {
        assertThatThrownBy(() -> parse("--1"))
                .hasMessage("at position 1: expected a number after '-' but found '-'");
    }

    @Test
    void decimalIntegerWithLeadingZerosIsRejected() {
        assertThatThrownBy(() -> parse("007")).hasMessage("at position 0: leading zeros in decimal integer "
                + "literals are not permitted; use an 0o prefix for octal integers");
    }

    @Test
    void misplacedUnderscoresAreRejected() {
        assertThatThrownBy(() -> parse("1__0")).hasMessage("at position 0: invalid decimal literal '1__0'");
        assertThatThrownBy(() -> parse("1_")).hasMessage("at position 0: invalid decimal literal '1_'");
        assertThatThrownBy(() -> parse("1._5")).hasMessage("at position 0: invalid decimal literal '1._5'");
    }

    @Test
    void digitsOutsideTheRadixAreRejected() {
        assertThatThrownBy(() -> parse("0o8")).hasMessage("at position 0: invalid octal literal '0o8'");
        assertThatThrownBy(() -> parse("0b2")).hasMessage("at position 0: invalid binary literal '0b2'");
        assertThatThrownBy(() -> parse("0x")).hasMessage("at position 0: invalid hexadecimal literal '0x'");
    }

    @Test
    void exponentNeedsDigits() {
        assertThatThrownBy(() -> parse("1e")).hasMessage("at position 0: invalid decimal literal '1e'");
        assertThatThrownBy(() -> parse("1e+")).hasMessage("at position 0: invalid decimal literal '1e'");
    }

    @Test
    void numberGluedToLettersOrDotsIsRejected() {
        assertThatThrownBy(() -> parse("12abc")).hasMessage("at position 0: invalid decimal literal '12abc'");
        assertThatThrownBy(() -> parse("1.2.3")).hasMessage("at position 0: invalid decimal literal '1.2.3'");
    }

    @Test
    void complexNumbersAreNotSupported() {
        assertThatThrownBy(() -> parse("2j")).hasMessage("at position 0: complex numbers are not supported");
    }

    @Test
    void decimalIntegerIsLimitedToPythonsDigitCount() {
        assertThat(parse("9".repeat(4300))).isInstanceOf(BigInteger.class);
        assertThatThrownBy(() -> parse("9".repeat(4301)))
                .hasMessage("at position 0: integer literal has more than 4300 digits");
    }
}
