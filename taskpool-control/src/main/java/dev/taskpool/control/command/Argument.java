package dev.taskpool.control.command;

import java.util.List;

/**
 * One argument of a command as argparse models it (an "action"): a positional argument, an
 * option with a value, a flag, {@code -h/--help}, or the command name itself at the top of a
 * line. Help texts, usage lines, error messages and parsing are all derived from it, as
 * argparse derives them.
 *
 * @param kind    what the argument does
 * @param flags   the option strings, short first ({@code -n}, {@code --num}); empty for a positional
 * @param name    a positional's name, or an option's metavar ({@code NUM}); unused for flags
 * @param nargs   how many values it takes
 * @param help    its help text; empty for none, {@code null} to leave it out of help and usage
 * @param param   the method parameter it sets, or {@code null} for help and the command name
 */
record Argument(Kind kind, List<String> flags, String name, Nargs nargs, String help, ParamSpec param) {

    /** What an argument does when it is given. */
    enum Kind {
        /** {@code -h/--help}: asks for the help text. */
        HELP,
        /** An option without a value that sets its parameter to true. */
        FLAG,
        /** A positional argument or an option that stores its value(s). */
        VALUE,
        /** The command name and everything after it, at the top of a line. */
        COMMAND
    }

    /** argparse's {@code nargs}: how many values an argument consumes. */
    enum Nargs {
        /** No value (flags and help). */
        ZERO("()"),
        /** Exactly one value (argparse's default, {@code None}). */
        ONE("(-*A-*)"),
        /** {@code '?'}: zero or one value. */
        OPTIONAL("(-*A?-*)"),
        /** {@code '*'}: any number of values. */
        ZERO_OR_MORE("(-*[A-]*)"),
        /** {@code '+'}: at least one value. */
        ONE_OR_MORE("(-*A[A-]*)"),
        /** argparse's {@code PARSER}: a command name, then everything after it. */
        PARSER("(-*A[-AO]*)");

        private final String pattern;

        Nargs(String pattern) {
            this.pattern = pattern;
        }

        /**
         * The regular expression that matches the arguments it consumes in a string of
         * {@code A} (argument), {@code O} (option) and {@code -} ({@code --}) codes; an option
         * never consumes a {@code --}.
         */
        String pattern(boolean option) {
            return option ? pattern.replace("-*", "").replace("-", "") : pattern;
        }
    }

    static final Argument HELP_ARGUMENT = new Argument(Kind.HELP, List.of("-h", "--help"), null, Nargs.ZERO,
            "show this help message and exit", null);

    Argument {
        flags = List.copyOf(flags);
    }

    /** The command name at the top of a line; the help lists the commands instead. */
    static Argument command(String name) {
        return new Argument(Kind.COMMAND, List.of(), name, Nargs.PARSER, null, null);
    }

    /** Whether help texts and usage lines show it. */
    boolean shown() {
        return help != null;
    }

    static Argument positional(String name, Nargs nargs, String help, ParamSpec param) {
        return new Argument(Kind.VALUE, List.of(), name, nargs, help, param);
    }

    static Argument option(List<String> flags, String metavar, String help, ParamSpec param) {
        return new Argument(Kind.VALUE, flags, metavar, Nargs.ONE, help, param);
    }

    static Argument flag(List<String> flags, String help, ParamSpec param) {
        return new Argument(Kind.FLAG, flags, null, Nargs.ZERO, help, param);
    }

    boolean isOption() {
        return !flags.isEmpty();
    }

    /**
     * Whether leaving it out is an error. As in argparse (up to Python 3.12), a positional
     * taking any number of values counts as required, although it is always satisfied unless
     * an argument before it is missing.
     */
    boolean required() {
        return !isOption() && nargs != Nargs.OPTIONAL && nargs != Nargs.PARSER;
    }

    /** How errors name it: {@code -n/--num} for an option, the name of a positional. */
    String displayName() {
        return isOption() ? String.join("/", flags) : name;
    }

    /** How its help entry starts: {@code num}, {@code -h, --help}, {@code -n NUM, --num NUM}. */
    String invocation() {
        if (!isOption()) {
            return name;
        }
        if (nargs == Nargs.ZERO) {
            return String.join(", ", flags);
        }
        return String.join(", ", flags.stream().map(flag -> flag + " " + name).toList());
    }

    /** How it shows in a usage line: {@code num}, {@code [-n NUM]}, {@code [task-ids ...]}. */
    String usagePart() {
        if (isOption()) {
            return "[" + flags.get(0) + (nargs == Nargs.ZERO ? "" : " " + name) + "]";
        }
        return switch (nargs) {
            case OPTIONAL -> "[" + name + "]";
            case ZERO_OR_MORE -> "[" + name + " ...]";
            case ONE_OR_MORE -> name + " [" + name + " ...]";
            case PARSER -> name + " ...";
            default -> name;
        };
    }
}
