package dev.taskpool.control.command;

import dev.taskpool.control.ErrorType;
import dev.taskpool.control.literal.CommandTokenizer;
import dev.taskpool.control.literal.LiteralParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the words of a command line against a {@link CommandSyntax} by the rules of
 * Python's argparse (as of Python 3.11, which asyncio-taskpool's clients meet), so that every
 * line is accepted or refused as the reference server would, with the same message:
 *
 * <ul>
 *   <li>A word is an option if it starts with {@code -} and names one, exactly, by an
 *       unambiguous prefix of a long option ({@code --num} for {@code --num-concurrent}),
 *       with {@code =value}, or as a short option with its value attached ({@code -n3});
 *       a negative number or a word with a space is a value. Any other word starting with
 *       {@code -} is an unknown option: it is left over, as are surplus values.</li>
 *   <li>Positional arguments take values greedily, in runs between options; an option takes
 *       the value after it; {@code --} makes every later word a value.</li>
 *   <li>Values are converted as they are taken, in order, so the first bad one is reported;
 *       {@code -h} answers the help when it is reached.</li>
 * </ul>
 *
 * <p>Option names also match ignoring case, since some clients lower-case every line.
 * Stateless and thread-safe.
 */
final class ArgumentParser {

    /** What taking an argument does: store its values, show help, run a command. */
    @FunctionalInterface
    interface Actions {
        /**
         * @param values the words it took ({@code --} removed), or its attached value
         * @throws ArgumentError if a value is not acceptable
         */
        void take(Argument argument, List<CommandTokenizer.Token> values);
    }

    /** A value an argument refuses; the parser adds which argument. */
    static final class ArgumentError extends RuntimeException {

        private final ErrorType errorType;

        /**
         * @param message   argparse's message after {@code argument <name>: }
         * @param errorType the framed mode's error type for it
         */
        ArgumentError(String message, ErrorType errorType) {
            super(message, null, false, false);
            this.errorType = errorType;
        }

        ArgumentError(String message) {
            this(message, ErrorType.USAGE);
        }

        ErrorType errorType() {
            return errorType;
        }
    }

    /** {@code -h} was given: the help of {@code syntax} answers the line. */
    static final class HelpRequested extends RuntimeException {

        private final transient CommandSyntax syntax;

        HelpRequested(CommandSyntax syntax) {
            super(null, null, false, false);
            this.syntax = syntax;
        }

        CommandSyntax syntax() {
            return syntax;
        }
    }

    private static final Pattern NEGATIVE_NUMBER = Pattern.compile("^-\\d+$|^-\\d*\\.\\d+$",
            Pattern.UNICODE_CHARACTER_CLASS);

    /** An option word resolved: the argument it names (null if none), as which string, and an attached value. */
    private record OptionWord(Argument argument, String optionString, String explicitValue) {
    }

    private final CommandSyntax syntax;
    private final int width;
    private final Actions actions;
    private final Map<String, Argument> optionStrings = new LinkedHashMap<>();

    private ArgumentParser(CommandSyntax syntax, int width, Actions actions) {
        this.syntax = syntax;
        this.width = width;
        this.actions = actions;
        for (Argument option : syntax.options()) {
            for (String flag : option.flags()) {
                optionStrings.put(flag, option);
            }
        }
    }

    /**
     * Parses {@code words}, taking each argument through {@code actions} as it is reached.
     *
     * @param width the client's terminal width, for the usage line of an error
     * @return the words left over (unknown options, surplus values), for the caller to refuse
     * @throws UsageException for a bad or missing argument, framed with this syntax's usage
     * @throws HelpRequested  when {@code -h} is reached
     */
    static List<CommandTokenizer.Token> parseKnown(CommandSyntax syntax, List<CommandTokenizer.Token> words,
                                                   int width, Actions actions) {
        return new ArgumentParser(syntax, width, actions).parse(words);
    }

