package dev.taskpool.control.literal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the text, {@link LiteralParser#parse} returns a value or throws a {@link LiteralSyntaxException} that
 * says where in the text and what was wrong; nothing else escapes it, not even for deep or huge input.
 */
class LiteralParserFuzzProperties {

    /** A piece of the input, quoted as Python's repr quotes a string and cut with ... when long. */
    private static final String EXCERPT = "('.+'|\".+\")(\\.\\.\\.)?";

    /** The reasons for a malformed string literal, which the tokenizer reports for a quoted token too. */
    static final List<Pattern> STRING_REASONS = patterns(
            "unterminated string", "unterminated triple-quoted string",
            "bytes literals are not supported", "f-strings are not literals",
            EXCERPT + " is not a valid string prefix",
            "truncated \\\\[xuU]X{2,8} escape", "illegal Unicode character in \\\\U escape",
            "malformed \\\\N character escape", "unknown Unicode character name ('.*'|\".*\")(\\.\\.\\.)?");

    /** Every reason the parser gives; each names what was wrong. */
    static final List<Pattern> REASONS = Stream.concat(STRING_REASONS.stream(), patterns(
                    "expected .+ but found (end of input|U\\+[0-9A-F]{4,6}|" + EXCERPT + ")",
                    EXCERPT + " is not a literal \\(names, calls and expressions are not allowed\\)",

                    "nesting deeper than " + LiteralParser.MAX_DEPTH + " containers",
                    "(a (list|dict|set)|a tuple containing .+) cannot be a (dict key|set element) "
                            + "\\(only numbers, strings, booleans, None and tuples of them can\\)",
                    "integer literal has more than " + NumberLiteral.MAX_DECIMAL_DIGITS + " digits",
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    "invalid (decimal|hexadecimal|octal|binary) literal '.+'",
                    "complex numbers are not supported").stream())
            .toList();

    private static List<Pattern> patterns(String... regexes) {
        return Stream.of(regexes).map(Pattern::compile).toList();
    }

    @Property
    void hostileTextGivesAValueOrALiteralSyntaxException(@ForAll("hostile") String text) {
        parseOrSyntaxError(text);
    }

    @Property
    void validLiteralWithAFewCharactersChangedGivesAValueOrALiteralSyntaxException(@ForAll("mutated") String text) {
        parseOrSyntaxError(text);
    }

    @Property
    void errorPositionLiesWithinTheText(@ForAll("broken") String text) {
        LiteralSyntaxException error = parseOrSyntaxError(text);
        if (error != null) {
            assertThat(error.position()).isBetween(0, text.length());
        }
    }

    @Property
    void errorMessageGivesThePositionAndAKnownReason(@ForAll("broken") String text) {
        LiteralSyntaxException error = parseOrSyntaxError(text);
        if (error != null) {
            assertThat(error.getMessage()).isEqualTo("at position " + error.position() + ": " + error.reason());
            assertThat(REASONS).as("reason %s", error.reason()).anyMatch(p -> p.matcher(error.reason()).matches());
        }
    }

    @Property
    void errorMessageIsOneShortPrintableLine(@ForAll("broken") String text) {
        LiteralSyntaxException error = parseOrSyntaxError(text);
        if (error != null) {
            assertIsOneShortPrintableLine(error.getMessage());
        }
    }

    /** What a client can show as it is: no line break, control, unpaired surrogate or unassigned code point. */
    static void assertIsOneShortPrintableLine(String message) {
        assertThat(message).hasSizeLessThanOrEqualTo(200);
        assertThat(message.codePoints())
                .as("code points of %s", message)
                .allMatch(cp -> switch (Character.getType(cp)) {
                    case Character.CONTROL, Character.SURROGATE, Character.UNASSIGNED, Character.LINE_SEPARATOR,
                         Character.PARAGRAPH_SEPARATOR -> false;
                    default -> true;
                });
    }

    /** Parses, returning the syntax error if there is one; anything else thrown fails the property. */
    private static LiteralSyntaxException parseOrSyntaxError(String text) {
        try {
            LiteralParser.parse(text);
            return null;
        } catch (LiteralSyntaxException e) {
            return e;
        }
    }

    @Provide
    Arbitrary<String> hostile() {
        return LiteralArbitraries.hostile();
    }

    @Provide
    Arbitrary<String> mutated() {
        return LiteralArbitraries.mutated();
    }

    @Provide
    Arbitrary<String> broken() {
        return Arbitraries.oneOf(LiteralArbitraries.hostile(), LiteralArbitraries.mutated());
    }
}
