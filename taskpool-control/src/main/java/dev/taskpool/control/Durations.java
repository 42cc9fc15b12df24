package dev.taskpool.control;

import dev.taskpool.control.text.DurationText;
import java.time.Duration;

/**
 * Durations as the control interface writes them for people ({@code 0.8s}, {@code 3m07s},
 * {@code 2h05m}: the age column of {@code tasks}), for tools that show durations beside its
 * answers and want them to read the same. Stateless.
 */
public final class Durations {

    private Durations() {
    }

    /** The duration written short: tenths of a second under a minute, then minutes and seconds, then hours and minutes. */
    public static String format(Duration duration) {
        return DurationText.of(duration);
    }
}
