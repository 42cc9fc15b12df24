package dev.taskpool.control.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the arguments of one command line against its {@link Command}, argparse-style:
 * positional arguments in order, options as {@code -n 3}, {@code -n=3}, {@code --num 3} or
 * {@code --num=3}, flags alone, {@code -h}/{@code --help} anywhere. Option names match
 * ignoring case.
 *
 * <p>Thread-safe (stateless apart from the shared converter).
 */
final class ArgumentParser {

    /** The parsed call: the method's arguments, or a request for the command's help. */
    record Parsed(boolean helpRequested, Object[] arguments, boolean propertyWrite) {
    }

    private final ValueConverter converter;

    ArgumentParser(ValueConverter converter) {
        this.converter = converter;
    }

    /**
     * @param args the tokens after the command name
     * @throws UsageException   naming what was wrong
     * @throws RefusedException for a function that is not registered
     */
    Parsed parse(Command command, List<CommandTokenizer.Token> args) {
        List<CommandTokenizer.Token> positional = new ArrayList<>();
        Map<ParamSpec, Object> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            CommandTokenizer.Token token = args.get(i);
            String text = token.text();
            if (text.equals("-h") || text.equals("--help")) {
                return new Parsed(true, null, false);
            }
            if (!isOption(text)) {
                positional.add(token);
                continue;
            }
            int eq = text.indexOf('=');
            String flag = eq < 0 ? text : text.substring(0, eq);
            ParamSpec option = option(command, flag);
            if (options.containsKey(option)) {
                throw new UsageException("argument " + option.optionLabel().split(" ")[0]
                        + " given more than once");
            }
            if (option.isFlag()) {
                if (eq >= 0) {
                    throw new UsageException("argument " + flag + " takes no value");
                }
                options.put(option, Boolean.TRUE);
                continue;
            }
            CommandTokenizer.Token value;
            if (eq >= 0) {
                value = new CommandTokenizer.Token(text.substring(eq + 1), token.start() + eq + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException("argument " + flag + ": expected a value (" + option.metavar() + ")");
            }
            options.put(option, converter.convert(option, value, false));
        }
        return bind(command, positional, options);
    }

    private Parsed bind(Command command, List<CommandTokenizer.Token> positional, Map<ParamSpec, Object> options) {
        if (command.isProperty()) {
            if (positional.size() > 1) {
                throw unrecognized(positional.subList(1, positional.size()));
            }
            if (positional.isEmpty()) {
                return new Parsed(false, new Object[0], false);
            }
            ParamSpec value = command.params().get(0);
            return new Parsed(false, new Object[] {converter.convert(value, positional.get(0), true)}, true);
        }
        List<ParamSpec> params = command.params();
        Object[] values = new Object[params.size()];
        int next = 0;
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            ParamSpec p = params.get(i);
            if (p.variadic()) {
                List<CommandTokenizer.Token> rest = positional.subList(Math.min(next, positional.size()), positional.size());
                if (rest.isEmpty() && !p.optional()) {
                    missing.add(p.name());
                }
                values[i] = converter.convertAll(p, rest);
                next = positional.size();
            } else if (p.isPositional()) {
                if (next < positional.size()) {
                    values[i] = converter.convert(p, positional.get(next++), false);
                } else {
                    missing.add(p.name());
                }
            } else if (options.containsKey(p)) {
                values[i] = options.get(p);
            } else {
                values[i] = p.isFlag() ? Boolean.FALSE : converter.defaultValue(p);
            }
        }
        if (!missing.isEmpty()) {
            throw new UsageException("the following arguments are required: " + String.join(", ", missing));
        }
        if (next < positional.size()) {
            throw unrecognized(positional.subList(next, positional.size()));
        }
        return new Parsed(false, values, false);
    }

    private static ParamSpec option(Command command, String flag) {
        String lower = flag.toLowerCase(Locale.ROOT);
        for (ParamSpec p : command.options()) {
            if (lower.equals("--" + p.name()) || (p.shortName() != null && lower.equals("-" + p.shortName()))) {
                return p;
            }
        }
        List<String> known = new ArrayList<>();
        for (ParamSpec p : command.options()) {
            known.add(p.shortName() != null ? "-" + p.shortName() + "/--" + p.name() : "--" + p.name());
        }
        throw new UsageException("unrecognized option " + flag
                + (known.isEmpty() ? "; " + command.name() + " takes no options" : "; options are " + String.join(", ", known)));
    }

    /** {@code -n}, {@code --num-concurrent=3}; not {@code -1}, which is a negative number. */
    private static boolean isOption(String text) {
        if (text.startsWith("--") && text.length() > 2) {
            return Character.isLetter(text.charAt(2));
        }
        return text.length() >= 2 && text.charAt(0) == '-' && Character.isLetter(text.charAt(1));
    }

    private static UsageException unrecognized(List<CommandTokenizer.Token> extra) {
        List<String> texts = extra.stream().map(CommandTokenizer.Token::text).toList();
        return new UsageException("unrecognized arguments: " + String.join(" ", texts));
    }
}
