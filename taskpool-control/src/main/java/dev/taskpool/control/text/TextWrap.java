package dev.taskpool.control.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word wrapping with the rules of Python's {@code textwrap.wrap} and {@code textwrap.fill} at
 * their defaults, which argparse uses for every help text, so that help breaks where
 * argparse's does, byte for byte.
 *
 * <ul>
 *   <li>Text is cut into chunks: runs of whitespace, words, and the parts of hyphenated
 *       words ({@code cancel-} and {@code group} may end up on two lines, but not
 *       {@code -n} or {@code 3-4}).</li>
 *   <li>Lines are filled greedily; whitespace at the start of a continuation line and at the
 *       end of any line is dropped.</li>
 *   <li>A chunk longer than a whole line is broken: after its last hyphen that fits, or
 *       else at the line's width.</li>
 * </ul>
 *
 * <p>Lengths are counted in code points, as Python counts characters. Stateless and
 * thread-safe.
 */
public final class TextWrap {

    /** The whitespace textwrap knows: tab, newline, vertical tab, form feed, return, space. */
    private static final String WS = "[\\t\\n\\x0B\\f\\r ]";
    private static final String NON_WS = "[^\\t\\n\\x0B\\f\\r ]";
    private static final String LETTER = "[^\\d\\W]";
    private static final String WORD_PUNCT = "[\\w!\"'&.,?]";

    /** One chunk: a whitespace run, an em-dash between words, or a word up to a break point. */
    private static final Pattern CHUNK = Pattern.compile(
            WS + "+"
                    + "|(?<=" + WORD_PUNCT + ")-{2,}(?=\\w)"
                    + "|" + NON_WS + "+?(?:"
                    // a hyphen between letters: "cancel-" of "cancel-group", "a-" of "a-b-c"
                    + "-(?:(?<=" + LETTER + "{2}-)|(?<=" + LETTER + "-" + LETTER + "-))(?=" + LETTER + "-?" + LETTER + ")"
                    + "|(?=" + WS + "|\\z)"
                    + "|(?<=" + WORD_PUNCT + ")(?=-{2,}\\w))",
            Pattern.UNICODE_CHARACTER_CLASS);

    private TextWrap() {
    }

    /**
     * The lines of {@code text} wrapped to {@code width} columns, as {@code textwrap.wrap}
     * makes them; none for blank text.
     *
     * @throws IllegalArgumentException if {@code width} is not positive
     */
    public static List<String> wrap(String text, int width) {
        return wrap(text, width, "", "");
    }

    /**
     * As {@code textwrap.wrap} with an initial and a subsequent indent, which count towards
     * the width.
     */
    public static List<String> wrap(String text, int width, String initialIndent, String subsequentIndent) {
        if (width <= 0) {
            throw new IllegalArgumentException("invalid width " + width + " (must be > 0)");
        }
        List<String> reversed = chunks(munge(text));
        java.util.Collections.reverse(reversed);
        List<String> lines = new ArrayList<>();
        while (!reversed.isEmpty()) {
            List<String> line = new ArrayList<>();
            int length = 0;
            String indent = lines.isEmpty() ? initialIndent : subsequentIndent;
            int room = width - length(indent);
            if (isBlank(last(reversed)) && !lines.isEmpty()) {
                reversed.remove(reversed.size() - 1);
            }
            while (!reversed.isEmpty() && length + length(last(reversed)) <= room) {
                String chunk = reversed.remove(reversed.size() - 1);
                line.add(chunk);
                length += length(chunk);
            }
            if (!reversed.isEmpty() && length(last(reversed)) > room) {
                breakLongChunk(reversed, line, length, room);
            }
            if (!line.isEmpty() && isBlank(line.get(line.size() - 1))) {
                line.remove(line.size() - 1);
            }
            if (!line.isEmpty()) {
                lines.add(indent + String.join("", line));
            }
        }
        return lines;
    }

    /** As {@code textwrap.fill}: the wrapped lines joined by newlines. */
    public static String fill(String text, int width, String indent) {
        return String.join("\n", wrap(text, width, indent, indent));
    }

    /** Puts as much of the next chunk on the line as fits, preferring to break after a hyphen. */
    private static void breakLongChunk(List<String> reversed, List<String> line, int length, int room) {
        int spaceLeft = room < 1 ? 1 : room - length;
        String chunk = last(reversed);
        int end = spaceLeft;
        if (length(chunk) > spaceLeft) {
            int limit = chunk.offsetByCodePoints(0, spaceLeft);
            int hyphen = chunk.lastIndexOf('-', limit - 1);
            if (hyphen > 0 && chunk.substring(0, hyphen).chars().anyMatch(c -> c != '-')) {
                end = chunk.codePointCount(0, hyphen) + 1;
            }
        }
        int cut = chunk.offsetByCodePoints(0, Math.min(end, length(chunk)));
        line.add(chunk.substring(0, cut));
        reversed.set(reversed.size() - 1, chunk.substring(cut));
    }

    /** Tabs become spaces up to the next multiple of 8, then every whitespace character a space. */
    private static String munge(String text) {
        StringBuilder out = new StringBuilder();
        int column = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t') {
                int spaces = 8 - column % 8;
                out.append(" ".repeat(spaces));
                column += spaces;
            } else if (c == '\n' || c == '\r') {
                out.append(' ');
                column = 0;
            } else {
                out.append(c == '\u000B' || c == '\f' ? ' ' : c);
                column++;
            }
        }
        return out.toString();
    }

    /** The chunks in order, as {@code re.split} with the chunk pattern gives them, empties dropped. */
    private static List<String> chunks(String text) {
        List<String> chunks = new ArrayList<>();
        Matcher matcher = CHUNK.matcher(text);
        int last = 0;
        while (matcher.find()) {
            if (matcher.start() > last) {
                chunks.add(text.substring(last, matcher.start()));
            }
            if (matcher.end() > matcher.start()) {
                chunks.add(matcher.group());
            }
            last = matcher.end();
        }
        if (last < text.length()) {
            chunks.add(text.substring(last));
        }
        return chunks;
    }

    private static String last(List<String> list) {
        return list.get(list.size() - 1);
    }

    static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** Whether Python's {@code str.strip()} would leave nothing of {@code text}. */
    public static boolean isBlank(String text) {
        return text.codePoints().allMatch(TextWrap::isPythonSpace);
    }

    /** Python's {@code str.isspace} for one character. */
    public static boolean isPythonSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
    }
}
