package dev.taskpool.control.literal;

import java.io.Serial;

/**
 * Thrown by {@link CommandTokenizer} for a command line whose quotes or brackets do not balance, e.g.
 * {@code unclosed '(' at column 14}. The message is one line and names the 0-based column, which
 * {@link #column()} also gives.
 */
public final class CommandSyntaxException extends IllegalArgumentException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int column;

    /**
     * @param message one-line description that already names the column
     * @param column  0-based column of the offending character
     */
    public CommandSyntaxException(String message, int column) {
        super(message);
        this.column = column;
    }

    /** The 0-based column of the offending character. */
    public int column() {
        return column;
    }
}
