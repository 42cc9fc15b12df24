package dev.taskpool.docprocessor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Javadoc comment reduced to plain text: the first sentence, and the descriptions of the
 * parameters and of the return value.
 *
 * @param summary the first sentence of the main description
 * @param params  parameter name to description, in declaration order
 * @param returns the {@code @return} text, or empty
 */
record JavadocText(String summary, Map<String, String> params, String returns) {

    private static final Pattern INLINE_TAG_START = Pattern.compile("\\{@(\\w+)");
    private static final Pattern HTML_TAG = Pattern.compile("</?[a-zA-Z][^>]*>");
    private static final Pattern SENTENCE_END = Pattern.compile("\\.(\\s|$)");

    static JavadocText parse(String comment) {
        return parse(comment, reference -> null);
    }

    /**
     * @param constants gives the text to write for a reference to a constant field
     *                  ({@code #UNBOUNDED}, {@code BaseTaskPool#UNBOUNDED}) in a {@code {@link}}
     *                  without a label or a {@code {@value}}; {@code null} for the usual text
     */
    static JavadocText parse(String comment, Function<String, String> constants) {
        StringBuilder main = new StringBuilder();
        Map<String, String> params = new LinkedHashMap<>();
        String returns = "";
        String tag = null;
        StringBuilder current = main;
        StringBuilder tagText = new StringBuilder();
        for (String line : comment.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("@")) {
                returns = finish(tag, tagText, params, returns, constants);
                int space = trimmed.indexOf(' ');
                tag = space < 0 ? trimmed : trimmed.substring(0, space);
                tagText = new StringBuilder(space < 0 ? "" : trimmed.substring(space + 1));
                current = tagText;
            } else {
                current.append(' ').append(trimmed);
            }
        }
        returns = finish(tag, tagText, params, returns, constants);
        return new JavadocText(firstSentence(plain(main.toString(), constants)), params, returns);
    }

    private static String finish(String tag, StringBuilder text, Map<String, String> params, String returns,
                                 Function<String, String> constants) {
        if (tag == null) {
            return returns;
        }
        String value = plain(text.toString(), constants);
        if (tag.equals("@param")) {
            int space = value.indexOf(' ');
            String name = space < 0 ? value : value.substring(0, space);
            params.put(name, space < 0 ? "" : value.substring(space + 1).strip());
        } else if (tag.equals("@return")) {
            return value;
        }
        return returns;
    }

    /**
     * Inline tags become their text ({@code {@link A#b}} becomes {@code b}), HTML goes, spaces
     * collapse. A tag ends at the brace that balances its opening one, as in the Javadoc
     * tool, so {@code {@code {'a': 1}}} keeps its inner braces.
     */
    static String plain(String text) {
        return plain(text, reference -> null);
    }

    static String plain(String text, Function<String, String> constants) {
        Matcher matcher = INLINE_TAG_START.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (last < text.length() && matcher.find(last)) {
            int end = closingBrace(text, matcher.end());
            if (end < 0) {
                break;
            }
            // HTML is stripped outside inline tags only: {@code start-group-<k>} keeps its <k>.
            out.append(stripHtml(text.substring(last, matcher.start())));
            String body = text.substring(matcher.end(), end).strip();
            String constant = body.contains(" ") ? null : constants.apply(body);
            out.append(switch (matcher.group(1)) {
                case "link", "linkplain" -> constant != null ? constant : linkText(body);
                case "value" -> constant != null ? constant : linkText(body);
                default -> body;
            });
            last = end + 1;
        }
        out.append(stripHtml(text.substring(last)));
        return out.toString().replaceAll("\\s+", " ").strip();
    }

    /** The index of the brace that closes a tag whose body starts at {@code from}; -1 if none does. */
    private static int closingBrace(String text, int from) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    private static String stripHtml(String text) {
        return HTML_TAG.matcher(text).replaceAll("")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String linkText(String body) {
        int space = body.indexOf(' ');
        if (space > 0) {
            return body.substring(space + 1).strip();
        }
        String target = body.contains("#") ? body.substring(body.indexOf('#') + 1) : body;
        int paren = target.indexOf('(');
        return paren > 0 ? target.substring(0, paren) : target;
    }

    private static String firstSentence(String text) {
        Matcher end = SENTENCE_END.matcher(text);
        return end.find() ? text.substring(0, end.start() + 1) : text;
    }
}
