package dev.taskpool.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Durations on the command line: seconds, plain or with a unit, or milliseconds. */
class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void aPlainNumberIsSeconds() {
        assertThat(converter.convert("10")).isEqualTo(Duration.ofSeconds(10));
        assertThat(converter.convert("2.5")).isEqualTo(Duration.ofMillis(2500));
        assertThat(converter.convert(".5")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void aUnitMayFollowTheNumber() {
        assertThat(converter.convert("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("1.5ms")).isEqualTo(Duration.ofNanos(1_500_000));
    }

    @Test
    void secondsAreKeptToTheNanosecond() {
        assertThat(converter.convert("0.000000001")).isEqualTo(Duration.ofNanos(1));
    }

    @Test
    void anythingElseIsRefusedWithTheFormsThatAreAllowed() {
        for (String text : new String[] {"", "-1", "ten", "10 m", "10m", "1e3", "PT10S", "10sec"}) {
            assertThatThrownBy(() -> converter.convert(text))
                    .as(text)
                    .isInstanceOf(TypeConversionException.class)
                    .hasMessage("'" + text + "' is not a duration; write seconds (10, 2.5) or add a unit (10s, 500ms)");
        }
    }

    @Test
    void aDurationTooLongToHoldIsRefused() {
        assertThatThrownBy(() -> converter.convert("1" + "0".repeat(30)))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageEndingWith("is longer than any duration can be");
    }
}
