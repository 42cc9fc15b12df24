package dev.taskpool.control.literal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python number literals: reading integers (decimal with underscores, {@code 0x}/{@code 0o}/{@code 0b}) and floats,
 * and rendering floats exactly as Python's {@code repr} does.
 *
 * <p>Reading throws {@link LiteralSyntaxException} for a malformed number. Stateless and therefore thread-safe.
 */
final class NumberLiteral {

    /**
     * Python refuses to convert longer decimal strings to int because doing so takes quadratic time; the same limit
     * keeps a hostile command line from tying up the parser.
     */
    static final int MAX_DECIMAL_DIGITS = 4300;

    /** The smallest integer with more than {@link #MAX_DECIMAL_DIGITS} decimal digits. */
    private static final BigInteger TOO_MANY_DECIMAL_DIGITS = BigInteger.TEN.pow(MAX_DECIMAL_DIGITS);

    /** A number read from the text, and the index just past it. */
    record Scanned(Number value, int end) {
    }

    private NumberLiteral() {
    }

    /** Whether a number (without sign) starts at {@code pos}: a digit, or a '.' followed by a digit. */
    static boolean startsAt(String text, int pos) {
        char c = text.charAt(pos);
        return isDigit(c, 10) || c == '.' && pos + 1 < text.length() && isDigit(text.charAt(pos + 1), 10);
    }

    /**
     * Reads the unsigned number at {@code start}, for which {@link #startsAt} holds.
     *
     * @return a {@link Long}, a {@link BigInteger} if the integer does not fit a long, or a {@link Double}
     */
    static Scanned read(String text, int start) {
        int radix = radixOfPrefix(text, start);
        return radix == 10 ? readDecimal(text, start) : readPrefixed(text, start, radix);
    }

    /** Negates a value returned by {@link #read}, keeping the "Long when it fits" rule. */
    static Number negate(Number value) {
        return switch (value) {
            case Long l -> -l; // never Long.MIN_VALUE: read() only returns non-negative numbers
            case BigInteger b -> normalize(b.negate());
            case Double d -> -d;
            default -> throw new IllegalArgumentException("not a parsed number: " + value);
        };
    }

    /**
     * Renders an integer in decimal as Python's {@code repr(int)} does, unless it has more digits than
     * {@link #read} accepts (where Python's repr refuses too): then in hexadecimal, {@code 0x...} or
     * {@code -0x...}, which reads back at any length.
     */
    static String repr(BigInteger value) {
        BigInteger magnitude = value.abs();
        if (magnitude.compareTo(TOO_MANY_DECIMAL_DIGITS) < 0) {
            return value.toString();
        }
        return (value.signum() < 0 ? "-0x" : "0x") + magnitude.toString(16);
    }

