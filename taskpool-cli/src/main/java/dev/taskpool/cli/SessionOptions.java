package dev.taskpool.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code control tcp} and {@code control unix}: how to talk to the server. */
final class SessionOptions {

    /** The environment variable that holds the token when {@code --token} is not given. */
    static final String TOKEN_VARIABLE = "TASKPOOL_TOKEN";

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "The token the server requires, if any. Default: the " + TOKEN_VARIABLE
                    + " environment variable, which keeps the token out of the process list.")
    String token;

    @Option(names = {"-c", "--command"}, paramLabel = "COMMAND",
            description = "Run COMMAND and print its answer instead of opening an interactive session; "
                    + "repeat to run several in order. Quote a command with arguments: -c 'start 3'. "
                    + "Without -c, when standard input is not a terminal, commands are read from it, "
                    + "one per line (blank lines are skipped, 'exit' stops).")
    List<String> commands = new ArrayList<>();

    @Option(names = "--text",
            description = "Use the text protocol even if the server speaks the framed one. Answers look "
                    + "the same, but failed commands cannot be told from others (the exit status stays 0), "
                    + "and neither completion of command names nor the charts of --watch are available.")
    boolean text;

    @Option(names = "--watch",
            description = "Show a live view of the pool instead: counters, tasks finished per second over "
                    + "the last minute and the groups' progress, refreshed every second until a key is "
                    + "pressed. Needs a terminal. In an interactive session, the command 'watch' does the same.")
    boolean watch;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** The token to send: {@code --token}, else {@code $TASKPOOL_TOKEN}, else none. */
    String token(CliEnvironment environment) {
        return token(token, environment);
    }

    /** {@code option} if given, else {@code $TASKPOOL_TOKEN}, else none. */
    static String token(String option, CliEnvironment environment) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        String fromEnvironment = environment.variable(TOKEN_VARIABLE);
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment;
    }
}
