package dev.taskpool.control.literal;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Python string literal rules, shared so that the tokenizer, the parser and the formatter agree on them: where a
 * quoted string ends, how its escapes decode, and how {@code repr} quotes a string.
 *
 * <p>Decoding throws {@link LiteralSyntaxException} for an unsupported prefix, a missing closing quote or a
 * malformed escape. Stateless and therefore thread-safe.
 */
final class StringLiteral {

    private StringLiteral() {
    }

    static boolean isQuote(char c) {
        return c == '\'' || c == '"';
    }

    /**
     * Returns the index just past the string whose opening quote is at {@code quote}, or -1 if the string is not
     * terminated. A backslash always protects the next character, even in raw strings, as in Python.
     */
    static int endOfString(CharSequence text, int quote) {
        char q = text.charAt(quote);
        boolean triple = isTripleQuote(text, quote);
        int i = quote + (triple ? 3 : 1);
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += isCrLf(text, i + 1) ? 3 : 2;
            } else if (c == q && (!triple || isTripleQuote(text, i))) {
                return i + (triple ? 3 : 1);
            } else if (!triple && (c == '\n' || c == '\r')) {
                return -1; // as in Python, only triple-quoted strings may span lines
            } else {
                i++;
            }
        }
        return -1;
    }

    /**
     * Returns the index of the opening quote if a string literal with a supported prefix (none, {@code r} or
     * {@code u} in either case) starts at {@code pos}, else -1.
     */
    static int quoteAfterSupportedPrefix(CharSequence text, int pos) {
        if (pos < text.length() && isQuote(text.charAt(pos))) {
            return pos;
        }
        boolean prefixed = pos + 1 < text.length() && "rRuU".indexOf(text.charAt(pos)) >= 0;
        return prefixed && isQuote(text.charAt(pos + 1)) ? pos + 1 : -1;
    }

    /**
     * Decodes the string literal that starts at {@code start} with its prefix (possibly empty) and has its opening
     * quote at {@code quote}, appending the value to {@code out}.
     *
     * @return the index just past the closing quote
     * @throws LiteralSyntaxException for an unsupported prefix, a missing closing quote or a malformed escape
     */
    static int read(String text, int start, int quote, StringBuilder out) {
        String prefix = text.substring(start, quote);
        boolean raw = switch (prefix) {
            case "", "u", "U" -> false;
            case "r", "R" -> true;
            default -> throw new LiteralSyntaxException(start, unsupportedPrefix(prefix));
        };
        int end = endOfString(text, quote);
        boolean triple = isTripleQuote(text, quote);
        if (end < 0) {
            throw new LiteralSyntaxException(start, triple ? "unterminated triple-quoted string" : "unterminated string");
        }
        int quoteLength = triple ? 3 : 1;
        if (raw) {
            out.append(text, quote + quoteLength, end - quoteLength);
        } else {
            unescape(text, quote + quoteLength, end - quoteLength, out);
        }
        return end;
    }

    /**
     * Decodes {@code text} if it consists of nothing but string literals, e.g. {@code "my group"} or {@code 'a''b'};
     * otherwise returns empty.
     *
     * @throws LiteralSyntaxException for a malformed escape
     */
    static Optional<String> decodeWhole(String text) {
        var out = new StringBuilder();
        int pos = 0;
        do {
            int quote = quoteAfterSupportedPrefix(text, pos);
            if (quote < 0 || endOfString(text, quote) < 0) {
                return Optional.empty();
            }
            pos = read(text, pos, quote, out);
        } while (pos < text.length());
        return Optional.of(out.toString());
    }

    /** Appends {@code value} quoted and escaped exactly as Python's {@code repr(str)} would. */
    static void appendQuoted(String value, StringBuilder out) {
        char quote = quoteFor(value);
        out.append(quote);
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            appendEscaped(cp, quote, out);
        }
        out.append(quote);
    }

    /**
     * A piece of input for an error message, quoted like {@link #appendQuoted} so that line breaks, controls and
     * lone surrogates show as escapes, and cut after about {@value #EXCERPT_LENGTH} characters, which
     * {@code ...} after the closing quote then marks: the message stays one short printable line.
     */
    static String excerpt(String piece) {
        char quote = quoteFor(piece);
        var out = new StringBuilder().append(quote);
        int i = 0;
        while (i < piece.length() && out.length() <= EXCERPT_LENGTH) {
            int cp = piece.codePointAt(i);
            i += Character.charCount(cp);
            appendEscaped(cp, quote, out);
        }
        out.append(quote);
        return i < piece.length() ? out.append("...").toString() : out.toString();
    }

    private static final int EXCERPT_LENGTH = 40;

    private static char quoteFor(String value) {
        return value.indexOf('\'') >= 0 && value.indexOf('"') < 0 ? '"' : '\'';
    }

    private static void appendEscaped(int cp, char quote, StringBuilder out) {
        switch (cp) {
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (cp == quote) {
                    out.append('\\').append(quote);
                } else if (isPrintable(cp)) {
                    out.appendCodePoint(cp);
                } else if (cp < 0x100) {
                    out.append("\\x%02x".formatted(cp));
                } else if (cp < 0x10000) {
                    out.append("\\u%04x".formatted(cp));
                } else {
                    out.append("\\U%08x".formatted(cp));
                }
            }
        }
    }

    /** Python's {@code str.isprintable()} for one code point; a lone surrogate is its own (unprintable) code point. */
    static boolean isPrintable(int cp) {
        return cp == ' ' || switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    private static void unescape(String text, int from, int to, StringBuilder out) {
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c == '\\') {
                i = appendEscape(text, i, to, out);
            } else {
                out.append(c);
                i++;
            }
        }
    }

    /** Decodes the escape whose backslash is at {@code backslash}; returns the index after it. */
    private static int appendEscape(String text, int backslash, int to, StringBuilder out) {
        // endOfString guarantees that a character follows every backslash inside a string
        char c = text.charAt(backslash + 1);
        int next = backslash + 2;
        switch (c) {
            case '\n' -> { } // line continuation
            case '\r' -> next += isCrLf(text, backslash + 1) ? 1 : 0;
            case '\\', '\'', '"' -> out.append(c);
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000B');
            case 'x' -> next = appendHex(text, backslash, 2, to, out);
            case 'u' -> next = appendHex(text, backslash, 4, to, out);
            case 'U' -> next = appendHex(text, backslash, 8, to, out);
            case 'N' -> next = appendNamed(text, backslash, to, out);
            default -> {
                if (c >= '0' && c <= '7') {
                    next = appendOctal(text, backslash, to, out);
                } else {
                    out.append('\\').append(c); // Python keeps unknown escapes as they are
                }
            }
        }
        return next;
    }

    private static int appendHex(String text, int backslash, int digits, int to, StringBuilder out) {
        int from = backslash + 2;
        int end = from + digits;
        if (end > to || !text.substring(from, end).chars().allMatch(HexFormat::isHexDigit)) {
            char kind = text.charAt(backslash + 1);
            throw new LiteralSyntaxException(backslash, "truncated \\" + kind + "X".repeat(digits) + " escape");
        }
        int cp = HexFormat.fromHexDigits(text, from, end);
        if (cp < 0 || cp > Character.MAX_CODE_POINT) {
            throw new LiteralSyntaxException(backslash, "illegal Unicode character in \\U escape");
        }
        out.appendCodePoint(cp);
        return end;
    }

    private static int appendOctal(String text, int backslash, int to, StringBuilder out) {
        int end = backslash + 1;
        int value = 0;
        while (end < to && end < backslash + 4 && text.charAt(end) >= '0' && text.charAt(end) <= '7') {
            value = value * 8 + text.charAt(end) - '0';
            end++;
        }
        out.appendCodePoint(value);
        return end;
    }

    private static int appendNamed(String text, int backslash, int to, StringBuilder out) {
        int open = backslash + 2;
        int close = text.indexOf('}', open);
        if (open >= to || text.charAt(open) != '{' || close < 0 || close >= to) {
            throw new LiteralSyntaxException(backslash, "malformed \\N character escape");
        }
        String name = text.substring(open + 1, close);
        int cp = codePointNamed(name);
        if (cp < 0) {
            throw new LiteralSyntaxException(backslash, "unknown Unicode character name " + excerpt(name));
        }
        out.appendCodePoint(cp);
        return close + 1;
    }

    /**
     * The code point that Python's {@code \N{name}} stands for, or -1. Java knows the same Unicode names, in any
     * case as Python, but also takes names that Python refuses: padded with whitespace, the old names of controls
     * such as {@code LINE FEED (LF)}, and the made-up block name and number of a code point that has no name, such
     * as {@code HIGH SURROGATES D800}.
     */
    private static int codePointNamed(String name) {
        if (!UNICODE_NAME.matcher(name).matches()) {
            return -1;
        }
        int cp;
        try {
            cp = Character.codePointOf(name);
        } catch (IllegalArgumentException e) {
            return -1;
        }
        String madeUp = Character.UnicodeBlock.of(cp).toString().replace('_', ' ') + " "
                + Integer.toHexString(cp).toUpperCase(Locale.ROOT);
        return name.equalsIgnoreCase(madeUp) ? -1 : cp;
    }

    /** Letters, digits, hyphens and single spaces between words, as in every Unicode character name. */
    private static final Pattern UNICODE_NAME = Pattern.compile("[A-Za-z0-9-]+( [A-Za-z0-9-]+)*");

    private static String unsupportedPrefix(String prefix) {
        return switch (prefix.toLowerCase(Locale.ROOT)) {
            case "b", "br", "rb" -> "bytes literals are not supported";
            case "f", "fr", "rf", "t", "tr", "rt" -> "f-strings are not literals";
            default -> excerpt(prefix) + " is not a valid string prefix";

        };
    }

    private static boolean isTripleQuote(CharSequence text, int at) {
        char q = text.charAt(at);
        return at + 2 < text.length() && text.charAt(at + 1) == q && text.charAt(at + 2) == q;
    }

    private static boolean isCrLf(CharSequence text, int at) {
        return at + 1 < text.length() && text.charAt(at) == '\r' && text.charAt(at + 1) == '\n';
    }
}
