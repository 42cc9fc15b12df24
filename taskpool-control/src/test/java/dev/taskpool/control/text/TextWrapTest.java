package dev.taskpool.control.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Wrapping breaks lines where Python's textwrap.wrap breaks them (the expected lines are its output). */
class TextWrapTest {

    @Test
    void linesAreFilledGreedilyWithWholeWords() {
        assertThat(TextWrap.wrap("Cancels a group: first whatever still starts its tasks, so that no task of the group starts", 30))
                .containsExactly("Cancels a group: first", "whatever still starts its", "tasks, so that no task of the",
                        "group starts");
    }

    @Test
    void aHyphenatedWordMayBreakAfterAHyphenBetweenLetters() {
        assertThat(TextWrap.wrap("the new group's name, or null for doublestarmap-<function>-group-<k> (a string; default None)", 24))
                .containsExactly("the new group's name, or", "null for doublestarmap-", "<function>-group-<k> (a",
                        "string; default None)");
        assertThat(TextWrap.wrap("use the -b option -- or not; cancel-group and stop-all are commands", 14))
                .containsExactly("use the -b", "option -- or", "not; cancel-", "group and", "stop-all are", "commands");
    }

    @Test
    void aWordLongerThanALineIsCutAtTheWidth() {
        assertThat(TextWrap.wrap("typing.Iterable[typing.Mapping[str, typing.Any]]", 20))
                .containsExactly("typing.Iterable[typi", "ng.Mapping[str,", "typing.Any]]");
        assertThat(TextWrap.wrap("aaaaaaaaaaaaaaaaaaaaaaaaa", 10)).containsExactly("aaaaaaaaaa", "aaaaaaaaaa", "aaaaa");
    }

    @Test
    void aWordLongerThanALineIsCutAfterItsLastHyphenThatFits() {
        assertThat(TextWrap.wrap("Get/set the `SimpleTaskPool.pool-size` property", 20))
                .containsExactly("Get/set the `SimpleT", "askPool.pool-size`", "property");
        assertThat(TextWrap.wrap("a-b-c-d-e-f-g-h-i-j", 5)).containsExactly("a-b-", "c-d-", "e-f-", "g-h-", "i-j");
    }

    @Test
    void leadingWhitespaceStaysOnTheFirstLineOnly() {
        assertThat(TextWrap.wrap("  leading and   trailing  ", 12)).containsExactly("  leading", "and", "trailing");
    }

    @Test
    void blankTextHasNoLines() {
        assertThat(TextWrap.wrap("   ", 10)).isEmpty();
    }

    @Test
    void fillIndentsEveryLine() {
        assertThat(TextWrap.fill("one two three four", 10, "  ")).isEqualTo("  one two\n  three\n  four");
    }

    @Test
    void lengthsCountCharactersNotUtf16Units() {
        assertThat(TextWrap.wrap("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00 ab", 4))
                .containsExactly("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", "ab");
    }

    @Test
    void aWidthBelowOneIsRefused() {
        assertThatThrownBy(() -> TextWrap.wrap("x", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
