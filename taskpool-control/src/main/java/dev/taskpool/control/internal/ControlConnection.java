package dev.taskpool.control.internal;

import dev.taskpool.control.internal.Handshake.HandshakeRejectedException;
import dev.taskpool.control.internal.LineReader.LineTooLongException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of the control server, from handshake to goodbye: reads the
 * handshake, authenticates it, opens an interpreter session, then answers each command line
 * until the client leaves.
 *
 * <p>Every answer is written with a single write call, because the reference client reads each
 * answer with one read. Nothing a client sends can end the session except a failed handshake:
 * over-long lines and malformed UTF-8 are answered like any bad command, and an interpreter
 * that throws yields an {@code internal} error reply while the trace goes only to the log.
 *
 * <p>{@link #serve()} runs on the connection's own thread; only the handshake deadline, armed
 * by {@code serve()} on the settings' scheduler, touches the connection from elsewhere.
 */
public final class ControlConnection {

    private static final Logger log = LoggerFactory.getLogger(ControlConnection.class);

    /**
     * What every connection of a server shares.
     *
     * @param token            the token a handshake must carry; {@code null} for none
     * @param maxLineBytes     the longest line accepted, handshake included
     * @param handshakeTimeout how long a client may take to send its handshake
     * @param deadlines        runs handshake deadlines; its tasks must not block
     */
    public record Settings(SharedToken token, int maxLineBytes, Duration handshakeTimeout,
                           ScheduledExecutorService deadlines) {
        public Settings {
            Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
            Objects.requireNonNull(deadlines, "deadlines");
        }
    }

    private enum HandshakePhase { AWAITED, RECEIVED, TIMED_OUT }

    private final ByteChannel channel;
    private final String label;
    private final CommandInterpreter interpreter;
    private final Settings settings;
    // Decides, exactly once, whether the handshake line or its deadline came first.
    private final AtomicReference<HandshakePhase> phase = new AtomicReference<>(HandshakePhase.AWAITED);

    /**
     * @param channel     the client's channel, in blocking mode; closed by the caller
     * @param label       how logs name this connection
     * @param interpreter executes the commands
     */
    public ControlConnection(ByteChannel channel, String label, CommandInterpreter interpreter,
                             Settings settings) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.label = Objects.requireNonNull(label, "label");
        this.interpreter = Objects.requireNonNull(interpreter, "interpreter");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Serves the connection until the client leaves or the handshake fails. Returns normally
     * when the client ends the stream.
     *
     * @throws IOException if the channel fails or is closed under it, which includes the server
     *                     closing it and the client resetting the connection
     */
    public void serve() throws IOException {
        LineReader reader = new LineReader(channel, settings.maxLineBytes());
        Future<?> deadline = settings.deadlines().schedule(
                this::expireHandshake, Math.max(1, settings.handshakeTimeout().toMillis()), TimeUnit.MILLISECONDS);
        Accepted accepted;
        try {
            accepted = handshake(reader);
        } finally {
            deadline.cancel(false);
        }
        if (accepted == null) {
            return;
        }
        log.debug("Control connection {} opened a session (protocol {})", label, accepted.format().version());
        while (true) {
            String line;
            try {
                line = reader.readLine();
            } catch (LineTooLongException e) {
                write(accepted.format().answer(Reply.error("line-too-long", e.getMessage())));
                continue;
            }
            if (line == null) {
                return;
            }
            Reply reply = execute(accepted.session(), line);
            // Only a closing server interrupts a session: answer the command, then end. The
            // status is cleared for the write, which an interrupt would abort.
            boolean closing = Thread.interrupted();
            write(encode(accepted.format(), reply));
            if (closing) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private record Accepted(WireFormat format, CommandInterpreter.Session session) {
    }

    /** Returns the session to serve, or null after refusing the connection. */
    private Accepted handshake(LineReader reader) throws IOException {
        String line;
        try {
            line = reader.readLine();
        } catch (LineTooLongException e) {
            if (phase.compareAndSet(HandshakePhase.AWAITED, HandshakePhase.RECEIVED)) {
                log.debug("Control connection {} refused: handshake too long", label);
                refuse(WireFormat.TEXT, "handshake",
                        "handshake too long: limit is " + e.limit() + " bytes");
            }
            return null;
        }
        if (!phase.compareAndSet(HandshakePhase.AWAITED, HandshakePhase.RECEIVED)) {
            log.debug("Control connection {} refused: no handshake within {}", label, settings.handshakeTimeout());
            refuse(WireFormat.TEXT, "timeout", "no handshake within " + settings.handshakeTimeout().toMillis() + " ms");
            return null;
        }
        if (line == null) {
            log.debug("Control connection {} left before its handshake", label);
            return null;
        }
        Handshake handshake;
        try {
            handshake = Handshake.parse(line);
        } catch (HandshakeRejectedException e) {
            log.debug("Control connection {} refused: {}", label, e.getMessage());
            refuse(e.format(), e.errorType(), e.getMessage());
            return null;
        }
        WireFormat format = handshake.format();
        SharedToken token = settings.token();
        if (token != null && !token.matches(handshake.token())) {
            String problem = handshake.token() == null ? "missing" : "wrong";
            log.warn("Control connection {} refused: {} token", label, problem);
            refuse(format, "auth", "authentication failed: " + problem + " token");
            return null;
        }
        byte[] greeting;
        CommandInterpreter.Session session;
        try {
            session = interpreter.openSession(handshake.terminalWidth());
            Map<String, Object> info = format == WireFormat.FRAMED ? interpreter.handshakeInfo() : Map.of();
            greeting = format.handshakeAccepted(interpreter.greeting(), info);
        } catch (RuntimeException e) {
            log.error("Control connection {}: the interpreter failed to open a session", label, e);
            refuse(format, "internal", internalErrorMessage(e));
            return null;
        }
        write(greeting);
        return new Accepted(format, session);
    }

    private Reply execute(CommandInterpreter.Session session, String line) {
        try {
            return Objects.requireNonNull(session.execute(line), "the interpreter returned no reply");
        } catch (Exception e) {
            // The interpreter promises not to throw; if it does, the client learns only the kind.
            log.error("Control connection {}: command {} failed", label, quoted(line), e);
            return Reply.error("internal", internalErrorMessage(e));
        }
    }

    private byte[] encode(WireFormat format, Reply reply) {
        try {
            return format.answer(reply);
        } catch (IllegalArgumentException e) {
            log.error("Control connection {}: reply value not representable as JSON", label, e);
            return format.answer(Reply.error("internal", internalErrorMessage(e)));
        }
    }

    /**
     * Ends a handshake that has not arrived yet, called by the deadline. Shutting the input
     * down (rather than closing) wakes the blocked reader with end of stream while leaving the
     * output open, so the connection thread can still tell the client why it is being dropped.
     */
    private void expireHandshake() {
        if (!phase.compareAndSet(HandshakePhase.AWAITED, HandshakePhase.TIMED_OUT)) {
            return;
        }
        try {
            if (channel instanceof SocketChannel socket) {
                socket.shutdownInput();
            } else {
                channel.close();
            }
        } catch (IOException e) {
            log.debug("Control connection {}: could not end its overdue handshake: {}", label, e.toString());
        }
    }

    private void refuse(WireFormat format, String errorType, String message) throws IOException {
        write(format.refusal(errorType, message));
    }

    private void write(byte[] message) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(message);
        // A blocking channel writes everything in one call; the loop is for the contract's sake.
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static String internalErrorMessage(Exception e) {
        String name = e.getClass().getSimpleName();
        return "internal error: " + (name.isEmpty() ? e.getClass().getName() : name);
    }

    // Commands are logged only when something broke, shortened so a log line stays a line.
    private static String quoted(String line) {
        String shown = line.length() > 200 ? line.substring(0, 200) + "..." : line;
        return '"' + shown.replace("\n", "\\n") + '"';
    }
}
