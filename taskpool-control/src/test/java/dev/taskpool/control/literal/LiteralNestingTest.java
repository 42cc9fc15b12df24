package dev.taskpool.control.literal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Deep nesting on a platform thread with a 1 MB stack, the least a session thread has: the parser refuses more
 * than {@value LiteralParser#MAX_DEPTH} containers cleanly, and the tokenizer and the formatter take any depth.
 */
class LiteralNestingTest {

    private static final int ONE_MEGABYTE = 1 << 20;

    @Test
    void parserRefusesTenThousandOpeningBracketsWithTheNestingError() throws Exception {
        Throwable thrown = onOneMegabyteStack(() -> catchThrowable(() -> LiteralParser.parse("[".repeat(10_000))));
        assertThat(thrown)
                .isInstanceOf(LiteralSyntaxException.class)
                .hasMessage("at position 100: nesting deeper than 100 containers");
    }

    @Test
    void parserRefusesTenThousandBalancedContainersOfEveryKindWithTheNestingError() throws Exception {
        String open = "{'k': [({(".repeat(2_500);
        String text = open + "1" + ",)})]}".repeat(2_500);
        Throwable thrown = onOneMegabyteStack(() -> catchThrowable(() -> LiteralParser.parse(text)));
        assertThat(thrown)
                .isInstanceOf(LiteralSyntaxException.class)
                .hasMessageEndingWith(": nesting deeper than 100 containers");
    }

    @Test
    void parserReadsTheDeepestAllowedNestingOfEveryKind() throws Exception {
        // 33 times a dict, a list and a tuple, then a set: 100 containers
        String text = "{'k': [(".repeat(33) + "{1}" + ",)]}".repeat(33);
        Object value = onOneMegabyteStack(() -> LiteralParser.parse(text));
        assertThat(LiteralParser.format(value)).isEqualTo("{'k': [[".repeat(33) + "{1}" + "]]}".repeat(33));
    }

    @Test
    void tokenizerKeepsTenThousandNestedBracketsAsOneToken() throws Exception {
        String literal = "[(".repeat(5_000) + ")]".repeat(5_000);
        List<CommandTokenizer.Token> tokens = onOneMegabyteStack(() -> CommandTokenizer.tokenize("apply f " + literal));
        assertThat(tokens).extracting(CommandTokenizer.Token::text).containsExactly("apply", "f", literal);
    }

    @Test
    void formatterRendersAListNestedAHundredThousandDeep() throws Exception {
        Object value = 1L;
        for (int i = 0; i < 100_000; i++) {
            value = List.of(value);
        }
        Object nested = value;
        String text = onOneMegabyteStack(() -> LiteralParser.format(nested));
        assertThat(text).isEqualTo("[".repeat(100_000) + "1" + "]".repeat(100_000));
    }

    @Test
    void formatterRendersDictsSetsAndTupleKeysNestedAHundredThousandDeep() throws Exception {
        Object key = 1L;
        for (int i = 0; i < 25_000; i++) {
            key = List.of(key);
        }
        Object value = Collections.singleton(key);
        for (int i = 0; i < 75_000; i++) {
            value = Map.of("k", value);
        }
        Object nested = value;
        String text = onOneMegabyteStack(() -> LiteralParser.format(nested));
        assertThat(text).isEqualTo("{'k': ".repeat(75_000) + "{" + "(".repeat(25_000) + "1" + ",)".repeat(25_000)
                + "}" + "}".repeat(75_000));
    }

    private static <T> T onOneMegabyteStack(Callable<T> task) throws Exception {
        var future = new FutureTask<>(task);
        new Thread(null, future, "one-megabyte-stack", ONE_MEGABYTE).start();
        return future.get(30, TimeUnit.SECONDS);
    }
}