    private List<CommandTokenizer.Token> parse(List<CommandTokenizer.Token> words) {
        TreeMap<Integer, OptionWord> options = new TreeMap<>();
        StringBuilder codes = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            String text = words.get(i).text();
            if (text.equals("--")) {
                codes.append('-');
                codes.append("A".repeat(words.size() - i - 1));
                break;
            }
            OptionWord option = optionWord(text);
            if (option == null) {
                codes.append('A');
            } else {
                options.put(i, option);
                codes.append('O');
            }
        }
        return new Run(words, codes.toString(), options).parse();
    }

    /** One pass over the words, as argparse's {@code _parse_known_args}. */
    private final class Run {

        private final List<CommandTokenizer.Token> words;
        private final String codes;
        private final TreeMap<Integer, OptionWord> options;
        private final List<Argument> positionals = new ArrayList<>(syntax.positionals());
        private final Set<Argument> seen = new HashSet<>();
        private final List<CommandTokenizer.Token> extras = new ArrayList<>();

        Run(List<CommandTokenizer.Token> words, String codes, TreeMap<Integer, OptionWord> options) {
            this.words = words;
            this.codes = codes;
            this.options = options;
        }

        List<CommandTokenizer.Token> parse() {
            int start = 0;
            int lastOption = options.isEmpty() ? -1 : options.lastKey();
            while (start <= lastOption) {
                int nextOption = options.ceilingKey(start);
                if (start != nextOption) {
                    int end = consumePositionals(start);
                    if (end > start) {
                        start = end;
                        continue;
                    }
                }
                if (!options.containsKey(start)) {
                    extras.addAll(words.subList(start, nextOption));
                    start = nextOption;
                }
                start = consumeOption(start);
            }
            int stop = consumePositionals(start);
            extras.addAll(words.subList(stop, words.size()));
            List<String> missing = new ArrayList<>();
            for (Argument argument : syntax.arguments()) {
                if (!seen.contains(argument) && argument.required()) {
                    missing.add(argument.displayName());
                }
            }
            if (!missing.isEmpty()) {
                throw syntax.error(width, "the following arguments are required: " + String.join(", ", missing),
                        ErrorType.USAGE);
            }
            return extras;
        }

        /** Gives the run of values at {@code start} to as many positional arguments as can take them. */
        private int consumePositionals(int start) {
            List<Integer> counts = matchPartial(codes.substring(start));
            for (int i = 0; i < counts.size(); i++) {
                int count = counts.get(i);
                take(positionals.get(i), new ArrayList<>(words.subList(start, start + count)));
                start += count;
            }
            positionals.subList(0, counts.size()).clear();
            return start;
        }

        /** The counts of values for the longest prefix of the remaining positionals that matches. */
        private List<Integer> matchPartial(String remaining) {
            for (int n = positionals.size(); n > 0; n--) {
                StringBuilder regex = new StringBuilder();
                for (Argument argument : positionals.subList(0, n)) {
                    regex.append(argument.nargs().pattern(false));
                }
                Matcher matcher = Pattern.compile(regex.toString()).matcher(remaining);
                if (matcher.lookingAt()) {
                    List<Integer> counts = new ArrayList<>();
                    for (int group = 1; group <= matcher.groupCount(); group++) {
                        counts.add(matcher.group(group).length());
                    }
                    return counts;
                }
            }
            return List.of();
        }

        /** Takes the option at {@code start} with its value; returns where the next word is. */
        private int consumeOption(int start) {
            OptionWord word = options.get(start);
            Argument argument = word.argument();
            String optionString = word.optionString();
            String explicit = word.explicitValue();
            CommandTokenizer.Token token = words.get(start);
            record Taken(Argument argument, List<CommandTokenizer.Token> values) {
            }
            List<Taken> taken = new ArrayList<>();
            int stop;
            while (true) {
                if (argument == null) {
                    extras.add(token);
                    return start + 1;
                }
                if (explicit != null) {
                    int count = matchArgument(argument, "A");
                    if (count == 0 && optionString.charAt(1) != '-' && !explicit.isEmpty()) {
                        // -rh: a flag followed by more single-letter options
                        taken.add(new Taken(argument, List.of()));
                        int first = explicit.offsetByCodePoints(0, 1);
                        String next = optionString.charAt(0) + explicit.substring(0, first);
                        String rest = explicit.substring(first);
                        Argument nextArgument = lookup(next);
                        if (nextArgument == null) {
                            throw argumentError(argument, "ignored explicit argument " + repr(explicit), ErrorType.USAGE);
                        }
                        argument = nextArgument;
                        optionString = next;
                        explicit = rest.isEmpty() ? null : rest;
                    } else if (count == 1) {
                        stop = start + 1;
                        int column = token.start() + token.text().length() - explicit.length();
                        taken.add(new Taken(argument, new ArrayList<>(List.of(
                                new CommandTokenizer.Token(explicit, column)))));
                        break;
                    } else {
                        throw argumentError(argument, "ignored explicit argument " + repr(explicit), ErrorType.USAGE);
                    }
                } else {
                    int from = start + 1;
                    int count = matchArgument(argument, codes.substring(from));
                    stop = from + count;
                    taken.add(new Taken(argument, new ArrayList<>(words.subList(from, stop))));
                    break;
                }
            }
            for (Taken t : taken) {
                take(t.argument(), t.values());
            }
            return stop;
        }

        private void take(Argument argument, List<CommandTokenizer.Token> values) {
            seen.add(argument);
            if (argument.nargs() != Argument.Nargs.PARSER) {
                for (int i = 0; i < values.size(); i++) {
                    if (values.get(i).text().equals("--")) {
                        values.remove(i);
                        break;
                    }
                }
            }
            try {
                actions.take(argument, values);
            } catch (ArgumentError e) {
                throw argumentError(argument, e.getMessage(), e.errorType());
            }
        }
    }

    /** How many of the words coded {@code codes} an option takes, or argparse's complaint. */
    private int matchArgument(Argument argument, String codes) {
        Matcher matcher = Pattern.compile(argument.nargs().pattern(true)).matcher(codes);
        if (!matcher.lookingAt()) {
            String message = switch (argument.nargs()) {
                case OPTIONAL -> "expected at most one argument";
                case ONE_OR_MORE -> "expected at least one argument";
                default -> "expected one argument";
            };
            throw argumentError(argument, message, ErrorType.USAGE);
        }
        return matcher.group(1).length();
    }

    private UsageException argumentError(Argument argument, String message, ErrorType errorType) {
        return syntax.error(width, "argument " + argument.displayName() + ": " + message, errorType);
    }

    /** argparse's {@code _parse_optional}: whether a word is an option, and which. */
    private OptionWord optionWord(String text) {
        if (text.isEmpty() || text.charAt(0) != '-') {
            return null;
        }
        Argument exact = lookup(text);
        if (exact != null) {
            return new OptionWord(exact, text, null);
        }
        if (text.length() == 1) {
            return null;
        }
        int eq = text.indexOf('=');
        if (eq >= 0) {
            Argument named = lookup(text.substring(0, eq));
            if (named != null) {
                return new OptionWord(named, text.substring(0, eq), text.substring(eq + 1));
            }
        }
        List<OptionWord> candidates = prefixMatches(text);
        if (candidates.size() > 1) {
            String matches = String.join(", ", candidates.stream().map(OptionWord::optionString).toList());
            throw syntax.error(width, "ambiguous option: " + text + " could match " + matches, ErrorType.USAGE);
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (NEGATIVE_NUMBER.matcher(text).find() || text.contains(" ")) {
            return null;
        }
        return new OptionWord(null, text, null);
    }

    /** argparse's {@code _get_option_tuples}: options a word may abbreviate or carry a value for. */
    private List<OptionWord> prefixMatches(String text) {
        List<OptionWord> result = new ArrayList<>();
        if (text.startsWith("--")) {
            int eq = text.indexOf('=');
            String prefix = lower(eq >= 0 ? text.substring(0, eq) : text);
            String explicit = eq >= 0 ? text.substring(eq + 1) : null;
            optionStrings.forEach((flag, argument) -> {
                if (flag.startsWith(prefix)) {
                    result.add(new OptionWord(argument, flag, explicit));
                }
            });
        } else {
            String prefix = lower(text);
            String shortPrefix = lower(text.substring(0, 2));
            String shortExplicit = text.substring(2);
            optionStrings.forEach((flag, argument) -> {
                if (flag.equals(shortPrefix)) {
                    result.add(new OptionWord(argument, flag, shortExplicit));
                } else if (flag.startsWith(prefix)) {
                    result.add(new OptionWord(argument, flag, null));
                }
            });
        }
        return result;
    }

    /** The option {@code flag} names, exactly or ignoring case. */
    private Argument lookup(String flag) {
        Argument exact = optionStrings.get(flag);
        return exact != null ? exact : optionStrings.get(lower(flag));
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** Python's {@code repr} of a string, as argparse quotes values in its messages. */
    static String repr(String text) {
        return LiteralParser.format(text);
    }
}
