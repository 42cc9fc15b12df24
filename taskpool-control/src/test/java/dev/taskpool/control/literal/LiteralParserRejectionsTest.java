package dev.taskpool.control.literal;

import static dev.taskpool.control.literal.LiteralParser.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the parser refuses: anything that is not a plain value, and input that is too deep. */
class LiteralParserRejectionsTest {

    private static final String NOT_A_LITERAL = "is not a literal (names, calls and expressions are not allowed)";

    @Test
    void rejectsNames() {
        assertThatThrownBy(() -> parse("foo"))
                .isInstanceOf(LiteralSyntaxException.class)
                .hasMessage("at position 0: 'foo' " + NOT_A_LITERAL);
    }

    @Test
    void rejectsFunctionCalls() {
        assertThatThrownBy(() -> parse("[1, print('x')]")).hasMessage("at position 4: 'print' " + NOT_A_LITERAL);
    }

    @Test
    void rejectsSetCallWithArguments() {
        assertThatThrownBy(() -> parse("set([1])")).hasMessage("at position 0: 'set' " + NOT_A_LITERAL);
    }

    @Test
    void rejectsAttributeAccess() {
        assertThatThrownBy(() -> parse("os.system")).hasMessage("at position 0: 'os' " + NOT_A_LITERAL);
    }

    @Test
    void rejectsJavaClassNames() {
        assertThatThrownBy(() -> parse("java.lang.Runtime")).hasMessage("at position 0: 'java' " + NOT_A_LITERAL);
    }

    @Test
    void rejectsArithmetic() {
        assertThatThrownBy(() -> parse("1 + 2")).hasMessage("at position 2: expected end of input but found '+'");
    }

    @Test
    void rejectsSubscripts() {
        assertThatThrownBy(() -> parse("[1, 2][0]")).hasMessage("at position 6: expected end of input but found '['");
    }

    @Test
    void rejectsASecondValue() {
        assertThatThrownBy(() -> parse("1 2")).hasMessage("at position 2: expected end of input but found '2'");
    }

    @Test
    void rejectsEmptyInput() {
        assertThatThrownBy(() -> parse("  ")).hasMessage("at position 2: expected a value but found end of input");
    }

    @Test
    void rejectsStrayPunctuation() {
        assertThatThrownBy(() -> parse("@")).hasMessage("at position 0: expected a value but found '@'");
        assertThatThrownBy(() -> parse(".")).hasMessage("at position 0: expected a value but found '.'");
    }

    @Test
    void namesInvisibleCharactersByCodePoint() {
        assertThatThrownBy(() -> parse("[1\u00002]")).hasMessage("at position 2: expected ',' or ']' but found U+0000");
    }

    @Test
    void namesUnassignedAndSurrogateCharactersByCodePoint() {
        assertThatThrownBy(() -> parse("\uffff")).hasMessage("at position 0: expected a value but found U+FFFF");
        assertThatThrownBy(() -> parse("[1\ud800]")).hasMessage("at position 2: expected ',' or ']' but found U+D800");
        assertThatThrownBy(() -> parse("1\u00a0")).hasMessage("at position 1: expected end of input but found U+00A0");
    }

    @Test
    void longNameIsCutInTheMessage() {
        assertThatThrownBy(() -> parse("x".repeat(10_000)))
                .hasMessage("at position 0: '" + "x".repeat(40) + "'... " + NOT_A_LITERAL);
        assertThatThrownBy(() -> parse("[1 " + "y".repeat(10_000) + "]"))
                .hasMessage("at position 3: expected ',' or ']' but found '" + "y".repeat(40) + "'...");
    }

    @Test
    void exceptionExposesPositionAndReason() {
        assertThatThrownBy(() -> parse("[1, x]")).isInstanceOfSatisfying(LiteralSyntaxException.class, e -> {
            assertThat(e.position()).isEqualTo(4);
            assertThat(e.reason()).isEqualTo("'x' " + NOT_A_LITERAL);
        });
    }

    @Test
    void isAnIllegalArgumentException() {
        assertThatThrownBy(() -> parse("x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsNestingUpToTheDepthLimit() {
        String text = "[".repeat(LiteralParser.MAX_DEPTH) + "]".repeat(LiteralParser.MAX_DEPTH);
        assertThat(parse(text)).isInstanceOf(List.class);
    }

    @Test
    void rejectsNestingBeyondTheDepthLimit() {
        String text = "[".repeat(LiteralParser.MAX_DEPTH + 1) + "]".repeat(LiteralParser.MAX_DEPTH + 1);
        assertThatThrownBy(() -> parse(text)).hasMessage("at position 100: nesting deeper than 100 containers");
    }

    @Test
    void parenthesesCountTowardsTheDepthLimit() {
        assertThatThrownBy(() -> parse("(".repeat(101) + "1" + ")".repeat(101)))
                .hasMessage("at position 100: nesting deeper than 100 containers");
    }

    @Test
    void hugelyNestedInputFailsCleanlyInsteadOfOverflowingTheStack() {
        assertThatThrownBy(() -> parse("{1: ".repeat(200_000)))
                .isInstanceOf(LiteralSyntaxException.class)
                .hasMessageContaining("nesting deeper than 100 containers");
    }
}
