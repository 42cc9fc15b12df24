package dev.taskpool.control.wire;

import dev.taskpool.control.command.Reply;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a session's answers are put on the wire, chosen by the {@code "protocol"} field of the
 * handshake. Every message is one line, returned as the complete bytes to send in a single
 * write: the reference client reads each answer with one read call.
 *
 * <p>Stateless and thread-safe.
 */
public enum WireFormat {

    /**
     * Protocol 1, the text protocol of asyncio-taskpool's own client: the greeting, then each
     * answer's text, each followed by {@code \n}.
     */
    TEXT(1) {
        @Override
        public byte[] handshakeAccepted(String greeting, Map<String, Object> handshakeInfo) {
            return line(greeting);
        }

        @Override
        public byte[] answer(Reply reply) {
            return line(reply.text());
        }

        @Override
        public byte[] refusal(String errorType, String message) {
            return line("error: " + message);
        }
    },

    /**
     * Protocol 2, framed: every message is one JSON object on one line, with a
     * {@code "status"} of {@code "ok"} or {@code "error"}.
     */
    FRAMED(2) {
        @Override
        public byte[] handshakeAccepted(String greeting, Map<String, Object> handshakeInfo) {
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("status", "ok");
            frame.put("protocol", version());
            frame.put("pool", greeting);
            // The interpreter's extras may not overwrite the fields a client relies on.
            handshakeInfo.forEach(frame::putIfAbsent);
            return line(JsonCodec.write(frame));
        }

        @Override
        public byte[] answer(Reply reply) {
            Map<String, Object> frame = new LinkedHashMap<>();
            if (reply.ok()) {
                frame.put("status", "ok");
                frame.put("output", reply.text());
                frame.put("value", reply.value());
            } else {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("type", reply.errorType());
                error.put("message", reply.text());
                frame.put("status", "error");
                frame.put("error", error);
                frame.put("output", reply.text());
            }
            return line(JsonCodec.write(frame));
        }

        @Override
        public byte[] refusal(String errorType, String message) {
            return answer(Reply.error(errorType, message));
        }
    };

    private final int version;

    WireFormat(int version) {
        this.version = version;
    }

    /** The protocol number a handshake names to choose this format. */
    public int version() {
        return version;
    }

    /**
     * The answer to an accepted handshake.
     *
     * @param handshakeInfo extra JSON-representable fields for the framed format
     * @throws IllegalArgumentException if {@code handshakeInfo} is not JSON-representable
     */
    public abstract byte[] handshakeAccepted(String greeting, Map<String, Object> handshakeInfo);

    /**
     * The answer to one command.
     *
     * @throws IllegalArgumentException if the reply's value is not JSON-representable
     */
    public abstract byte[] answer(Reply reply);

    /** The one line sent before the server closes a connection it will not serve. */
    public abstract byte[] refusal(String errorType, String message);

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
