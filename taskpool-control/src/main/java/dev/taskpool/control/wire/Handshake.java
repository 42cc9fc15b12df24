package dev.taskpool.control.wire;

import dev.taskpool.control.ErrorType;
import dev.taskpool.control.wire.JsonCodec.MalformedJsonException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a client said in the first line of a connection: a JSON object such as
 * {@code {"terminal_width": 100, "protocol": 2, "token": "..."}}. Every field is optional and
 * unknown fields are ignored, so newer clients can talk to this server.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the token.
 *
 * @param format        how to answer: {@code "protocol"} 1 (the default) or 2
 * @param terminalWidth the client's terminal width, clamped to
 *                      {@value #MIN_TERMINAL_WIDTH}..{@value #MAX_TERMINAL_WIDTH}
 * @param token         the {@code "token"} the client presented; {@code null} when absent, and
 *                      the empty string (which no configured token equals) when not a string
 */
public record Handshake(WireFormat format, int terminalWidth, String token) {

    public static final int DEFAULT_TERMINAL_WIDTH = 80;
    public static final int MIN_TERMINAL_WIDTH = 20;
    public static final int MAX_TERMINAL_WIDTH = 1000;

    /** What a client is told when its first line is not a JSON object. */
    public static final String NOT_AN_OBJECT =
            "handshake must be a JSON object such as {\"terminal_width\": 80}";

    static final String TERMINAL_WIDTH = "terminal_width";
    static final String TOKEN = "token";

    /**
     * The handshake line a client sends: its terminal width, the framed protocol if asked for,
     * and its token if it has one.
     */
    public static byte[] request(int terminalWidth, boolean framed, String token) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(TERMINAL_WIDTH, terminalWidth);
        if (framed) {
            fields.put(WireFormat.PROTOCOL, WireFormat.FRAMED.version());
        }
        if (token != null) {
            fields.put(TOKEN, token);
        }
        return (JsonCodec.write(fields) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses a handshake line.
     *
     * @throws HandshakeRejectedException if the line is not a JSON object, names a protocol this
     *                                    server does not speak, or has a malformed terminal width;
     *                                    it says which format to answer in
     */
    public static Handshake parse(String line) throws HandshakeRejectedException {
        Map<String, Object> fields;
        try {
            fields = JsonCodec.parseObject(line);
        } catch (MalformedJsonException e) {
            throw new HandshakeRejectedException(WireFormat.TEXT, ErrorType.HANDSHAKE, NOT_AN_OBJECT);
        }
        WireFormat format = format(fields.get(WireFormat.PROTOCOL));
        return new Handshake(format, terminalWidth(format, fields.get(TERMINAL_WIDTH)), token(fields));
    }

    private static WireFormat format(Object protocol) throws HandshakeRejectedException {
        if (protocol == null) {
            return WireFormat.TEXT;
        }
        if (isIntegral(protocol)) {
            long version = ((Number) protocol).longValue();
            for (WireFormat format : WireFormat.values()) {
                if (format.version() == version) {
                    return format;
                }
            }
        }
        // Answered in the framed form: a client that names a protocol at all parses JSON.
        throw new HandshakeRejectedException(WireFormat.FRAMED, ErrorType.PROTOCOL,
                "unsupported protocol " + JsonCodec.write(protocol)
                        + ": supported versions are 1 (text) and 2 (framed)");
    }

    private static int terminalWidth(WireFormat format, Object width) throws HandshakeRejectedException {
        if (width == null) {
            return DEFAULT_TERMINAL_WIDTH;
        }
        if (!(width instanceof Number number)) {
            throw new HandshakeRejectedException(format, ErrorType.HANDSHAKE, "terminal_width must be a number");
        }
        // Through double, so that huge integers clamp instead of wrapping around.
        return (int) Math.clamp(number.doubleValue(), MIN_TERMINAL_WIDTH, MAX_TERMINAL_WIDTH);
    }

    private static String token(Map<String, Object> fields) {
        Object token = fields.get(TOKEN);
        if (token == null) {
            return null;
        }
        return token instanceof String text ? text : "";
    }

    private static boolean isIntegral(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte
                || (value instanceof BigInteger big && big.bitLength() < Long.SIZE);
    }

    @Override
    public String toString() {
        return "Handshake[format=" + format + ", terminalWidth=" + terminalWidth
                + ", token=" + (token == null ? "absent" : "****") + "]";
    }

    /**
     * A handshake the server will not accept; the connection gets one line in {@link #format()}
     * and is closed. The message is meant for the client. Carries no stack trace.
     */
    public static final class HandshakeRejectedException extends Exception {
        private final WireFormat format;
        private final ErrorType errorType;

        public HandshakeRejectedException(WireFormat format, ErrorType errorType, String message) {
            super(message, null, false, false);
            this.format = format;
            this.errorType = errorType;
        }

        /** The format the refusal is written in. */
        public WireFormat format() {
            return format;
        }

        /** Its kind: {@link ErrorType#HANDSHAKE} or {@link ErrorType#PROTOCOL}. */
        public ErrorType errorType() {
            return errorType;
        }
    }
}
