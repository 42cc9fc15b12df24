package dev.taskpool.control.text;

import java.time.Duration;
import java.util.Locale;

/**
 * A duration as a person reads it: {@code 0.8s}, {@code 42.0s}, {@code 3m07s}, {@code 2h05m}.
 * Shared by the control server's tables and the command line's progress lines. Stateless.
 */
public final class DurationText {

    private DurationText() {
    }

    public static String of(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
    }
}
