package dev.taskpool.control.wire;

import dev.taskpool.control.SharedToken;
import dev.taskpool.control.ErrorType;
import dev.taskpool.control.command.CommandInterpreter;
import dev.taskpool.control.command.Reply;
import dev.taskpool.control.text.DurationText;
import dev.taskpool.control.wire.Handshake.HandshakeRejectedException;
import dev.taskpool.control.wire.LineReader.LineTooLongException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p>A connection closes itself when its client sends no line for the idle timeout while no
 * command is being executed, and when an answer cannot be written within the write timeout,
 * because its client reads none of its answers. The server may also {@linkplain #evict close}
 * it while it {@linkplain #idle() waits} for its client, to make room for a newcomer; a
 * connection executing a command is never evicted.
 *
 * <p>{@link #serve()} runs on the connection's own thread. The deadlines armed by
 * {@code serve()} on the settings' scheduler, and {@link #idle()} and {@link #evict} called by
 * the server, touch the connection from elsewhere; every other method is for the connection's
 * thread.
 */
public final class ControlConnection {

    private static final Logger log = LoggerFactory.getLogger(ControlConnection.class);

    /**
     * What every connection of a server shares.
     *
     * @param token            the token a handshake must carry; {@code null} for none
     * @param maxLineBytes     the longest line accepted, handshake included
     * @param handshakeTimeout how long a client may take to send its handshake
     * @param idleTimeout      how long a session may wait for a line; {@link Duration#ZERO}
     *                         for ever
     * @param writeTimeout     how long writing one message may take
     * @param throttle         slows down peers that fail handshakes, and logs their failures
     * @param deadlines        runs the deadlines; its tasks must not block
     */
    public record Settings(SharedToken token, int maxLineBytes, Duration handshakeTimeout, Duration idleTimeout,
                           Duration writeTimeout, HandshakeThrottle throttle, ScheduledExecutorService deadlines) {
        public Settings {
            Objects.requireNonNull(throttle, "throttle");
            Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(writeTimeout, "writeTimeout");
            Objects.requireNonNull(deadlines, "deadlines");
        }
    }

    private enum HandshakePhase { AWAITED, RECEIVED, TIMED_OUT }

    /**
     * A period in which the connection waits for its client: for its handshake, or for its
     * next command line. Each period is a new object, and the connection's activity changes
     * only by compare-and-set on identity, so a deadline or an eviction meant for one period
     * can never end a later one.
     */
    public static final class Idle {
        private final long sinceNanos;

        private Idle(long sinceNanos) {
            this.sinceNanos = sinceNanos;
        }

        /** When the period began, in {@link System#nanoTime()}. */
        public long sinceNanos() {
            return sinceNanos;
        }
    }

    /** What the connection does when not {@link Idle}. */
    private enum State {
        /** Checking a handshake, executing a command, refusing: never evicted. */
        BUSY,
        /** Closed by the server to make room; its session slot went to the newcomer. */
        EVICTED,
        /** Closed after waiting for its client for the idle timeout. */
        TIMED_OUT,
        /** The connection's thread has finished with it. */
        ENDED
    }

    private final ByteChannel channel;
    private final String label;
    private final Peer peer;
    private final CommandInterpreter interpreter;
    private final Settings settings;
    // Decides, exactly once, whether the handshake line or its deadline came first.
    private final AtomicReference<HandshakePhase> phase = new AtomicReference<>(HandshakePhase.AWAITED);
    // An Idle or a State; see Idle for why identity matters. Idle from the moment of creation:
    // a connection that has not sent its handshake yet is waiting for its client.
    private final AtomicReference<Object> activity = new AtomicReference<>(new Idle(System.nanoTime()));
    // Opened when the server closes the connection from another thread; ends a throttled wait.
    private final CountDownLatch closedByServer = new CountDownLatch(1);

    /**
     * @param channel     the client's channel, in blocking mode; closed by the caller
     * @param label       how logs name this connection
     * @param peer        who is at the other end, for counting failed handshakes
     * @param interpreter executes the commands
     */
    public ControlConnection(ByteChannel channel, String label, Peer peer, CommandInterpreter interpreter,
                             Settings settings) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.label = Objects.requireNonNull(label, "label");
        this.peer = Objects.requireNonNull(peer, "peer");
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
        Future<?> deadline = schedule(this::expireHandshake, settings.handshakeTimeout());
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
            // Idle since its last answer began to be written; anything else means the server
            // closed the connection meanwhile, to make room or at the idle timeout.
            if (!(activity.get() instanceof Idle idle)) {
                return;
            }
            Future<?> idleDeadline = armIdleDeadline(idle);
            String line;
            LineTooLongException tooLong = null;
            try {
                line = reader.readLine();
            } catch (LineTooLongException e) {
                line = null;
                tooLong = e;
            } finally {
                idleDeadline.cancel(false);
            }
            // Closed while the line arrived: end quietly, the channel is closed.
            if (!activity.compareAndSet(idle, State.BUSY)) {
                return;
            }
            if (tooLong != null) {
                answer(accepted.format().answer(Reply.error(ErrorType.LINE_TOO_LONG, tooLong.getMessage())));
                continue;
            }
            if (line == null) {
                return;
            }
            Reply reply = execute(accepted.session(), line);
            // Only a closing server interrupts a session: answer the command, then end. The
            // status is cleared for the write, which an interrupt would abort.
            boolean closing = Thread.interrupted();
            answer(encode(accepted.format(), reply));
            if (closing) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Writes the greeting or an answer, after which the connection waits for its client. The
     * wait is counted from before the write, so that a client holding its answer sees a
     * connection the server already counts as idle.
     */
    private void answer(byte[] message) throws IOException {
        activity.set(new Idle(System.nanoTime()));
        write(message);
    }

    private Future<?> armIdleDeadline(Idle idle) {
        if (settings.idleTimeout().isZero()) {
            return CompletableFuture.completedFuture(null);
        }
        long elapsed = System.nanoTime() - idle.sinceNanos();
        return schedule(() -> expireIdle(idle), settings.idleTimeout().minusNanos(elapsed));
    }

    private record Accepted(WireFormat format, CommandInterpreter.Session session) {
    }

    /**
     * The period in which this connection is waiting for its client, or {@code null} while it
     * executes a command, writes, or has ended. Any thread.
     */
    public Idle idle() {
        return activity.get() instanceof Idle idle ? idle : null;
    }

    /**
     * Closes the connection if it is still in the idle period {@code seen}, to make room for
     * another: the client sees the connection end without a word. Any thread.
     *
     * @return whether this call closed it; its session slot then passes to the caller
     */
    public boolean evict(Idle seen) {
        if (!activity.compareAndSet(seen, State.EVICTED)) {
            return false;
        }
        closeChannel("evict");
        return true;
    }

    /**
     * Marks the connection as finished with, once {@link #serve()} has returned or thrown.
     *
     * @return whether it still held its session slot: false if it was {@linkplain #evict
     *         evicted}, whose slot went to a newcomer
     */
    public boolean end() {
        return activity.getAndSet(State.ENDED) != State.EVICTED;
    }

    /** Returns the session to serve, or null after refusing the connection. */
    private Accepted handshake(LineReader reader) throws IOException {
        if (!(activity.get() instanceof Idle waiting)) {
            return null;
        }
        String line;
        try {
            line = reader.readLine();
        } catch (LineTooLongException e) {
            if (!activity.compareAndSet(waiting, State.BUSY)) {
                return null;
            }
            if (phase.compareAndSet(HandshakePhase.AWAITED, HandshakePhase.RECEIVED)) {
                log.debug("Control connection {} refused: handshake too long", label);
                refuse(WireFormat.TEXT, ErrorType.HANDSHAKE,
                        "handshake too long: limit is " + e.limit() + " bytes");
            }
            return null;
        }
        // Evicted while the handshake arrived: the channel is closed.
        if (!activity.compareAndSet(waiting, State.BUSY)) {
            return null;
        }
        if (!phase.compareAndSet(HandshakePhase.AWAITED, HandshakePhase.RECEIVED)) {
            log.debug("Control connection {} refused: no handshake within {}", label, settings.handshakeTimeout());
            refuse(WireFormat.TEXT, ErrorType.TIMEOUT, settings.handshakeTimeout().toMillis() + " ms");
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
        if (token != null) {
            if (!awaitTurn(format)) {
                return null;
            }
            if (!token.matches(handshake.token())) {
                String problem = (handshake.token() == null ? "missing" : "wrong") + " token";
                settings.throttle().failed(peer, label, problem);
                refuse(format, ErrorType.AUTH, problem);
                return null;
            }
        }
        byte[] greeting;
        CommandInterpreter.Session session;
        try {
            session = interpreter.openSession(handshake.terminalWidth(), label);
            Map<String, Object> info = format == WireFormat.FRAMED ? interpreter.handshakeInfo() : Map.of();
            greeting = format.handshakeAccepted(interpreter.greeting(), info);
        } catch (RuntimeException e) {
            log.error("Control connection {}: the interpreter failed to open a session", label, e);
            refuse(format, ErrorType.INTERNAL, internalErrorMessage(e));
            return null;
        }
        answer(greeting);
        return new Accepted(format, session);
    }

    /**
     * Waits for this handshake's turn to have its token checked, if its peer has failed too
     * often. The connection counts as idle meanwhile, so a peer holding many waiting
     * connections cannot lock others out. Returns false if the handshake was turned away (and
     * told so) or the connection was closed while it waited.
     */
    private boolean awaitTurn(WireFormat format) throws IOException {
        HandshakeThrottle.Turn turn = settings.throttle().turn(peer, label);
        if (turn.turnedAway()) {
            long seconds = Math.max(1, (turn.waitNanos() + 999_999_999) / 1_000_000_000);
            refuse(format, ErrorType.THROTTLED, peer.description()
                    + "; try again in " + seconds + " s");
            return false;
        }
        if (turn.waitNanos() == 0) {
            return true;
        }
        Idle waiting = new Idle(System.nanoTime());
        activity.set(waiting);
        try {
            if (closedByServer.await(turn.waitNanos(), TimeUnit.NANOSECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            // The server is closing.
            Thread.currentThread().interrupt();
            return false;
        }
        return activity.compareAndSet(waiting, State.BUSY);
    }

    private Reply execute(CommandInterpreter.Session session, String line) {
        try {
            return Objects.requireNonNull(session.execute(line), "the interpreter returned no reply");
        } catch (Exception e) {
            // The interpreter promises not to throw; if it does, the client learns only the kind.
            log.error("Control connection {}: command {} failed", label, quoted(line), e);
            return Reply.error(ErrorType.INTERNAL, internalErrorMessage(e));
        }
    }

    private byte[] encode(WireFormat format, Reply reply) {
        try {
            return format.answer(reply);
        } catch (IllegalArgumentException e) {
            log.error("Control connection {}: reply value not representable as JSON", label, e);
            return format.answer(Reply.error(ErrorType.INTERNAL, internalErrorMessage(e)));
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

    /** Ends an idle period that lasted the idle timeout, called by its deadline. */
    private void expireIdle(Idle idle) {
        if (activity.compareAndSet(idle, State.TIMED_OUT)) {
            log.info("Control connection {} closed: idle for {} (the idle timeout)", label,
                    DurationText.of(settings.idleTimeout()));
            closeChannel("time out");
        }
    }

    private void refuse(WireFormat format, ErrorType errorType, String detail) throws IOException {
        write(format.refusal(errorType, detail));
    }

    /**
     * Writes one message, closing the connection if that takes longer than the write timeout:
     * a client that reads none of its answers fills the socket's buffers, and then a write
     * would block for ever.
     */
    private void write(byte[] message) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(message);
        // Decides, exactly once, whether the write or its deadline finished first.
        AtomicBoolean settled = new AtomicBoolean();
        Future<?> deadline = schedule(() -> {
            if (settled.compareAndSet(false, true)) {
                log.warn("Control connection {} closed: could not write {} bytes within {} (the client reads "
                        + "none of its answers)", label, message.length, DurationText.of(settings.writeTimeout()));
                closeChannel("end its stuck write");
            }
        }, settings.writeTimeout());
        try {
            // A blocking channel writes everything in one call; the loop is for the contract's sake.
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } finally {
            deadline.cancel(false);
        }
        if (!settled.compareAndSet(false, true)) {
            throw new AsynchronousCloseException();
        }
    }

    /**
     * Runs {@code task} on the deadlines' scheduler after {@code delay}. A server closing
     * from a command of this very session has shut the scheduler down; then nothing is armed,
     * as the server closes the connection anyway.
     */
    private Future<?> schedule(Runnable task, Duration delay) {
        try {
            return settings.deadlines().schedule(task, saturatedNanos(delay), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return Math.max(1, duration.toNanos());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private void closeChannel(String why) {
        closedByServer.countDown();
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("Control connection {}: closing it to {} failed: {}", label, why, e.toString());
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
