package dev.taskpool.cli;

import dev.taskpool.control.ControlClient;
import dev.taskpool.control.ControlClientException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * A session with a person at a terminal: line editing, a history kept across runs, tab
 * completion of command names and flags, failures in red. {@code exit} or Ctrl+D leaves;
 * Ctrl+C clears the line being typed; {@code watch} opens the live view.
 *
 * <h2>Ctrl+C while a command runs</h2>
 * Ctrl+C while the session waits for an answer stops waiting and goes back to the prompt;
 * it never ends the session. The abandoned command is not cancelled: the server runs it to
 * its end, and answers it, on the connection it came from. So that this late answer is never
 * taken for the answer to a later command, the session drops that connection and continues
 * on a new one, switched to the pool the old one used ({@code use}); the late answer has
 * nowhere to arrive.
 *
 * <p>A new connection is the only way that works in both protocols. Keeping the connection
 * and skipping the late answer could work in the framed mode, where every command gets
 * exactly one answer, in order; but the server runs a session's commands one after another,
 * so the next command would wait behind the abandoned one, for ever after
 * {@code until-closed} or a {@code gather-and-close} whose tasks never end. In the text mode
 * the late answer could not even be told from the next one: it is unframed text, and an
 * {@code ok} or a number looks the same whichever command it answers.
 *
 * <p>Not thread-safe: run by one thread, except that Ctrl+C arrives on a signal thread, which
 * only completes {@link #ctrlC}.
 */
final class InteractiveSession {

    /** Opens another connection to the server the session started on, as the first was opened. */
    @FunctionalInterface
    interface Connector {
        ControlClient connect() throws IOException;
    }

    /** Leaves the session; never sent to the server. */
    static final String EXIT = "exit";
    /** Opens the watch view; never sent to the server. */
    static final String WATCH = "watch";
    static final String PROMPT = "> ";

    private static final int HISTORY_SIZE = 1000;
    private static final String NOW_USING = "now using ";
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    private final Terminal terminal;
    private final Connector connector;
    private final Path historyFile;
    private final boolean colour;
    /** The connection commands go to; replaced after Ctrl+C abandons a command. */
    private ControlClient client;
    /** The pool a {@code use} switched to, which a new connection switches to as well; null for none. */
    private String pool;
    /**
     * Completed by Ctrl+C outside the prompt; a fresh one for every line read. While the line
     * editor reads, it takes Ctrl+C itself.
     */
    private final AtomicReference<CompletableFuture<Void>> ctrlC =
            new AtomicReference<>(new CompletableFuture<>());

    /**
     * @param client    the session's connection; the session closes it, and any it replaces it with
     * @param connector opens a new connection after Ctrl+C abandons a command
     */
    InteractiveSession(Terminal terminal, ControlClient client, Connector connector, Path historyFile,
                       boolean colour) {
        this.terminal = terminal;
        this.client = client;
        this.connector = connector;
        this.historyFile = historyFile;
        this.colour = colour;
    }

    static boolean isClientCommand(String name) {
        return name.equals(EXIT) || name.equals(WATCH);
    }

    /** Runs until the person leaves or the connection is lost; returns the exit status. */
    int run() {
        LineReader reader = lineReader();
        PrintWriter out = terminal.writer();
        out.println("Connected to " + client.poolName());
        out.println("Type '-h' to get help and usage instructions for all available commands.");
        out.println();
        out.flush();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> ctrlC.get().complete(null));
        try {
            while (true) {
                ctrlC.set(new CompletableFuture<>());
                String line;
                try {
                    line = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    // Ctrl+C: the line is dropped, the session goes on.
                    continue;
                } catch (EndOfFileException e) {
                    return SessionRunner.OK;
                }
                String command = line.strip();
                if (command.isEmpty()) {
                    continue;
                }
                if (command.equals(EXIT)) {
                    return SessionRunner.OK;
                }
                if (!execute(command)) {
                    return SessionRunner.CONNECTION_FAILED;
                }
            }
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            saveHistory(reader);
            client.close();
        }
    }

    /** Runs one command; false when the connection is lost. */
    private boolean execute(String command) {
        CompletableFuture<Void> interrupted = ctrlC.get();
        // The line editor turns a Ctrl+C that comes as it returns the line into an interrupt.
        if (Thread.interrupted() || interrupted.isDone()) {
            // Ctrl+C came before the command was sent: it is dropped, as at the prompt.
            endCtrlCLine();
            return true;
        }
        if (command.equals(WATCH)) {
            boolean connected = new WatchView(terminal, client, colour).run();
            if (!connected) {
                printError("server closed the connection");
            }
            return connected;
        }
        CompletableFuture<ControlClient.Response> answer = sendInBackground(client, command);
        // Whichever comes first; join() waits without being interruptible and never throws here.
        CompletableFuture.anyOf(answer, interrupted).handle((result, failure) -> null).join();
        if (!answer.isDone()) {
            return abandon(command);
        }
        ControlClient.Response response;
        try {
            response = answer.get();
        } catch (ExecutionException e) {
            Throwable failure = e.getCause();
            if (failure instanceof ControlClientException) {
                printError(failure.getMessage());
            } else if (failure instanceof IOException) {
                printError(failure.toString());
            } else if (failure instanceof RuntimeException runtime) {
                throw runtime;
            } else {
                throw (Error) failure;
            }
            return false;
        } catch (InterruptedException e) {
            throw new IllegalStateException("a completed future does not wait", e);
        }
        notePool(command, response);
        if (response.ok()) {
            terminal.writer().println(printable(response.output()));
        } else {
            printError(printable(response.output()));
        }
        terminal.flush();
        return true;
    }

    /**
     * Sends {@code command} on a thread of its own, so that the session can stop waiting for
     * the answer; the answer, or the failure, completes the returned future.
     */
    private static CompletableFuture<ControlClient.Response> sendInBackground(ControlClient client, String command) {
        CompletableFuture<ControlClient.Response> answer = new CompletableFuture<>();
        Thread.ofVirtual().name("taskpool-command").start(() -> {
            try {
                answer.complete(client.send(command));
            } catch (Throwable e) {
                // Handed to the session's thread, which reports it or rethrows it.
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    /**
     * Stops waiting for {@code command}: drops its connection, whose late answer then goes
     * nowhere (the sending thread fails and ends), and continues on a new one, on the same pool.
     *
     * @return false if no new connection could be made
     */
    private boolean abandon(String command) {
        client.close();
        endCtrlCLine();
        terminal.writer().println("Stopped waiting for '" + command + "'; it may still run on the server.");
        terminal.flush();
        try {
            client = connector.connect();
        } catch (IOException e) {
            printError("cannot reconnect: " + e.getMessage());
            return false;
        }
        if (pool == null || pool.equals(client.poolName())) {
            return true;
        }
        try {
            ControlClient.Response switched = client.send("use " + quoted(pool));
            if (!switched.output().startsWith(NOW_USING)) {
                printError("could not switch back to " + pool + ": " + switched.output());
                pool = null;
            }
            return true;
        } catch (ControlClientException e) {
            printError(e.getMessage());
            return false;
        } catch (IOException e) {
            printError(e.toString());
            return false;
        }
    }

    /**
     * Ends the line the terminal echoed Ctrl+C on as {@code ^C}, as it does by default
     * ({@code stty echoctl}); a terminal that echoes nothing left the line empty.
     */
    private void endCtrlCLine() {
        Attributes attributes = terminal.getAttributes();
        if (attributes.getLocalFlag(Attributes.LocalFlag.ECHO) && attributes.getLocalFlag(Attributes.LocalFlag.ECHOCTL)) {
            terminal.writer().println();
            terminal.flush();
        }
    }

    /** Remembers the pool a successful {@code use} switched to. */
    private void notePool(String command, ControlClient.Response response) {
        String[] words = command.split("\\s+", 2);
        if (words.length != 2 || !words[0].toLowerCase(Locale.ROOT).equals("use")) {
            return;
        }
        if (client.isFramed()) {
            if (response.ok() && response.value() instanceof String name) {
                pool = name;
            }
        } else if (response.output().startsWith(NOW_USING)) {
            pool = response.output().substring(NOW_USING.length()).strip();
        }
    }

    /** {@code name} as the server reads a pool name: bare when that is unambiguous, else a quoted string. */
    private static String quoted(String name) {
        if (PLAIN_NAME.matcher(name).matches()) {
            return name;
        }
        return "'" + name.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * An answer as printed on a line of its own: help and argument errors end in a newline of
     * their own (argparse's), which would otherwise leave a blank line before the next prompt
     * or answer.
     */
    static String printable(String output) {
        return output.endsWith("\n") ? output.substring(0, output.length() - 1) : output;
    }

    private void printError(String message) {
        if (colour) {
            new AttributedString(message, AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)).println(terminal);
        } else {
            terminal.writer().println(message);
        }
        terminal.flush();
    }

    private LineReader lineReader() {
        DefaultParser parser = new DefaultParser();
        // Commands hold Python-style literals: backslashes and quotes are the server's to read.
        parser.setEscapeChars(new char[0]);
        parser.setEofOnUnclosedQuote(false);
        parser.setEofOnEscapedNewLine(false);
        return LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("taskpool")
                .parser(parser)
                .completer(new CommandCompleter(new CommandCatalog(() -> client)))
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.HISTORY_SIZE, HISTORY_SIZE)
                .variable(LineReader.HISTORY_FILE_SIZE, HISTORY_SIZE)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                .build();
    }

    private void saveHistory(LineReader reader) {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            // The history is a convenience: losing it is not worth an error at exit.
        }
    }
}
