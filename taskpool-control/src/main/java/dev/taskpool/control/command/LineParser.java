package dev.taskpool.control.command;

import dev.taskpool.control.ErrorType;
import dev.taskpool.control.literal.CommandSyntaxException;
import dev.taskpool.control.literal.CommandTokenizer;
import dev.taskpool.BaseTaskPool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Turns one command line into what to run, as asyncio-taskpool's control session does with
 * argparse: the line is a top-level parser's arguments ({@code -h}, then a command and
 * everything after it), and the command's own parser takes the rest. Whatever is wrong is
 * answered in argparse's words and frame: the usage line of the parser that refused it, then
 * {@code <command>: error: <message>} (no command name for the top level's errors, such as an
 * unknown command or words left over), then a newline.
 *
 * <p>Thread-safe: one parser serves every session of a server.
 */
final class LineParser {

    /** What a line asks for. */
    sealed interface Parsed permits Nothing, Help, PoolCall, SessionCall {
    }

    /** A blank line. */
    record Nothing() implements Parsed {
    }

    /** A help text to answer with. */
    record Help(String text) implements Parsed {
    }

    /** A pool method to call with these arguments; for a property, its setter if {@code write}. */
    record PoolCall(Command command, Object[] arguments, boolean write) implements Parsed {
    }

    /** A session command; for {@code use}, the pool's name. */
    record SessionCall(String name, String argument) implements Parsed {
    }

    private final ValueConverter converter;
    private final SessionCommands sessionCommands;

    LineParser(ValueConverter converter, SessionCommands sessionCommands) {
        this.converter = converter;
        this.sessionCommands = sessionCommands;
    }

    /**
     * @param model the commands of the session's current pool
     * @param width the client's terminal width, for help and usage lines
     * @throws UsageException the reply to a line that cannot run, with its framed-mode type
     */
    Parsed parse(String line, CommandModel model, BaseTaskPool pool, int width) {
        CommandSyntax top = sessionCommands.lineSyntax(model, pool);
        List<CommandTokenizer.Token> words;
        try {
            words = CommandTokenizer.tokenize(line);
        } catch (CommandSyntaxException e) {
            throw syntaxOfFirstWord(line, model, top).error(width, e.getMessage(), ErrorType.SYNTAX);
        }
        if (words.isEmpty()) {
            return new Nothing();
        }
        if (words.get(0).text().equalsIgnoreCase("help")) {
            return new Help(top.help(width));
        }
        Parsed[] parsed = new Parsed[1];
        Outcome outcome = new Outcome(width);
        try {
            outcome.leftOver.addAll(ArgumentParser.parseKnown(top, words, width, (argument, values) -> {
                if (argument.kind() == Argument.Kind.HELP) {
                    throw new ArgumentParser.HelpRequested(top);
                }
                parsed[0] = command(values, model, outcome);
            }));
        } catch (ArgumentParser.HelpRequested e) {
            return new Help(e.syntax().help(width));
        }
        if (!outcome.leftOver.isEmpty()) {
            List<String> texts = outcome.leftOver.stream().map(CommandTokenizer.Token::text).toList();
            throw top.error(width, "unrecognized arguments: " + String.join(" ", texts), ErrorType.USAGE);
        }
        if (!outcome.valueless.isEmpty()) {
            throw outcome.valueless.values().iterator().next();
        }
        // Only options were given (none of them -h): nothing to run, as argparse would do.
        return parsed[0] != null ? parsed[0] : new Nothing();
    }

    /** What parsing a command leaves for the line to check once every word is read. */
    private static final class Outcome {

        final int width;
        /** Unknown options and surplus values, of the line and of its command. */
        final List<CommandTokenizer.Token> leftOver = new ArrayList<>();
        /**
         * An option given {@code --} as its attached value ({@code -g=--}): argparse takes it
         * as no value at all and complains only if nothing else is wrong with the line; so do we.
         */
        final Map<Argument, UsageException> valueless = new LinkedHashMap<>();

        Outcome(int width) {
            this.width = width;
        }
    }

