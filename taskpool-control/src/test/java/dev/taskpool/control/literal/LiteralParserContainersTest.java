package dev.taskpool.control.literal;

import static dev.taskpool.control.literal.LiteralParser.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.assertj.core.api.InstanceOfAssertFactories.collection;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LiteralParserContainersTest {

    @Test
    void pythonConstants() {
        assertThat(parse("True")).isEqualTo(true);
        assertThat(parse("False")).isEqualTo(false);
        assertThat(parse("None")).isNull();
    }

    @Test
    void jsonConstants() {
        assertThat(parse("true")).isEqualTo(true);
        assertThat(parse("false")).isEqualTo(false);
        assertThat(parse("null")).isNull();
    }

    @Test
    void surroundingWhitespaceIsAllowed() {
        assertThat(parse(" \t\n 1 \r\n")).isEqualTo(1L);
    }

    @Test
    void listOfMixedValues() {
        assertThat(parse("[1, 'two', 3.0, None, True]")).isEqualTo(Arrays.asList(1L, "two", 3.0, null, true));
    }

    @Test
    void emptyList() {
        assertThat(parse("[ ]")).isEqualTo(List.of());
    }

    @Test
    void trailingCommaIsAllowed() {
        assertThat(parse("[1, 2,]")).isEqualTo(List.of(1L, 2L));
        assertThat(parse("{'a': 1,}")).isEqualTo(Map.of("a", 1L));
        assertThat(parse("{1, 2, }")).isEqualTo(Set.of(1L, 2L));
    }

    @Test
    void tupleIsAList() {
        assertThat(parse("('hello world', 2)")).isEqualTo(List.of("hello world", 2L));
    }

    @Test
    void emptyTuple() {
        assertThat(parse("()")).isEqualTo(List.of());
    }

    @Test
    void tupleWithOneElementNeedsTrailingComma() {
        assertThat(parse("(1,)")).isEqualTo(List.of(1L));
    }

    @Test
    void parenthesesAroundASingleValueOnlyGroup() {
        assertThat(parse("(1)")).isEqualTo(1L);
        assertThat(parse("(('x'))")).isEqualTo("x");
        assertThat(parse("([1])")).isEqualTo(List.of(1L));
    }

    @Test
    void topLevelTupleNeedsNoParenthesesAsInPython() {
        assertThat(parse("1, 'a'")).isEqualTo(List.of(1L, "a"));
        assertThat(parse("1,")).isEqualTo(List.of(1L));
        assertThat(parse(" [1], (2,) , ")).isEqualTo(List.of(List.of(1L), List.of(2L)));
    }

    @Test
    void topLevelTupleStillNeedsCommasBetweenItems() {
        assertThatThrownBy(() -> parse("1, 2 3")).hasMessage("at position 5: expected ',' or end of input but found '3'");
        assertThatThrownBy(() -> parse("1,,")).hasMessage("at position 2: expected a value but found ','");
    }

    @Test
    void dictKeepsInsertionOrder() {
        assertThat(parse("{'b': 1, 'a': 2, 3: [4]}")).asInstanceOf(MAP)
                .containsExactly(Map.entry("b", 1L), Map.entry("a", 2L), Map.entry(3L, List.of(4L)));
    }

    @Test
    void laterDuplicateKeyWinsButKeepsTheFirstPosition() {
        assertThat(parse("{'a': 1, 'b': 2, 'a': 3}")).asInstanceOf(MAP)
                .containsExactly(Map.entry("a", 3L), Map.entry("b", 2L));
    }

    @Test
    void emptyBracesAreAnEmptyDict() {
        assertThat(parse("{}")).isEqualTo(Map.of());
    }

    @Test
    void jsonObjectParses() {
        assertThat(parse("{\"name\": \"x\", \"tags\": [true, null], \"n\": -1.5e2}"))
                .isEqualTo(Map.of("name", "x", "tags", Arrays.asList(true, null), "n", -150.0));
    }

    @Test
    void setKeepsInsertionOrderAndDropsDuplicates() {
        assertThat(parse("{3, 1, 3, 2}")).asInstanceOf(collection(Object.class)).containsExactly(3L, 1L, 2L);
    }

    @Test
    void emptySetIsWrittenAsSetCall() {
        assertThat(parse("set()")).isEqualTo(Set.of());
        assertThat(parse("set ( )")).isEqualTo(Set.of());
    }

    @Test
    void tupleIsAHashableKey() {
        assertThat(parse("{(1, 'a'): None}")).asInstanceOf(MAP).containsKey(List.of(1L, "a"));
    }

    @Test
    void nullIsAHashableKey() {
        assertThat(parse("{None: 1}")).asInstanceOf(MAP).containsEntry(null, 1L);
    }

    @Test
    void containersAreUnmodifiable() {
        assertThat(parse("[1]")).asInstanceOf(LIST).isUnmodifiable();
        assertThat(parse("(1, 2)")).asInstanceOf(LIST).isUnmodifiable();
        assertThat(parse("{1: 2}")).asInstanceOf(MAP).isUnmodifiable();
        assertThat(parse("{1}")).asInstanceOf(collection(Object.class)).isUnmodifiable();
    }

    @Test
    void listAsDictKeyIsRejected() {
        assertThatThrownBy(() -> parse("{[1]: 2}")).hasMessage("at position 1: a list cannot be a dict key "
                + "(only numbers, strings, booleans, None and tuples of them can)");
    }

    @Test
    void dictAndSetAsDictKeyAreRejected() {
        assertThatThrownBy(() -> parse("{1: 2, {}: 3}")).hasMessageStartingWith("at position 7: a dict cannot be");
        assertThatThrownBy(() -> parse("{1: 2, {1}: 3}")).hasMessageStartingWith("at position 7: a set cannot be");
    }

    @Test
    void tupleContainingAListIsNotHashable() {
        assertThatThrownBy(() -> parse("{(1, [2]): 3}"))
                .hasMessageStartingWith("at position 1: a tuple containing a list cannot be a dict key");
    }

    @Test
    void tupleNestedInTuplesIsNamedOnceInTheMessage() {
        assertThatThrownBy(() -> parse("{" + "(".repeat(90) + "[]" + ",)".repeat(90) + "}"))
                .hasMessage("at position 1: a tuple containing a list cannot be a set element"
                        + " (only numbers, strings, booleans, None and tuples of them can)");
    }

    @Test
    void setElementsMustBeHashableToo() {
        assertThatThrownBy(() -> parse("{1, [2]}")).hasMessageStartingWith("at position 4: a list cannot be a set element");
    }

    @Test
    void missingSeparatorInListIsReported() {
        assertThatThrownBy(() -> parse("[1 2]")).hasMessage("at position 3: expected ',' or ']' but found '2'");
    }

    @Test
    void unclosedListIsReportedAtEndOfInput() {
        assertThatThrownBy(() -> parse("[1, 2 ")).hasMessage("at position 6: expected ',' or ']' but found end of input");
    }

    @Test
    void missingColonInDictIsReported() {
        assertThatThrownBy(() -> parse("{'a': 1, 'b'}")).hasMessage("at position 12: expected ':' but found '}'");
    }

    @Test
    void setCannotTurnIntoADict() {
        assertThatThrownBy(() -> parse("{1, 2: 3}")).hasMessage("at position 5: expected ',' or '}' but found ':'");
    }

    @Test
    void leadingOrDoubleCommaIsRejected() {
        assertThatThrownBy(() -> parse("[,]")).hasMessage("at position 1: expected a value but found ','");
        assertThatThrownBy(() -> parse("(1,,)")).hasMessage("at position 3: expected a value but found ','");
    }

    @Test
    void loneCommaDoesNotMakeATuple() {
        assertThatThrownBy(() -> parse("(,)")).hasMessage("at position 1: expected a value but found ','");
    }

    @Test
    void mismatchedBracketIsReported() {
        assertThatThrownBy(() -> parse("(1, 2]")).hasMessage("at position 5: expected ',' or ')' but found ']'");
    }
}
