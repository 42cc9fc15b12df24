package dev.taskpool.control.literal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskpool.control.literal.CommandTokenizer.Token;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CommandTokenizerTest {

    private static List<String> texts(String line) {
        return CommandTokenizer.tokenize(line).stream().map(Token::text).toList();
    }

    @Nested
    class Splitting {

        @Test
        void whitespaceSeparatesTokens() {
            assertThat(texts("pool stop 3")).containsExactly("pool", "stop", "3");
        }

        @Test
        void anyRunOfSpacesAndTabsIsOneSeparator() {
            assertThat(texts("a  \t b\t\tc")).containsExactly("a", "b", "c");
        }

        @Test
        void leadingAndTrailingWhitespaceIsIgnored() {
            assertThat(texts("  \tlist  ")).containsExactly("list");
        }

        @Test
        void trailingCarriageReturnFromNetworkLineEndingsIsWhitespace() {
            assertThat(texts("size\r\n")).containsExactly("size");
        }

        @Test
        void blankLineHasNoTokens() {
            assertThat(CommandTokenizer.tokenize("")).isEmpty();
            assertThat(CommandTokenizer.tokenize(" \t ")).isEmpty();
        }

        @Test
        void parenthesisedTupleStaysOneToken() {
            assertThat(texts("apply greet -a ('hello world', 2) -n 3"))
                    .containsExactly("apply", "greet", "-a", "('hello world', 2)", "-n", "3");
        }

        @Test
        void listAndDictStayOneTokenEach() {
            assertThat(texts("map mypkg.Work.handle ['x', 'y', 'z'] -k {'a': 1, 'b': 2}"))
                    .containsExactly("map", "mypkg.Work.handle", "['x', 'y', 'z']", "-k", "{'a': 1, 'b': 2}");
        }

        @Test
        void nestedBracketsAreTracked() {
            assertThat(texts("x [(1, [2, 3]), {4: (5,)}] y")).containsExactly("x", "[(1, [2, 3]), {4: (5,)}]", "y");
        }

        @Test
        void quotedStringKeepsItsWhitespace() {
            assertThat(texts("-g \"my group\"")).containsExactly("-g", "\"my group\"");
        }

        @Test
        void bracketsInsideQuotesDoNotCount() {
            assertThat(texts("['a b', \")\"] next")).containsExactly("['a b', \")\"]", "next");
        }

        @Test
        void escapedQuoteDoesNotEndTheString() {
            assertThat(texts("'it\\'s here' x")).containsExactly("'it\\'s here'", "x");
        }

        @Test
        void otherQuoteKindDoesNotEndTheString() {
            assertThat(texts("\"it's here\" x")).containsExactly("\"it's here\"", "x");
        }

        @Test
        void tripleQuotedStringMayContainLoneQuotes() {
            assertThat(texts("'''a ' b''' x")).containsExactly("'''a ' b'''", "x");
        }

        @Test
        void adjacentPiecesGlueIntoOneToken() {
            assertThat(texts("-a=(1, 2) x'a b'")).containsExactly("-a=(1, 2)", "x'a b'");
        }

        @Test
        void tokensKeepTheirRawTextIncludingQuotesAndEscapes() {
            assertThat(texts("r'\\d+' '\\n'")).containsExactly("r'\\d+'", "'\\n'");
        }

        @Test
        void tokensRecordTheirStartColumn() {
            assertThat(CommandTokenizer.tokenize(" apply  f (1, 2)"))
                    .containsExactly(new Token("apply", 1), new Token("f", 8), new Token("(1, 2)", 10));
        }

        @Test
        void returnedListIsUnmodifiable() {
            assertThat(CommandTokenizer.tokenize("a b")).isUnmodifiable();
        }
    }

    @Nested
    class Errors {

        @Test
        void unterminatedStringNamesWhereItStarts() {
            assertThatThrownBy(() -> CommandTokenizer.tokenize("apply greet 'hello"))
                    .isInstanceOf(CommandSyntaxException.class)
                    .hasMessage("unterminated string starting at column 12");
        }

        @Test
        void unterminatedStringInsideBracketsIsReportedAsSuch() {
            assertThatThrownBy(() -> CommandTokenizer.tokenize("f ['a', 'b)"))
                    .hasMessage("unterminated string starting at column 8");
        }

        @Test
        void unclosedBracketNamesTheInnermostOne() {
            assertThatThrownBy(() -> CommandTokenizer.tokenize("apply greet -a [(1, 2"))
                    .isInstanceOf(CommandSyntaxException.class)
                    .hasMessage("unclosed '(' at column 16");
        }

        @Test
        void closingBracketWithoutOpeningOneIsUnexpected() {
            assertThatThrownBy(() -> CommandTokenizer.tokenize("apply f 1)"))
                    .isInstanceOf(CommandSyntaxException.class)
                    .hasMessage("unexpected ')' at column 9");
        }

        @Test
        void closingBracketOfTheWrongKindIsMismatched() {
            assertThatThrownBy(() -> CommandTokenizer.tokenize("apply f -a ('x', [1]]"))
                    .isInstanceOf(CommandSyntaxException.class)
                    .hasMessage("mismatched ']' at column 20 (expected ')')");
        }

        @Test
        void exceptionExposesTheColumn() {
            assertThatThrownBy(() -> CommandTokenizer.tokenize("ab }"))
                    .isInstanceOfSatisfying(CommandSyntaxException.class, e -> assertThat(e.column()).isEqualTo(3));
        }

        @Test
        void isAnIllegalArgumentException() {
            assertThatThrownBy(() -> CommandTokenizer.tokenize("("))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Unquoted {

        @Test
        void decodesADoubleQuotedString() {
            assertThat(new Token("\"my group\"", 3).unquoted()).isEqualTo("my group");
        }

        @Test
        void decodesEscapesWithThePythonRules() {
            assertThat(new Token("'it\\'s\\tok'", 0).unquoted()).isEqualTo("it's\tok");
        }

        @Test
        void honoursTheRawPrefix() {
            assertThat(new Token("r'\\d+'", 0).unquoted()).isEqualTo("\\d+");
        }

        @Test
        void concatenatesAdjacentQuotedPieces() {
            assertThat(new Token("'a'\"b\"", 0).unquoted()).isEqualTo("ab");
        }

        @Test
        void leavesAnUnquotedTokenUnchanged() {
            assertThat(new Token("default", 0).unquoted()).isEqualTo("default");
        }

        @Test
        void leavesAPartlyQuotedTokenUnchanged() {
            assertThat(new Token("x'a b'", 0).unquoted()).isEqualTo("x'a b'");
            assertThat(new Token("'a b'x", 0).unquoted()).isEqualTo("'a b'x");
        }

        @Test
        void leavesATokenWithAnUnsupportedPrefixUnchanged() {
            assertThat(new Token("b'x'", 0).unquoted()).isEqualTo("b'x'");
        }

        @Test
        void malformedEscapeIsACommandSyntaxErrorAtItsColumn() {
            assertThatThrownBy(() -> new Token("'\\x4'", 10).unquoted())
                    .isInstanceOfSatisfying(CommandSyntaxException.class, e -> assertThat(e.column()).isEqualTo(11))
                    .hasMessage("truncated \\xXX escape at column 11");
        }
    }
}
