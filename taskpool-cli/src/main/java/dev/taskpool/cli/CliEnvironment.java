package dev.taskpool.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What the command reads from and writes to: standard streams, environment variables, the
 * home directory (for the history file) and the terminal. {@link #system()} in real use; tests
 * pass their own, so the whole command runs in-process.
 *
 * @param in        standard input, read by scripts
 * @param out       standard output: the answers
 * @param err       standard error: why connecting failed, usage errors
 * @param variables the environment variables ({@code TASKPOOL_TOKEN}, {@code COLUMNS},
 *                  {@code NO_COLOR})
 * @param home      where {@value #HISTORY_FILE_NAME} is kept
 * @param terminals the terminal of interactive sessions and of the watch view
 */
public record CliEnvironment(InputStream in, PrintStream out, PrintStream err, Map<String, String> variables,
                             Path home, Terminals terminals) {

    /** The file in the home directory that keeps the interactive history across runs. */
    public static final String HISTORY_FILE_NAME = ".taskpool_history";

    public CliEnvironment {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        variables = Map.copyOf(variables);
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(terminals, "terminals");
    }

    /** The process's own streams, environment, home directory and terminal. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.in, System.out, System.err, System.getenv(),
                Path.of(System.getProperty("user.home")), Terminals.system());
    }

    /** An environment variable, or {@code null} when it is unset or empty. */
    public String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Where the interactive history is kept. */
    public Path historyFile() {
        return home.resolve(HISTORY_FILE_NAME);
    }

    /** The width scripts announce to the server: {@code $COLUMNS}, else 80. */
    public int columns() {
        String columns = variable("COLUMNS");
        if (columns != null) {
            try {
                int width = Integer.parseInt(columns.strip());
                if (width > 0) {
                    return width;
                }
            } catch (NumberFormatException e) {
                // Not a number: the default it is.
            }
        }
        return 80;
    }
}
