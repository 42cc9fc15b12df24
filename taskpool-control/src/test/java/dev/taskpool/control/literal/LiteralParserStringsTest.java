package dev.taskpool.control.literal;

import static dev.taskpool.control.literal.LiteralParser.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Python string literals; the Java sources below double every backslash that the parsed text contains. */
class LiteralParserStringsTest {

    @Test
    void singleAndDoubleQuotesAreEquivalent() {
        assertThat(parse("'hello world'")).isEqualTo("hello world");
        assertThat(parse("\"hello world\"")).isEqualTo("hello world");
    }

    @Test
    void emptyString() {
        assertThat(parse("''")).isEqualTo("");
    }

    @Test
    void otherQuoteNeedsNoEscape() {
        assertThat(parse("\"it's\"")).isEqualTo("it's");
        assertThat(parse("'say \"hi\"'")).isEqualTo("say \"hi\"");
    }

    @Test
    void simpleEscapes() {
        assertThat(parse("'\\n\\t\\r\\\\\\'\\\"'")).isEqualTo("\n\t\r\\'\"");
        assertThat(parse("'\\a\\b\\f\\v'")).isEqualTo("\u0007\b\f\u000B");
    }

    @Test
    void octalEscapesTakeUpToThreeDigits() {
        assertThat(parse("'\\0'")).isEqualTo("\0");
        assertThat(parse("'\\101\\1012'")).isEqualTo("AA2");
    }

    @Test
    void hexAndUnicodeEscapes() {
        assertThat(parse("'\\x41\\u00e9\\U0001F600'")).isEqualTo("Aé\uD83D\uDE00");
    }

    @Test
    void namedUnicodeEscape() {
        assertThat(parse("'\\N{GREEK SMALL LETTER ALPHA}'")).isEqualTo("α");
    }

    @Test
    void unknownEscapeIsKeptLiterallyAsInPython() {
        assertThat(parse("'\\d\\q'")).isEqualTo("\\d\\q");
    }

    @Test
    void backslashNewlineContinuesTheLine() {
        assertThat(parse("'ab\\\ncd'")).isEqualTo("abcd");
    }

    @Test
    void rawStringKeepsBackslashes() {
        assertThat(parse("r'\\d+\\n'")).isEqualTo("\\d+\\n");
        assertThat(parse("R\"C:\\temp\"")).isEqualTo("C:\\temp");
    }

    @Test
    void rawStringBackslashStillProtectsTheQuote() {
        assertThat(parse("r'\\''")).isEqualTo("\\'");
    }

    @Test
    void unicodePrefixIsAccepted() {
        assertThat(parse("u'x'")).isEqualTo("x");
    }

    @Test
    void tripleQuotedStringsMayContainQuotesAndNewlines() {
        assertThat(parse("'''it's \"quoted\"\nand more'''")).isEqualTo("it's \"quoted\"\nand more");
        assertThat(parse("\"\"\"a\"b\"\"\"")).isEqualTo("a\"b");
    }

    @Test
    void adjacentStringLiteralsConcatenate() {
        assertThat(parse("'a' 'b'")).isEqualTo("ab");
        assertThat(parse("'a'\"b\"r'\\c'")).isEqualTo("ab\\c");
    }

    @Test
    void jsonStringWithUnicodeEscapeParses() {
        assertThat(parse("\"caf\\u00e9 \\/ ok\"")).isEqualTo("café \\/ ok");
    }

    @Test
    void unterminatedStringIsReportedWhereItStarts() {
        assertThatThrownBy(() -> parse("[1,'abc"))
                .isInstanceOf(LiteralSyntaxException.class)
                .hasMessage("at position 3: unterminated string");
    }

    @Test
    void singleQuotedStringMayNotSpanLines() {
        assertThatThrownBy(() -> parse("'a\nb'")).hasMessage("at position 0: unterminated string");
    }

    @Test
    void unterminatedTripleQuotedString() {
        assertThatThrownBy(() -> parse("'''abc''")).hasMessage("at position 0: unterminated triple-quoted string");
    }

    @Test
    void truncatedHexEscapesAreRejected() {
        assertThatThrownBy(() -> parse("'ab\\x4'")).hasMessage("at position 3: truncated \\xXX escape");
        assertThatThrownBy(() -> parse("'\\u12'")).hasMessage("at position 1: truncated \\uXXXX escape");
        assertThatThrownBy(() -> parse("'\\U1234'")).hasMessage("at position 1: truncated \\UXXXXXXXX escape");
    }

    @Test
    void codePointBeyondUnicodeIsRejected() {
        assertThatThrownBy(() -> parse("'\\U00110000'"))
                .hasMessage("at position 1: illegal Unicode character in \\U escape");
    }

    @Test
    void unknownOrMalformedCharacterNameIsRejected() {
        assertThatThrownBy(() -> parse("'\\N{NO SUCH THING}'"))
                .hasMessage("at position 1: unknown Unicode character name 'NO SUCH THING'");
        assertThatThrownBy(() -> parse("'\\N'")).hasMessage("at position 1: malformed \\N character escape");
    }

    @Test
    void characterNamesArePythonsNotJavasMadeUpOrPaddedOnes() {
        for (String name : List.of("HIGH SURROGATES D800", "private use area e000", " BULLET ", "LINE FEED (LF)")) {
            assertThatThrownBy(() -> parse("'\\N{" + name + "}'"))
                    .hasMessage("at position 1: unknown Unicode character name '" + name + "'");
        }
    }

    @Test
    void characterNameInTheMessageIsEscapedAndCut() {
        assertThatThrownBy(() -> parse("'''\\N{NO\nSUCH}'''"))
                .hasMessage("at position 3: unknown Unicode character name 'NO\\nSUCH'");
        assertThatThrownBy(() -> parse("'\\N{" + "Z".repeat(1_000) + "}'"))
                .hasMessage("at position 1: unknown Unicode character name '" + "Z".repeat(40) + "'...");
    }

    @Test
    void longUnknownPrefixIsCutInTheMessage() {
        assertThatThrownBy(() -> parse("p".repeat(1_000) + "'x'"))
                .hasMessage("at position 0: '" + "p".repeat(40) + "'... is not a valid string prefix");
    }

    @Test
    void bytesAndFormatStringsAreNotSupported() {
        assertThatThrownBy(() -> parse("b'x'")).hasMessage("at position 0: bytes literals are not supported");
        assertThatThrownBy(() -> parse("f'{x}'")).hasMessage("at position 0: f-strings are not literals");
        assertThatThrownBy(() -> parse("'a' b'x'")).hasMessage("at position 4: bytes literals are not supported");
    }

    @Test
    void unknownStringPrefixIsRejected() {
        assertThatThrownBy(() -> parse("True'x'")).hasMessage("at position 0: 'True' is not a valid string prefix");
    }

    @Test
    void methodCallOnAStringIsRejected() {
        assertThatThrownBy(() -> parse("'abc'.upper()"))
                .hasMessage("at position 5: expected end of input but found '.'");
    }
}
