package dev.taskpool.control.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits the bytes of a channel into lines of at most a given number of bytes, decoded as
 * UTF-8 with malformed input replaced by U+FFFD, so neither a huge line nor garbage bytes can
 * exhaust memory or end a session.
 *
 * <p>A line ends with {@code \n}; a {@code \r} right before it is dropped too, and neither
 * counts towards the limit. A line that grows past the limit is reported by
 * {@link LineTooLongException} as soon as that is known, without waiting for its end; the next
 * {@link #readLine()} first discards the rest of it up to its newline, so the stream
 * resynchronises on the following line. Bytes after the last newline at end of stream are
 * returned as a final line.
 *
 * <p>Not thread-safe: one session thread reads.
 */
public final class LineReader {

    private static final int READ_CHUNK_BYTES = 8192;

    private final ReadableByteChannel channel;
    private final int maxLineBytes;
    private final ByteBuffer input = ByteBuffer.allocate(READ_CHUNK_BYTES).flip();
    // Grows only as far as the longest accepted line (plus one byte for a '\r'), lazily, so an
    // idle session costs little.
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean discardingRestOfLine;
    private boolean endOfStream;

    /**
     * @param channel      the source, read in blocking mode
     * @param maxLineBytes the longest line accepted, in bytes, without its terminator; at least 1
     * @throws IllegalArgumentException if {@code maxLineBytes} is below 1
     */
    public LineReader(ReadableByteChannel channel, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be at least 1, got " + maxLineBytes);
        }
        this.channel = channel;
        this.maxLineBytes = maxLineBytes;
    }

    /** The longest line accepted, in bytes. */
    public int maxLineBytes() {
        return maxLineBytes;
    }

    /**
     * Reads the next line.
     *
     * @return the line without its terminator, or {@code null} at end of stream
     * @throws LineTooLongException if the line is longer than the limit; the reader stays usable
     * @throws IOException          if reading the channel fails
     */
    public String readLine() throws IOException {
        while (true) {
            if (!input.hasRemaining() && !fill()) {
                return finalLine();
            }
            if (discardingRestOfLine) {
                skipPastNewline();
                continue;
            }
            int newline = indexOfNewline();
            int end = newline < 0 ? input.limit() : newline;
            int chunk = end - input.position();
            // One byte of slack so a '\r' of a maximal line is not mistaken for an overflow.
            if (lineLength + chunk > maxLineBytes + 1) {
                input.position(end);
                lineLength = 0;
                discardingRestOfLine = newline < 0;
                if (newline >= 0) {
                    input.get();
                }
                throw new LineTooLongException(maxLineBytes);
            }
            append(chunk);
            if (newline >= 0) {
                input.get();
                return takeLine();
            }
        }
    }

    private boolean fill() throws IOException {
        if (endOfStream) {
            return false;
        }
        input.clear();
        int read;
        do {
            read = channel.read(input);
        } while (read == 0);
        input.flip();
        if (read < 0) {
            endOfStream = true;
            return false;
        }
        return true;
    }

    private String finalLine() throws LineTooLongException {
        if (discardingRestOfLine || lineLength == 0) {
            discardingRestOfLine = false;
            return null;
        }
        return takeLine();
    }

    private void skipPastNewline() {
        int newline = indexOfNewline();
        if (newline < 0) {
            input.position(input.limit());
        } else {
            input.position(newline + 1);
            discardingRestOfLine = false;
        }
    }

    private int indexOfNewline() {
        byte[] bytes = input.array();
        for (int i = input.position(); i < input.limit(); i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int count) {
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, Math.min(Math.max(line.length * 2, lineLength + count), maxLineBytes + 1));
        }
        input.get(line, lineLength, count);
        lineLength += count;
    }

    private String takeLine() throws LineTooLongException {
        int length = lineLength;
        lineLength = 0;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (length > maxLineBytes) {
            throw new LineTooLongException(maxLineBytes);
        }
        // The String constructor replaces malformed UTF-8 with U+FFFD rather than failing.
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    /**
     * A line was longer than the limit. Checked, because every caller must answer it and go
     * on; it carries no stack trace since it is an expected outcome, not a bug.
     */
    public static final class LineTooLongException extends IOException {
        private final int limit;

        LineTooLongException(int limit) {
            super("line too long: limit is " + limit + " bytes", null);
            this.limit = limit;
        }

        /** The limit the line exceeded, in bytes. */
        public int limit() {
            return limit;
        }

        @Override
        public Throwable fillInStackTrace() {
            return this;
        }
    }
}
