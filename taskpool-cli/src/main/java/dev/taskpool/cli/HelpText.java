package dev.taskpool.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what completion needs out of the server's help texts, which are laid out like
 * Python's argparse: the flags of a command from the {@code options:} section of
 * {@code COMMAND -h}, and, in text mode where the handshake lists no commands, the command
 * names from the sections of {@code -h}.
 *
 * <p>Stateless.
 */
final class HelpText {

    private static final Pattern ENTRY = Pattern.compile("^ {2,4}([A-Za-z][\\w-]*)(?: {2,}.*)?$");

    private HelpText() {
    }

    /**
     * The flags listed in the {@code options:} (or argparse's older {@code optional arguments:})
     * section: {@code -n, --num-concurrent NUM_CONCURRENT} gives {@code -n} and
     * {@code --num-concurrent}.
     */
    static List<String> flags(String help) {
        Set<String> flags = new LinkedHashSet<>();
        boolean inOptions = false;
        for (String line : help.lines().toList()) {
            String trimmed = line.strip();
            if (!inOptions) {
                inOptions = isOptionsHeader(trimmed);
                continue;
            }
            if (trimmed.isEmpty() || !Character.isWhitespace(line.charAt(0))) {
                break;
            }
            if (!trimmed.startsWith("-")) {
                // A description wrapped onto its own line.
                continue;
            }
            int gap = trimmed.indexOf("  ");
            String label = gap < 0 ? trimmed : trimmed.substring(0, gap);
            for (String part : label.split(",\\s*")) {
                String flag = part.strip().split("\\s+")[0];
                if (flag.startsWith("-") && flag.length() > 1) {
                    flags.add(flag);
                }
            }
        }
        return new ArrayList<>(flags);
    }

    /**
     * The command names of a help overview: the first word of each indented entry of every
     * section but usage and options.
     */
    static List<String> commands(String overview) {
        Set<String> names = new LinkedHashSet<>();
        boolean inSection = false;
        for (String line : overview.lines().toList()) {
            String trimmed = line.strip();
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                inSection = trimmed.endsWith(":") && !isOptionsHeader(trimmed)
                        && !trimmed.toLowerCase(Locale.ROOT).startsWith("usage");
                continue;
            }
            if (inSection) {
                Matcher entry = ENTRY.matcher(line);
                if (entry.matches()) {
                    names.add(entry.group(1));
                }
            }
        }
        return new ArrayList<>(names);
    }

    private static boolean isOptionsHeader(String trimmed) {
        return trimmed.equals("options:") || trimmed.equals("optional arguments:");
    }
}
