package dev.taskpool.control.command;

import dev.taskpool.control.ErrorType;
import java.util.Objects;

/**
 * The answer to one command line.
 *
 * @param ok        whether the command succeeded
 * @param errorType for a failure, its kind; {@code null} when ok
 * @param text      what a person reads: the printable output, or the one-line error
 *                  (help and usage answers may span several lines); never {@code null}
 * @param value     the result in machine-readable form for the framed mode (strings,
 *                  numbers, booleans, null, lists and maps of those); {@code null} for errors
 */
public record Reply(boolean ok, ErrorType errorType, String text, Object value) {

    public Reply {
        Objects.requireNonNull(text, "text");
        if (ok == (errorType != null)) {
            throw new IllegalArgumentException("errorType must be set exactly for failures");
        }
    }

    public static Reply ok(String text, Object value) {
        return new Reply(true, null, text, value);
    }

    public static Reply error(ErrorType errorType, String message) {
        return new Reply(false, errorType, message, null);
    }
}
