package dev.taskpool.control.wire;

import dev.taskpool.control.ErrorType;
import dev.taskpool.control.ErrorType;
import dev.taskpool.control.command.Reply;
import dev.taskpool.control.wire.JsonCodec.MalformedJsonException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a session's answers are put on the wire, chosen by the {@code "protocol"} field of the
 * handshake. Every message is one line, returned as the complete bytes to send in a single
 * write: the reference client reads each answer with one read call.
 *
 * <p>This is the one codec of answers for both ends: the server writes with
 * {@link #handshakeAccepted}, {@link #answer} and {@link #refusal}; a client reads the same
 * messages back with {@link #readGreeting} and {@link #readFramedAnswer}, so that the keys
 * of a frame and the openings of refusals are written down once.
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
        public byte[] refusal(ErrorType errorType, String detail) {
            return line(TEXT_REFUSAL_PREFIX + refusalMessage(errorType, detail));
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
            frame.put(STATUS, OK);
            frame.put(PROTOCOL, version());
            frame.put(POOL, greeting);
            // The interpreter's extras may not overwrite the fields a client relies on.
            handshakeInfo.forEach(frame::putIfAbsent);
            return line(JsonCodec.write(frame));
        }

        @Override
        public byte[] answer(Reply reply) {
            Map<String, Object> frame = new LinkedHashMap<>();
            if (reply.ok()) {
                frame.put(STATUS, OK);
                frame.put(OUTPUT, reply.text());
                frame.put(VALUE, reply.value());
            } else {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put(TYPE, reply.errorType().wireName());
                error.put(MESSAGE, reply.text());
                frame.put(STATUS, ERROR);
                frame.put(ERROR, error);
                frame.put(OUTPUT, reply.text());
            }
            return line(JsonCodec.write(frame));
        }

        @Override
        public byte[] refusal(ErrorType errorType, String detail) {
            return answer(Reply.error(errorType, refusalMessage(errorType, detail)));
        }
    };

    // The keys of the framed protocol's objects.
    static final String STATUS = "status";
    static final String OK = "ok";
    static final String ERROR = "error";
    static final String PROTOCOL = "protocol";
    static final String POOL = "pool";
    static final String POOLS = "pools";
    static final String COMMANDS = "commands";
    static final String OUTPUT = "output";
    static final String VALUE = "value";
    static final String TYPE = "type";
    static final String MESSAGE = "message";

    /** How a text-mode refusal begins. */
    public static final String TEXT_REFUSAL_PREFIX = "error: ";

    /**
     * How the message of a refusal begins, by type: a client of the text protocol, whose
     * refusals carry no type, tells them apart by these.
     */
    private static final Map<ErrorType, String> REFUSAL_OPENINGS = Map.of(
            ErrorType.AUTH, "authentication failed: ",
            ErrorType.THROTTLED, "too many failed handshakes from ",
            ErrorType.BUSY, "too many control sessions ",
            ErrorType.TIMEOUT, "no handshake within ");

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

    /**
     * The one line sent before the server closes a connection it will not serve.
     *
     * @param detail what follows the type's opening words ({@code wrong token} after
     *               {@code authentication failed: }); the whole message for a type without
     */
    public abstract byte[] refusal(ErrorType errorType, String detail);

    /** The message of a refusal: the type's opening words, then the detail. */
    public static String refusalMessage(ErrorType errorType, String detail) {
        return REFUSAL_OPENINGS.getOrDefault(errorType, "") + detail;
    }

    /** What a client read first: the server's greeting, or its refusal. */
    public sealed interface Greeting {
    }

    /**
     * The server accepted the handshake.
     *
     * @param framed   whether it answers in the framed format
     * @param pool     the pool the session starts on
     * @param pools    every pool of the server (framed only; empty otherwise)
     * @param commands every command name (framed only; empty otherwise)
     */
    public record Accepted(boolean framed, String pool, List<String> pools, List<String> commands)
            implements Greeting {
    }

    /**
     * The server refused the connection and closed it.
     *
     * @param type    its kind; {@code null} for a text refusal of no known kind
     * @param message what the server said
     */
    public record Refused(ErrorType type, String message) implements Greeting {
    }

    /**
     * Reads the first line a server sent: a framed greeting (only if {@code framedAsked}), a
     * refusal in either format, or else a text greeting (the bare pool name).
     *
     * @throws MalformedJsonException if a framed greeting cannot be understood
     */
    public static Greeting readGreeting(String line, boolean framedAsked) throws MalformedJsonException {
        if (line.startsWith(TEXT_REFUSAL_PREFIX)) {
            String message = line.substring(TEXT_REFUSAL_PREFIX.length());
            ErrorType type = null;
            for (Map.Entry<ErrorType, String> opening : REFUSAL_OPENINGS.entrySet()) {
                if (message.startsWith(opening.getValue())) {
                    type = opening.getKey();
                }
            }
            return new Refused(type, message);
        }
        if (!framedAsked || !line.startsWith("{")) {
            // A text-mode greeting: asked for, or the server does not speak the framed protocol.
            return new Accepted(false, line, List.of(), List.of());
        }
        Map<String, Object> frame = JsonCodec.parseObject(line);
        if (!OK.equals(frame.get(STATUS))) {
            Map<?, ?> error = frame.get(ERROR) instanceof Map<?, ?> map ? map : Map.of();
            String message = error.get(MESSAGE) instanceof String text ? text
                    : frame.get(OUTPUT) instanceof String text ? text : "the server refused the connection";
            ErrorType type = error.get(TYPE) instanceof String name ? ErrorType.fromWireName(name).orElse(null) : null;
            return new Refused(type, message);
        }
        if (!(frame.get(POOL) instanceof String pool)) {
            throw new MalformedJsonException("the greeting names no pool");
        }
        return new Accepted(true, pool, strings(frame.get(POOLS)), strings(frame.get(COMMANDS)));
    }

    /**
     * A framed answer as a client reads it.
     *
     * @param ok        whether the command succeeded
     * @param errorType for a failure, the type's wire name (kept as sent: a newer server may
     *                  send a type this version does not know); else {@code null}
     * @param output    the printable output, or the error message
     * @param value     the result as parsed JSON; {@code null} for failures
     */
    public record Answer(boolean ok, String errorType, String output, Object value) {
    }

    /**
     * Reads a framed answer to a command.
     *
     * @throws MalformedJsonException if the line is not a frame of this protocol
     */
    public static Answer readFramedAnswer(String line) throws MalformedJsonException {
        Map<String, Object> frame = JsonCodec.parseObject(line);
        Object output = frame.get(OUTPUT);
        if (OK.equals(frame.get(STATUS))) {
            return new Answer(true, null, output instanceof String text ? text : "", frame.get(VALUE));
        }
        if (ERROR.equals(frame.get(STATUS))) {
            Map<?, ?> error = frame.get(ERROR) instanceof Map<?, ?> map ? map : Map.of();
            // A type this version does not know is kept by name.
            String type = error.get(TYPE) instanceof String text ? text : ErrorType.INTERNAL.wireName();
            String message = output instanceof String text ? text
                    : error.get(MESSAGE) instanceof String text ? text : "";
            return new Answer(false, type, message, null);
        }
        throw new MalformedJsonException("neither \"ok\" nor \"error\"");
    }

    private static List<String> strings(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object element : list) {
            if (element instanceof String text) {
                out.add(text);
            }
        }
        return List.copyOf(out);
    }

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
