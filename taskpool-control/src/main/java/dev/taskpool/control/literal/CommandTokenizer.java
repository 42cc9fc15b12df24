package dev.taskpool.control.literal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * Splits a control command line such as {@code apply greet -a ('hello world', 2) -n 3} into whitespace-separated
 * tokens, keeping together whatever is inside quotes or inside (), [] and {} brackets, so that a literal argument
 * arrives as one token for {@link LiteralParser}.
 *
 * <p>Quote handling follows Python's string rules ({@link StringLiteral}): single, double and triple quotes, with
 * backslash escapes. Pieces that touch glue into one token, as in a shell: {@code -a=(1, 2)} and {@code x'a b'} are
 * one token each. Tokens keep their raw text, quotes included, because the literal parser needs them.
 *
 * <p>Unbalanced quotes or brackets raise {@link CommandSyntaxException} naming the column.
 *
 * <p>Stateless and therefore thread-safe.
 */
public final class CommandTokenizer {

    /**
     * One token of a command line.
     *
     * @param text  the token exactly as typed, quotes and escapes included
     * @param start the 0-based column of its first character
     */
    public record Token(String text, int start) {

        public Token {
            Objects.requireNonNull(text, "text");
        }

        /**
         * The decoded string if the whole token is a quoted string (for instance {@code "my group"} gives
         * {@code my group}; adjacent literals such as {@code 'a''b'} concatenate), otherwise the text unchanged.
         *
         * @throws CommandSyntaxException if the quoted string has a malformed escape such as {@code \x4}
         */
        public String unquoted() {
            try {
                return StringLiteral.decodeWhole(text).orElse(text);
            } catch (LiteralSyntaxException e) {
                int column = start + e.position();
                throw new CommandSyntaxException(e.reason() + " at column " + column, column);
            }
        }
    }

    private CommandTokenizer() {
    }

    /**
     * Splits {@code line} into tokens; a blank line has none.
     *
     * @throws CommandSyntaxException if a string is not terminated or brackets do not balance
     */
    public static List<Token> tokenize(String line) {
        Objects.requireNonNull(line, "line");
        List<Token> tokens = new ArrayList<>();
        Deque<Integer> openBrackets = new ArrayDeque<>(); // columns, innermost first
        int tokenStart = -1;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (LiteralParser.isWhitespace(c) && openBrackets.isEmpty()) {
                if (tokenStart >= 0) {
                    tokens.add(new Token(line.substring(tokenStart, i), tokenStart));
                    tokenStart = -1;
                }
                i++;
                continue;
            }
            if (tokenStart < 0) {
                tokenStart = i;
            }
            switch (c) {
                case '\'', '"' -> i = skipString(line, i);
                case '(', '[', '{' -> openBrackets.push(i++);
                case ')', ']', '}' -> closeBracket(line, i++, openBrackets);
                default -> i++;
            }
        }
        if (!openBrackets.isEmpty()) {
            int open = openBrackets.peek();
            throw new CommandSyntaxException("unclosed '" + line.charAt(open) + "' at column " + open, open);
        }
        if (tokenStart >= 0) {
            tokens.add(new Token(line.substring(tokenStart), tokenStart));
        }
        return List.copyOf(tokens);
    }

    private static int skipString(String line, int quote) {
        int end = StringLiteral.endOfString(line, quote);
        if (end < 0) {
            throw new CommandSyntaxException("unterminated string starting at column " + quote, quote);
        }
        return end;
    }

    private static void closeBracket(String line, int column, Deque<Integer> openBrackets) {
        char close = line.charAt(column);
        if (openBrackets.isEmpty()) {
            throw new CommandSyntaxException("unexpected '" + close + "' at column " + column, column);
        }
        char expected = switch (line.charAt(openBrackets.pop())) {
            case '(' -> ')';
            case '[' -> ']';
            default -> '}';
        };
        if (close != expected) {
            throw new CommandSyntaxException(
                    "mismatched '" + close + "' at column " + column + " (expected '" + expected + "')", column);
        }
    }
}
