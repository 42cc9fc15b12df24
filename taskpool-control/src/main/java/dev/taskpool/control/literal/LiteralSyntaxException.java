package dev.taskpool.control.literal;

import java.io.Serial;

/**
 * Thrown by {@link LiteralParser} for text that is not exactly one well-formed literal.
 *
 * <p>The message is one line of the form {@code at position 6: expected ',' or ']' but found end of input};
 * {@link #position()} and {@link #reason()} give its two parts separately, so that a caller which parsed a
 * piece of a larger line can re-anchor the position.
 */
public final class LiteralSyntaxException extends IllegalArgumentException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int position;
    private final String reason;

    /**
     * @param position 0-based index in the parsed text where the problem was found
     * @param reason   what was wrong, without the position
     */
    public LiteralSyntaxException(int position, String reason) {
        super("at position " + position + ": " + reason);
        this.position = position;
        this.reason = reason;
    }

    /** The 0-based index in the parsed text where the problem was found. */
    public int position() {
        return position;
    }

    /** What was wrong, without the position. */
    public String reason() {
        return reason;
    }
}
