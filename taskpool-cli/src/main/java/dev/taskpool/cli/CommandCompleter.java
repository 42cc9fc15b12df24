package dev.taskpool.cli;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Completes command names in the first word, a command's flags in later words starting with
 * {@code -}, and pool names after {@code use}.
 */
final class CommandCompleter implements Completer {

    private final CommandCatalog catalog;

    CommandCompleter(CommandCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() == 0) {
            for (String name : catalog.commandNames()) {
                candidates.add(new Candidate(name));
            }
        } else if (line.word().startsWith("-")) {
            for (String flag : catalog.flags(line.words().get(0))) {
                candidates.add(new Candidate(flag));
            }
        } else if (line.wordIndex() == 1 && line.words().get(0).equals("use")) {
            for (String pool : catalog.pools()) {
                candidates.add(new Candidate(pool));
            }
        }
    }
}
