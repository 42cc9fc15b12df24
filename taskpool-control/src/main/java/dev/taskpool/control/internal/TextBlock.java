package dev.taskpool.control.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds help texts wrapped to a terminal width: paragraphs, and two-column entries whose
 * descriptions wrap under a common indent, as argparse lays them out.
 *
 * <p>Not thread-safe; one per help text.
 */
final class TextBlock {

    private static final int LABEL_COLUMN = 24;

    private final int width;
    private final List<String> lines = new ArrayList<>();

    TextBlock(int width) {
        this.width = Math.max(width, 40);
    }

    void line(String text) {
        lines.add(text);
    }

    void blank() {
        lines.add("");
    }

    /** A paragraph wrapped to the width, continuation lines indented by {@code indent}. */
    void paragraph(String text, String indent) {
        lines.addAll(wrap(text, width, "", indent));
    }

    /** {@code label} at column 2 and {@code description} at column 24 (or below a long label). */
    void entry(String label, String description) {
        String head = "  " + label;
        String pad = " ".repeat(LABEL_COLUMN);
        if (description.isEmpty()) {
            lines.add(head);
        } else if (head.length() + 2 <= LABEL_COLUMN) {
            List<String> wrapped = wrap(description, width, pad, pad);
            lines.add(head + wrapped.get(0).substring(head.length()));
            lines.addAll(wrapped.subList(1, wrapped.size()));
        } else {
            lines.add(head);
            lines.addAll(wrap(description, width, pad, pad));
        }
    }

    @Override
    public String toString() {
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isEmpty()) {
            end--;
        }
        return String.join("\n", lines.subList(0, end));
    }

    /** Greedy word wrap; a word longer than a line stays whole on its own line. */
    static List<String> wrap(String text, int width, String firstIndent, String indent) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder(firstIndent);
        int lineStart = firstIndent.length();
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > lineStart && line.length() + 1 + word.length() > width) {
                out.add(line.toString());
                line = new StringBuilder(indent);
                lineStart = indent.length();
            }
            if (line.length() > lineStart) {
                line.append(' ');
            }
            line.append(word);
        }
        out.add(line.toString());
        return out;
    }
}
