package dev.taskpool.control.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTest {

    private static final List<String> COMMANDS = List.of("start", "stop", "stop-all", "pool-size", "flush");

    @Test
    void aSwapOfTwoLettersIsOneEdit() {
        assertThat(Suggestions.distance("strat", "start")).isEqualTo(1);
        assertThat(Suggestions.closest("strat", COMMANDS)).isEqualTo("start");
    }

    @Test
    void aPrefixSuggestsTheCommandItBegins() {
        assertThat(Suggestions.closest("pool", COMMANDS)).isEqualTo("pool-size");
    }

    @Test
    void nothingCloseSuggestsNothing() {
        assertThat(Suggestions.closest("bogus", COMMANDS)).isNull();
    }
}
