package dev.taskpool.cli;

import dev.taskpool.control.ControlClient;
import dev.taskpool.control.ControlClientException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * A session with a person at a terminal: line editing, a history kept across runs, tab
 * completion of command names and flags, failures in red. {@code exit} or Ctrl+D leaves;
 * Ctrl+C clears the line being typed; {@code watch} opens the live view.
 */
final class InteractiveSession {

    /** Leaves the session; never sent to the server. */
    static final String EXIT = "exit";
    /** Opens the watch view; never sent to the server. */
    static final String WATCH = "watch";
    static final String PROMPT = "> ";

    private static final int HISTORY_SIZE = 1000;

    private final Terminal terminal;
    private final ControlClient client;
    private final Path historyFile;
    private final boolean colour;

    InteractiveSession(Terminal terminal, ControlClient client, Path historyFile, boolean colour) {
        this.terminal = terminal;
        this.client = client;
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
        try {
            while (true) {
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
            saveHistory(reader);
        }
    }

    /** Runs one command; false when the connection is lost. */
    private boolean execute(String command) {
        if (command.equals(WATCH)) {
            boolean connected = new WatchView(terminal, client, colour).run();
            if (!connected) {
                printError("server closed the connection");
            }
            return connected;
        }
        ControlClient.Response response;
        try {
            response = client.send(command);
        } catch (ControlClientException e) {
            printError(e.getMessage());
            return false;
        } catch (IOException e) {
            printError(e.toString());
            return false;
        }
        if (response.ok()) {
            terminal.writer().println(response.output());
        } else {
            printError(response.output());
        }
        terminal.flush();
        return true;
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
                .completer(new CommandCompleter(new CommandCatalog(client)))
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