    /** The command named by the first word, parsed with the words after it. */
    private Parsed command(List<CommandTokenizer.Token> words, CommandModel model, Outcome outcome) {
        String name = words.get(0).text();
        List<CommandTokenizer.Token> rest = words.subList(1, words.size());
        Command command = model.find(name);
        if (command != null) {
            return poolCall(command, rest, outcome);
        }
        String sessionName = name.toLowerCase(Locale.ROOT);
        if (SessionCommands.NAMES.contains(sessionName)) {
            return sessionCall(sessionName, rest, outcome);
        }
        List<String> choices = sessionCommands.commandNames(model).stream().map(ArgumentParser::repr).toList();
        throw new ArgumentParser.ArgumentError("invalid choice: " + ArgumentParser.repr(name)
                + " (choose from " + String.join(", ", choices) + ")", ErrorType.UNKNOWN_COMMAND);
    }

    private Parsed poolCall(Command command, List<CommandTokenizer.Token> words, Outcome outcome) {
        CommandSyntax syntax = command.syntax();
        List<ParamSpec> params = command.params();
        Object[] values = new Object[params.size()];
        boolean[] given = new boolean[params.size()];
        boolean[] write = new boolean[1];
        outcome.leftOver.addAll(ArgumentParser.parseKnown(syntax, words, outcome.width, (argument, tokens) -> {
            if (argument.kind() == Argument.Kind.HELP) {
                throw new ArgumentParser.HelpRequested(syntax);
            }
            int index = params.indexOf(argument.param());
            given[index] = true;
            outcome.valueless.remove(argument);
            if (argument.kind() == Argument.Kind.FLAG) {
                values[index] = Boolean.TRUE;
            } else if (command.isProperty()) {
                if (!tokens.isEmpty()) {
                    values[index] = converter.convert(argument.param(), tokens.get(0), true);
                    write[0] = true;
                }
            } else if (argument.nargs() == Argument.Nargs.ZERO_OR_MORE) {
                values[index] = converter.convertAll(argument.param(), tokens);
            } else if (argument.nargs() == Argument.Nargs.OPTIONAL && tokens.isEmpty()) {
                given[index] = false;
            } else if (tokens.isEmpty()) {
                outcome.valueless.put(argument, syntax.error(outcome.width,
                        "argument " + argument.displayName() + ": expected one argument", ErrorType.USAGE));
            } else {
                values[index] = converter.convert(argument.param(), tokens.get(0), false);
            }
        }));
        if (command.isProperty()) {
            return new PoolCall(command, write[0] ? values : new Object[0], write[0]);
        }
        for (int i = 0; i < params.size(); i++) {
            ParamSpec p = params.get(i);
            if (!given[i]) {
                values[i] = p.isFlag() ? Boolean.FALSE : p.variadic()
                        ? converter.convertAll(p, List.of()) : converter.defaultValue(p);
            }
        }
        return new PoolCall(command, values, false);
    }

    private Parsed sessionCall(String name, List<CommandTokenizer.Token> words, Outcome outcome) {
        CommandSyntax syntax = sessionCommands.syntax(name);
        String[] pool = new String[1];
        outcome.leftOver.addAll(ArgumentParser.parseKnown(syntax, words, outcome.width, (argument, tokens) -> {
            if (argument.kind() == Argument.Kind.HELP) {
                throw new ArgumentParser.HelpRequested(syntax);
            }
            String wanted;
            try {
                wanted = tokens.get(0).unquoted();
            } catch (CommandSyntaxException e) {
                throw new ArgumentParser.ArgumentError(e.getMessage(), ErrorType.SYNTAX);
            }
            pool[0] = sessionCommands.poolNamed(wanted);
            if (pool[0] == null) {
                throw new ArgumentParser.ArgumentError("invalid choice: " + ArgumentParser.repr(wanted)
                        + " (choose from " + sessionCommands.poolChoices() + ")");
            }
        }));
        return new SessionCall(name, pool[0]);
    }

    /**
     * The syntax whose usage frames a line that cannot even be split into words: its
     * command's, if the line starts with one, else the top level's.
     */
    private CommandSyntax syntaxOfFirstWord(String line, CommandModel model, CommandSyntax top) {
        String first = line.strip().split("\\s+", 2)[0];
        Command command = model.find(first);
        if (command != null) {
            return command.syntax();
        }
        String lower = first.toLowerCase(Locale.ROOT);
        return SessionCommands.NAMES.contains(lower) ? sessionCommands.syntax(lower) : top;
    }
}
