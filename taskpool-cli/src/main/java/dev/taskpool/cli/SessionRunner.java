package dev.taskpool.cli;

import dev.taskpool.control.ControlClient;
import dev.taskpool.control.ControlClientException;
import dev.taskpool.control.ControlEndpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.Iterator;
import org.jline.terminal.Terminal;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Runs {@code control tcp|unix}: connects, then chooses the session. The watch view with
 * {@code --watch}; an interactive session when there is no {@code -c} and standard input and
 * output are a terminal; otherwise a script of the {@code -c} commands or of standard input.
 */
final class SessionRunner {

    /** Every command succeeded (or, in text mode, was answered). */
    static final int OK = 0;
    /** A command failed. */
    static final int COMMAND_FAILED = 1;
    /** Connecting failed, or the connection was lost. */
    static final int CONNECTION_FAILED = 2;

    private final CliEnvironment environment;
    private final SessionOptions options;
    private final CommandLine commandLine;

    SessionRunner(CliEnvironment environment, SessionOptions options, CommandLine commandLine) {
        this.environment = environment;
        this.options = options;
        this.commandLine = commandLine;
    }

    int run(ControlEndpoint endpoint) {
        if (options.watch && !options.commands.isEmpty()) {
            throw new ParameterException(commandLine, "--watch cannot be combined with -c/--command");
        }
        boolean interactive = environment.terminals().interactive();
        if (options.watch && !interactive) {
            environment.err().println("taskpool: --watch needs a terminal");
            return CONNECTION_FAILED;
        }
        if (options.watch || (options.commands.isEmpty() && interactive)) {
            return runOnTerminal(endpoint);
        }
        ControlClient client = connect(endpoint, environment.columns());
        if (client == null) {
            return CONNECTION_FAILED;
        }
        try (client) {
            Iterator<String> commands = options.commands.isEmpty() ? standardInput() : options.commands.iterator();
            return new ScriptSession(client, environment.out(), environment.err()).run(commands);
        }
    }

    private int runOnTerminal(ControlEndpoint endpoint) {
        try (Terminal terminal = environment.terminals().open()) {
            int width = terminal.getWidth() > 0 ? terminal.getWidth() : environment.columns();
            ControlClient client = connect(endpoint, width);
            if (client == null) {
                return CONNECTION_FAILED;
            }
            try (client) {
                boolean colour = Colours.enabled(terminal, environment);
                if (options.watch) {
                    return new WatchView(terminal, client, colour).run() ? OK : CONNECTION_FAILED;
                }
                InteractiveSession.Connector reconnect = () -> ControlClient.connect(endpoint,
                        clientOptions(terminal.getWidth() > 0 ? terminal.getWidth() : environment.columns()));
                return new InteractiveSession(terminal, client, reconnect, environment.historyFile(), colour).run();
            }
        } catch (IOException e) {
            environment.err().println("taskpool: cannot use the terminal: " + e.getMessage());
            return CONNECTION_FAILED;
        }
    }

    /** Connects, or says on stderr in one line why not and returns {@code null}. */
    private ControlClient connect(ControlEndpoint endpoint, int width) {
        try {
            return ControlClient.connect(endpoint, clientOptions(width));
        } catch (ControlClientException e) {
            environment.err().println("taskpool: " + explain(e));
            return null;
        } catch (IOException e) {
            environment.err().println("taskpool: cannot connect to " + endpoint + ": " + e.getMessage());
            return null;
        }
    }

    private ControlClient.Options clientOptions(int width) {
        return ControlClient.Options.defaults()
                .withToken(options.token(environment))
                .withTerminalWidth(width)
                .withFramed(!options.text);
    }

    private static String explain(ControlClientException e) {
        if (e.reason() == ControlClientException.Reason.AUTHENTICATION_FAILED && e.getMessage().endsWith("missing token")) {
            return e.getMessage() + " (give it with --token or the " + SessionOptions.TOKEN_VARIABLE
                    + " environment variable)";
        }
        return e.getMessage();
    }

    private Iterator<String> standardInput() {
        Charset charset = Charset.defaultCharset();
        BufferedReader reader = new BufferedReader(new InputStreamReader(environment.in(), charset));
        return new Iterator<>() {
            private String next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    try {
                        next = reader.readLine();
                    } catch (IOException e) {
                        next = null;
                    }
                    done = next == null;
                }
                return next != null;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                String line = next;
                next = null;
                return line;
            }
        };
    }
}