    /**
     * Renders a double as Python's {@code repr(float)}: the shortest digits that round-trip, positional notation

     * for decimal exponents from -5 to 15 (always with a fractional part), scientific notation otherwise.
     */
    static String repr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return Double.doubleToRawLongBits(value) < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestDecimal(Math.abs(value));
        String digits = shortest.unscaledValue().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String magnitude = exponent < -4 || exponent >= 16
                ? scientific(digits, exponent)
                : positional(digits, exponent);
        return value < 0 ? "-" + magnitude : magnitude;
    }

    private static BigDecimal shortestDecimal(double positive) {
        BigDecimal shortest = new BigDecimal(Double.toString(positive)).stripTrailingZeros();
        if (shortest.precision() != 2) {
            return shortest;
        }
        // Java prefers a closer 2-digit decimal over a 1-digit one (4.9E-324); Python takes the shortest (5e-324)
        BigDecimal exact = new BigDecimal(positive);
        for (RoundingMode mode : new RoundingMode[] {RoundingMode.HALF_EVEN, RoundingMode.UP, RoundingMode.DOWN}) {
            BigDecimal candidate = exact.round(new MathContext(1, mode));
            if (candidate.signum() > 0 && candidate.doubleValue() == positive) {
                return candidate.stripTrailingZeros();
            }
        }
        return shortest;
    }

    private static String scientific(String digits, int exponent) {
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return mantissa + (exponent < 0 ? "e-" : "e+") + "%02d".formatted(Math.abs(exponent));
    }

    private static String positional(String digits, int exponent) {
        if (exponent < 0) {
            return "0." + "0".repeat(-exponent - 1) + digits;
        }
        int integerDigits = exponent + 1;
        if (digits.length() <= integerDigits) {
            return digits + "0".repeat(integerDigits - digits.length()) + ".0";
        }
        return digits.substring(0, integerDigits) + "." + digits.substring(integerDigits);
    }

    private static int radixOfPrefix(String text, int start) {
        if (text.charAt(start) != '0' || start + 1 >= text.length()) {
            return 10;
        }
        return switch (text.charAt(start + 1)) {
            case 'x', 'X' -> 16;
            case 'o', 'O' -> 8;
            case 'b', 'B' -> 2;
            default -> 10;
        };
    }

    private static Scanned readPrefixed(String text, int start, int radix) {
        int digitsStart = start + 2;
        int end = skipDigits(text, digitsStart, radix, true, start);
        if (end == digitsStart) {
            throw invalid(text, start, radix);
        }
        requireEndOfNumber(text, start, end, radix);
        String digits = text.substring(digitsStart, end).replace("_", "");
        return new Scanned(normalize(fromPowerOfTwoDigits(digits, radix)), end);
    }

    /**
     * The value of hexadecimal, octal or binary digits, in time linear in their number: each digit is a fixed
     * number of bits. {@code new BigInteger(digits, radix)} takes quadratic time, 80 ms and more for the 65,000
     * hex digits that fit a command line, and these literals, unlike decimal ones, have no length limit.
     */
    private static BigInteger fromPowerOfTwoDigits(String digits, int radix) {
        int bitsPerDigit = Integer.numberOfTrailingZeros(radix);
        byte[] magnitude = new byte[(digits.length() * bitsPerDigit + 7) / 8]; // big-endian
        int bit = 0;
        for (int i = digits.length() - 1; i >= 0; i--, bit += bitsPerDigit) {
            int digit = Character.digit(digits.charAt(i), radix);
            int index = magnitude.length - 1 - bit / 8;
            int shifted = digit << (bit % 8); // at most 4 + 7 bits: spills into the next byte at most
            magnitude[index] |= (byte) shifted;
            if (shifted > 0xFF) {
                magnitude[index - 1] |= (byte) (shifted >>> 8);
            }
        }
        return new BigInteger(1, magnitude);
    }

    private static Scanned readDecimal(String text, int start) {
        int end = skipDigits(text, start, 10, false, start);
        boolean isFloat = false;
        if (end < text.length() && text.charAt(end) == '.') {
            isFloat = true;
            end = skipDigits(text, end + 1, 10, false, start);
        }
        if (end < text.length() && (text.charAt(end) == 'e' || text.charAt(end) == 'E')) {
            int exponent = end + 1;
            if (exponent < text.length() && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
                exponent++;
            }
            end = skipDigits(text, exponent, 10, false, start);
            if (end == exponent) {
                throw invalid(text, start, 10);
            }
            isFloat = true;
        }
        requireEndOfNumber(text, start, end, 10);
        String literal = text.substring(start, end).replace("_", "");
        if (isFloat) {
            return new Scanned(Double.parseDouble(literal), end);
        }
        if (literal.length() > 1 && literal.charAt(0) == '0' && literal.chars().anyMatch(c -> c != '0')) {
            throw new LiteralSyntaxException(start, "leading zeros in decimal integer literals are not permitted; "
                    + "use an 0o prefix for octal integers");
        }
        if (literal.length() > MAX_DECIMAL_DIGITS) {
            throw new LiteralSyntaxException(start,
                    "integer literal has more than " + MAX_DECIMAL_DIGITS + " digits");
        }
        return new Scanned(normalize(new BigInteger(literal)), end);
    }

    /**
     * Skips {@code digit (["_"] digit)*}, or {@code (["_"] digit)*} when the first digit may be preceded by an
     * underscore (as after {@code 0x}), returning the end; an underscore not followed by a digit is an error.
     */
    private static int skipDigits(String text, int from, int radix, boolean leadingUnderscore, int literalStart) {
        int i = from;
        while (true) {
            boolean underscore = i < text.length() && text.charAt(i) == '_' && (i > from || leadingUnderscore);
            int digit = underscore ? i + 1 : i;
            if (digit < text.length() && isDigit(text.charAt(digit), radix)) {
                i = digit + 1;
            } else if (underscore) {
                throw invalid(text, literalStart, radix);
            } else {
                return i;
            }
        }
    }

    /** Rejects a number glued to letters, digits or dots, as in {@code 1abc}, {@code 0o8} or {@code 1.2.3}. */
    private static void requireEndOfNumber(String text, int start, int end, int radix) {
        if (end >= text.length()) {
            return;
        }
        char c = text.charAt(end);
        boolean imaginary = (c == 'j' || c == 'J') && (end + 1 == text.length() || !isWordChar(text.charAt(end + 1)));
        if (imaginary && radix == 10) {
            throw new LiteralSyntaxException(start, "complex numbers are not supported");
        }
        if (isWordChar(c) || c == '.') {
            throw invalid(text, start, radix);
        }
    }

    private static LiteralSyntaxException invalid(String text, int start, int radix) {
        int end = start;
        while (end < text.length() && end - start < 40 && (isWordChar(text.charAt(end)) || text.charAt(end) == '.')) {
            end++;
        }
        String kind = switch (radix) {
            case 16 -> "hexadecimal";
            case 8 -> "octal";
            case 2 -> "binary";
            default -> "decimal";
        };
        return new LiteralSyntaxException(start, "invalid " + kind + " literal '" + text.substring(start, end) + "'");
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** ASCII digits only: Java's Character.digit would also accept e.g. Arabic-Indic digits. */
    private static boolean isDigit(char c, int radix) {
        if (c >= '0' && c <= '9') {
            return c - '0' < radix;
        }
        return radix == 16 && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
    }

    private static Number normalize(BigInteger value) {
        return value.bitLength() < Long.SIZE ? (Number) value.longValueExact() : value;
    }
}
