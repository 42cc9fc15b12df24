package dev.taskpool.cli;

import dev.taskpool.control.ControlClient;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * What tab completion offers: the command names (from the framed handshake, or read from the
 * server's {@code -h} in text mode) plus the client's own {@code exit} and {@code watch}, and
 * the pools of the framed handshake, and each command's flags, learnt the first time they are asked for by sending {@code COMMAND -h}
 * and reading its {@code options:} section.
 *
 * <p>Not thread-safe: used by the session's one thread.
 */
final class CommandCatalog {

    private final Supplier<ControlClient> client;
    private final Map<String, List<String>> flags = new HashMap<>();
    private List<String> names;

    /** @param client the session's connection of the moment, which a new one may replace */
    CommandCatalog(Supplier<ControlClient> client) {
        this.client = client;
    }

    /** Every command name, sorted. */
    List<String> commandNames() {
        if (names == null) {
            TreeSet<String> all = new TreeSet<>(client.get().commands());
            if (all.isEmpty()) {
                all.addAll(HelpText.commands(help("-h")));
            }
            all.add(InteractiveSession.EXIT);
            all.add(InteractiveSession.WATCH);
            names = List.copyOf(all);
        }
        return names;
    }

    /** The pools a session can switch to with {@code use}; empty in text mode. */
    List<String> pools() {
        return client.get().pools();
    }

    /** The flags of {@code command}, such as {@code -h} and {@code --num-concurrent}; empty if unknown. */
    List<String> flags(String command) {
        if (command.isEmpty() || command.startsWith("-") || InteractiveSession.isClientCommand(command)) {
            return List.of();
        }
        return flags.computeIfAbsent(command, name -> HelpText.flags(help(name + " -h")));
    }

    private String help(String line) {
        ControlClient connection = client.get();
        if (connection.isClosed()) {
            return "";
        }
        try {
            ControlClient.Response response = connection.send(line);
            return response.ok() ? response.output() : "";
        } catch (IOException e) {
            // Completion offers nothing; the next command reports the lost connection.
            return "";
        }
    }
}
