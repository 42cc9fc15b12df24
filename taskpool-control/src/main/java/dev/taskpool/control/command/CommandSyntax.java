package dev.taskpool.control.command;

import dev.taskpool.control.ErrorType;
import java.util.List;

/**
 * What argparse knows of one parser: the syntax of a command ({@code start}, {@code use}) or
 * of a whole line (the top level, whose one positional argument is the command). Its usage
 * line, help text and error replies are laid out as argparse lays them out
 * ({@link HelpFormatter}), and {@link ArgumentParser} parses by it.
 *
 * @param prog        the name in usage lines and before {@code error:}; empty at the top level
 * @param usage       a fixed usage line (without {@code usage: }), or {@code null} to derive it
 * @param description the paragraph below the usage line; empty for none
 * @param arguments   the arguments in the order they were declared, {@code -h} first
 * @param sections    further sections of the help text after the options, each a title and
 *                    entries
 */
record CommandSyntax(String prog, String usage, String description, List<Argument> arguments,
                     List<Section> sections) {

    /** A titled section of help entries, such as the commands of a pool. */
    record Section(String title, List<Argument> entries) {

        Section {
            entries = List.copyOf(entries);
        }
    }

    CommandSyntax {
        arguments = List.copyOf(arguments);
        sections = List.copyOf(sections);
    }

    List<Argument> positionals() {
        return arguments.stream().filter(a -> !a.isOption()).toList();
    }

    List<Argument> options() {
        return arguments.stream().filter(Argument::isOption).toList();
    }

    /** What argparse's {@code format_usage} gives: the usage line(s) and a newline. */
    String usageText(int width) {
        return new HelpFormatter(width).usage(this);
    }

    /** What {@code -h} answers: argparse's {@code format_help}. */
    String help(int width) {
        return new HelpFormatter(width).help(this);
    }

    /**
     * The reply to an argument error, as argparse's {@code error} prints it: the usage, then
     * {@code <prog>: error: <message>} and a newline.
     */
    String errorText(int width, String message) {
        return usageText(width) + prog + ": error: " + message + "\n";
    }

    /** The exception that answers {@link #errorText} with the given error type. */
    UsageException error(int width, String message, ErrorType errorType) {
        return new UsageException(errorText(width, message), errorType);
    }
}
