package dev.taskpool.control.command;

import dev.taskpool.control.text.TextWrap;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lays out usage lines and help texts exactly as argparse's {@code HelpFormatter} does at a
 * given width (the client's terminal width, as asyncio-taskpool passes it to argparse):
 *
 * <ul>
 *   <li>A usage line longer than the width is wrapped between whole parts, never inside a
 *       bracket group: options continue under the first one, and positional arguments start
 *       a line of their own; a long command name goes on a line by itself.</li>
 *   <li>Help entries start at column 2; their help starts in a column two past the longest
 *       entry, but no further than 24 (less on narrow terminals); an entry too long for that
 *       column puts its help on the next line.</li>
 *   <li>Help and descriptions wrap as Python's {@code textwrap} wraps ({@link TextWrap}).</li>
 * </ul>
 *
 * <p>Not thread-safe; one per text.
 */
final class HelpFormatter {

    private static final String USAGE_PREFIX = "usage: ";
    private static final int INDENT = 2;
    private static final Pattern USAGE_PART = Pattern.compile("\\(.*?\\)+(?=\\s|$)|\\[.*?\\]+(?=\\s|$)|\\S+");
    private static final Pattern ASCII_WHITESPACE = Pattern.compile("[ \\t\\n\\r\\f\\u000B]+");

    private final int width;
    private final int maxHelpPosition;

    /** @param width the terminal width, in columns */
    HelpFormatter(int width) {
        this.width = width;
        this.maxHelpPosition = Math.min(24, Math.max(width - 20, INDENT * 2));
    }

    /** argparse's {@code format_usage}: the usage line(s), then a newline. */
    String usage(CommandSyntax syntax) {
        return finish(usageBlock(syntax));
    }

    /** argparse's {@code format_help}: usage, description, then each non-empty section. */
    String help(CommandSyntax syntax) {
        StringBuilder out = new StringBuilder(usageBlock(syntax));
        if (!syntax.description().isEmpty()) {
            out.append(TextWrap.fill(collapse(syntax.description()), Math.max(width, 11), "")).append("\n\n");
        }
        List<CommandSyntax.Section> sections = new ArrayList<>();
        sections.add(new CommandSyntax.Section("positional arguments", shown(syntax.positionals())));
        sections.add(new CommandSyntax.Section("options", shown(syntax.options())));
        for (CommandSyntax.Section section : syntax.sections()) {
            sections.add(new CommandSyntax.Section(section.title(), shown(section.entries())));
        }
        int longest = 0;
        for (CommandSyntax.Section section : sections) {
            for (Argument entry : section.entries()) {
                longest = Math.max(longest, entry.invocation().length() + INDENT);
            }
        }
        for (CommandSyntax.Section section : sections) {
            if (section.entries().isEmpty()) {
                continue;
            }
            out.append('\n').append(section.title()).append(":\n");
            for (Argument entry : section.entries()) {
                out.append(entry(entry, longest));
            }
            out.append('\n');
        }
        return finish(out.toString());
    }

    /** Runs of three or more newlines become two; the text ends in exactly one newline. */
    private static String finish(String text) {
        String collapsed = text.replaceAll("\n\n\n+", "\n\n");
        int start = 0;
        int end = collapsed.length();
        while (start < end && collapsed.charAt(start) == '\n') {
            start++;
        }
        while (end > start && collapsed.charAt(end - 1) == '\n') {
            end--;
        }
        return collapsed.substring(start, end) + "\n";
    }

    /** One help entry: its invocation at column 2, its help wrapped in the help column. */
    private String entry(Argument entry, int longest) {
        int helpPosition = Math.min(longest + 2, maxHelpPosition);
        int helpWidth = Math.max(width - helpPosition, 11);
        int actionWidth = helpPosition - INDENT - 2;
        String header = entry.invocation();
        String indent = " ".repeat(INDENT);
        StringBuilder out = new StringBuilder();
        int firstIndent;
        if (entry.help().isEmpty()) {
            return indent + header + "\n";
        } else if (header.length() <= actionWidth) {
            out.append(indent).append(header).append(" ".repeat(actionWidth - header.length())).append("  ");
            firstIndent = 0;
        } else {
            out.append(indent).append(header).append('\n');
            firstIndent = helpPosition;
        }
        if (TextWrap.isBlank(entry.help())) {
            return header.length() <= actionWidth ? out.append('\n').toString() : out.toString();
        }
        List<String> lines = TextWrap.wrap(collapse(entry.help()), helpWidth);
        out.append(" ".repeat(firstIndent)).append(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            out.append(" ".repeat(helpPosition)).append(line).append('\n');
        }
        return out.toString();
    }

    /** argparse's {@code _format_usage}: {@code usage: <line(s)>} and a blank line. */
    private String usageBlock(CommandSyntax syntax) {
        if (syntax.usage() != null) {
            return USAGE_PREFIX + syntax.usage() + "\n\n";
        }
        String prog = syntax.prog();
        List<Argument> optionals = shown(syntax.options());
        List<Argument> positionals = shown(syntax.positionals());
        List<Argument> all = new ArrayList<>(optionals);
        all.addAll(positionals);
        String actionUsage = actionsUsage(all);
        String usage = prog.isEmpty() ? actionUsage : actionUsage.isEmpty() ? prog : prog + " " + actionUsage;
        if (USAGE_PREFIX.length() + usage.length() > width) {
            usage = wrapUsage(prog, parts(actionsUsage(optionals)), parts(actionsUsage(positionals)));
        }
        return USAGE_PREFIX + usage + "\n\n";
    }

    private String wrapUsage(String prog, List<String> optParts, List<String> posParts) {
        List<String> lines;
        if (USAGE_PREFIX.length() + prog.length() <= 0.75 * width) {
            String indent = " ".repeat(USAGE_PREFIX.length() + prog.length() + 1);
            if (!optParts.isEmpty()) {
                List<String> first = new ArrayList<>();
                first.add(prog);
                first.addAll(optParts);
                lines = usageLines(first, indent, true);
                lines.addAll(usageLines(posParts, indent, false));
            } else if (!posParts.isEmpty()) {
                List<String> first = new ArrayList<>();
                first.add(prog);
                first.addAll(posParts);
                lines = usageLines(first, indent, true);
            } else {
                lines = new ArrayList<>(List.of(prog));
            }
        } else {
            String indent = " ".repeat(USAGE_PREFIX.length());
            List<String> parts = new ArrayList<>(optParts);
            parts.addAll(posParts);
            lines = usageLines(parts, indent, false);
            if (lines.size() > 1) {
                lines = usageLines(optParts, indent, false);
                lines.addAll(usageLines(posParts, indent, false));
            }
            lines.add(0, prog);
        }
        return String.join("\n", lines);
    }

    /**
     * Fills lines with whole parts; the first line of a block that follows {@code usage: }
     * counts the prefix and is not indented.
     */
    private List<String> usageLines(List<String> parts, String indent, boolean afterPrefix) {
        List<String> lines = new ArrayList<>();
        List<String> line = new ArrayList<>();
        int lineLength = (afterPrefix ? USAGE_PREFIX.length() : indent.length()) - 1;
        for (String part : parts) {
            if (lineLength + 1 + part.length() > width && !line.isEmpty()) {
                lines.add(indent + String.join(" ", line));
                line.clear();
                lineLength = indent.length() - 1;
            }
            line.add(part);
            lineLength += part.length() + 1;
        }
        if (!line.isEmpty()) {
            lines.add(indent + String.join(" ", line));
        }
        if (afterPrefix) {
            lines.set(0, lines.get(0).substring(indent.length()));
        }
        return lines;
    }

    private static List<Argument> shown(List<Argument> arguments) {
        return arguments.stream().filter(Argument::shown).toList();
    }

    /** argparse's {@code _format_actions_usage}: the parts joined, empty brackets removed. */
    private static String actionsUsage(List<Argument> arguments) {
        String text = String.join(" ", arguments.stream().map(Argument::usagePart).toList());
        text = text.replaceAll("([\\[(]) ", "$1");
        text = text.replaceAll(" ([\\])])", "$1");
        text = text.replaceAll("[\\[(] *[\\])]", "");
        text = text.replaceAll("\\(([^|]*)\\)", "$1");
        return text.strip();
    }

    /** Splits a usage into the parts a line may break between: bracket groups stay whole. */
    private static List<String> parts(String usage) {
        List<String> parts = new ArrayList<>();
        Matcher matcher = USAGE_PART.matcher(usage);
        while (matcher.find()) {
            parts.add(matcher.group());
        }
        return parts;
    }

    /** argparse collapses whitespace runs (ASCII only) to one space before wrapping. */
    private static String collapse(String text) {
        return ASCII_WHITESPACE.matcher(text).replaceAll(" ").strip();
    }
}
