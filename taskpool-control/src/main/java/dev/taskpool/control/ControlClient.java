package dev.taskpool.control;

import dev.taskpool.control.ControlClientException.Reason;
import dev.taskpool.control.wire.ClientChannel;
import dev.taskpool.control.wire.ClientChannel.ReadTimeoutException;
import dev.taskpool.control.wire.Handshake;
import dev.taskpool.control.wire.JsonCodec.MalformedJsonException;
import dev.taskpool.control.wire.WireFormat;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A client of a {@link ControlServer}, or of any server speaking the text protocol of
 * asyncio-taskpool's control server: connects, performs the handshake, then sends one command
 * line at a time and returns its answer.
 *
 * <pre>{@code
 * try (ControlClient client = ControlClient.connect(ControlEndpoint.loopback(9999),
 *         ControlClient.Options.defaults().withToken(secret))) {
 *     ControlClient.Response answer = client.send("stats");
 *     System.out.println(answer.output());
 * }
 * }</pre>
 *
 * <h2>Modes</h2>
 * By default the client asks for the framed protocol (protocol 2: one JSON object per answer,
 * with success or a typed error, and a machine-readable value). A server that only speaks
 * the text protocol ignores that request and greets with the bare pool name; the client then
 * falls back to text mode by itself ({@link #isFramed()} tells which mode is in use).
 *
 * <p>Text mode has no framing: an answer is the text the server writes, which may span several
 * lines. The client takes an answer to be complete once the received text ends with a newline
 * and nothing more arrives for a short quiet period (at least {@link #MIN_TEXT_QUIET_PERIOD},
 * more on a connection whose handshake took longer). That is reliable on a local machine and
 * a sound network, since the server writes each answer at once, but a network that delays
 * part of a long answer by more than that may split it. Text mode also cannot tell a failed
 * command from a successful one. Prefer the framed mode, which has neither limitation.
 *
 * <h2>Threads</h2>
 * Thread-safe: {@link #send(String)} holds a lock from sending a command until its answer has
 * come, so commands from several threads are sent one at a time, each waiting for its answer.
 * The lock is a {@link ReentrantLock}, not a monitor, so that a virtual thread waiting for the
 * lock or for an answer does not pin its carrier thread. {@link #close()} may be called from any
 * thread at any time; a thread waiting for an answer then fails with
 * {@link Reason#CLOSED}.
 */
public final class ControlClient implements AutoCloseable {

    /** The shortest quiet period that ends a text-mode answer. */
    public static final Duration MIN_TEXT_QUIET_PERIOD = Duration.ofMillis(25);
    private static final Duration MAX_TEXT_QUIET_PERIOD = Duration.ofSeconds(1);

    /**
     * How to connect. Immutable; start from {@link #defaults()} and change with the
     * {@code with...} methods. {@link #toString()} never shows the token.
     *
     * @param token          the server's token, {@code null} when it needs none
     * @param terminalWidth  the width the server wraps help texts to (it clamps to 20..1000)
     * @param connectTimeout how long connecting and the handshake may take together
     * @param answerTimeout  how long to wait for the answer to a command, {@code null} for as
     *                       long as it takes (some commands wait for tasks); when it passes,
     *                       the connection is closed, since a late answer would be taken for
     *                       the next one's
     * @param framed         whether to ask for the framed protocol; the client falls back to
     *                       text mode when the server does not speak it
     */
    public record Options(String token, int terminalWidth, Duration connectTimeout, Duration answerTimeout,
                          boolean framed) {

        /** The terminal width sent when none is given. */
        public static final int DEFAULT_TERMINAL_WIDTH = 80;
        /** Five seconds to connect and handshake. */
        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

        /**
         * @throws IllegalArgumentException if the token is blank, the width is below 1, or a
         *                                  timeout is not positive
         * @throws NullPointerException     if {@code connectTimeout} is null
         */
        public Options {
            if (token != null && token.isBlank()) {
                throw new IllegalArgumentException("token must not be blank; use null for none");
            }
            if (terminalWidth < 1) {
                throw new IllegalArgumentException("terminalWidth must be at least 1, got " + terminalWidth);
            }
            requirePositive(Objects.requireNonNull(connectTimeout, "connectTimeout"), "connectTimeout");
            if (answerTimeout != null) {
                requirePositive(answerTimeout, "answerTimeout");
            }
        }

        /** No token, width 80, 5 s to connect, no answer timeout, framed mode requested. */
        public static Options defaults() {
            return new Options(null, DEFAULT_TERMINAL_WIDTH, DEFAULT_CONNECT_TIMEOUT, null, true);
        }

        /** These options with a token ({@code null}: none). */
        public Options withToken(String token) {
            return new Options(token, terminalWidth, connectTimeout, answerTimeout, framed);
        }

        /** These options with another terminal width. */
        public Options withTerminalWidth(int terminalWidth) {
            return new Options(token, terminalWidth, connectTimeout, answerTimeout, framed);
        }

        /** These options with another connect timeout. */
        public Options withConnectTimeout(Duration connectTimeout) {
            return new Options(token, terminalWidth, connectTimeout, answerTimeout, framed);
        }

        /** These options with an answer timeout ({@code null}: wait as long as it takes). */
        public Options withAnswerTimeout(Duration answerTimeout) {
            return new Options(token, terminalWidth, connectTimeout, answerTimeout, framed);
        }

        /** These options asking for the framed protocol, or not (text mode). */
        public Options withFramed(boolean framed) {
            return new Options(token, terminalWidth, connectTimeout, answerTimeout, framed);
        }

        @Override
        public String toString() {
            return "Options[token=" + (token == null ? "none" : "****") + ", terminalWidth=" + terminalWidth
                    + ", connectTimeout=" + connectTimeout + ", answerTimeout=" + answerTimeout
                    + ", framed=" + framed + "]";
        }

        private static void requirePositive(Duration duration, String name) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + duration);
            }
        }
    }

    /**
     * The answer to one command.
     *
     * @param ok        whether the command succeeded; always {@code true} in text mode, which
     *                  cannot tell
     * @param errorType for a failure, the wire name of its kind ({@code usage},
     *                  {@code unknown-command}, {@code pool-is-locked}...; see {@link #error()});
     *                  else {@code null}
     * @param output    the text to show a person, possibly several lines, without a trailing
     *                  newline; the error message for a failure
     * @param value     in framed mode, the result as parsed JSON ({@link String},
     *                  {@link Number}, {@link Boolean}, {@code null}, {@link List} and
     *                  {@link java.util.Map} of those); always {@code null} in text mode and for failures
     */
    public record Response(boolean ok, String errorType, String output, Object value) {
        public Response {
            Objects.requireNonNull(output, "output");
        }

        /**
         * The kind of failure; empty for a success, and for a type this version does not know
         * (a newer server's), whose name {@link #errorType()} still gives.
         */
        public Optional<ErrorType> error() {
            return errorType == null ? Optional.empty() : ErrorType.fromWireName(errorType);
        }
    }

    private final ControlEndpoint endpoint;
    private final Options options;
    private final ClientChannel channel;
    private final boolean framed;
    private final String poolName;
    private final List<String> pools;
    private final List<String> commands;
    private final Duration textQuietPeriod;
    /** Held by {@link #send} from writing a command until its answer is read. */
    private final ReentrantLock sendLock = new ReentrantLock();
    private volatile boolean closed;
    private volatile boolean broken;

    private ControlClient(ControlEndpoint endpoint, Options options, ClientChannel channel, boolean framed,
                          String poolName, List<String> pools, List<String> commands, Duration textQuietPeriod) {
        this.endpoint = endpoint;
        this.options = options;
        this.channel = channel;
        this.framed = framed;
        this.poolName = poolName;
        this.pools = pools;
        this.commands = commands;
        this.textQuietPeriod = textQuietPeriod;
    }

    /**
     * Connects to {@code endpoint} and performs the handshake.
     *
     * @throws ControlClientException if nothing listens there, there is no socket at the path,
     *                                the token is missing or wrong, the server turns the client
     *                                away or does not answer within the connect timeout; its
     *                                message says which, in words a person can act on
     * @throws NullPointerException   if an argument is null
     */
    public static ControlClient connect(ControlEndpoint endpoint, Options options) throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(options, "options");
        long started = System.nanoTime();
        long deadline = ClientChannel.deadline(options.connectTimeout());
        ClientChannel channel = ClientChannel.connect(endpoint, options.connectTimeout());
        try {
            channel.write(Handshake.request(options.terminalWidth(), options.framed(), options.token()));
            String line;
            try {
                line = channel.readLine(deadline);
            } catch (ReadTimeoutException e) {
                throw new ControlClientException(Reason.TIMEOUT, "no answer to the handshake from "
                        + ClientChannel.describe(endpoint) + " within " + ClientChannel.seconds(options.connectTimeout())
                        + ": is it a taskpool control server?");
            }
            if (line == null) {
                throw new ControlClientException(Reason.CLOSED,
                        "server closed the connection during the handshake");
            }
            Duration handshakeTime = Duration.ofNanos(System.nanoTime() - started);
            Duration quiet = clamp(handshakeTime.multipliedBy(2), MIN_TEXT_QUIET_PERIOD, MAX_TEXT_QUIET_PERIOD);
            WireFormat.Greeting greeting;
            try {
                greeting = WireFormat.readGreeting(line, options.framed());
            } catch (MalformedJsonException e) {
                throw new ControlClientException(Reason.PROTOCOL, "unexpected handshake answer: " + shorten(line));
            }
            return switch (greeting) {
                case WireFormat.Refused refused -> throw refusal(refused);
                case WireFormat.Accepted accepted -> new ControlClient(endpoint, options, channel, accepted.framed(),
                        accepted.pool(), accepted.pools(), accepted.commands(), quiet);
            };
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Where the client is connected. */
    public ControlEndpoint endpoint() {
        return endpoint;
    }

    /** The options the client connected with. */
    public Options options() {
        return options;
    }

    /** The display name of the pool the session started on, as the server greeted. */
    public String poolName() {
        return poolName;
    }

    /** Whether the session uses the framed protocol; {@code false} in text mode. */
    public boolean isFramed() {
        return framed;
    }

    /** The pools the server controls, from the framed handshake; empty in text mode. */
    public List<String> pools() {
        return pools;
    }

    /**
     * The names of the commands the server knows, sorted, from the framed handshake; empty
     * in text mode.
     */
    public List<String> commands() {
        return commands;
    }

    /**
     * Sends one command line and waits for its answer.
     *
     * @param commandLine a command such as {@code start 3}; must not contain a line break
     * @throws IllegalArgumentException if {@code commandLine} contains {@code \n} or {@code \r}
     * @throws ControlClientException   if the server closed the connection
     *                                  ({@link Reason#CLOSED}), the answer did not come within
     *                                  the answer timeout ({@link Reason#TIMEOUT}) or could not be
     *                                  understood ({@link Reason#PROTOCOL}); the connection is
     *                                  unusable afterwards
     * @throws InterruptedIOException   if the thread was interrupted while waiting; the
     *                                  connection is closed
     */
    public Response send(String commandLine) throws IOException {
        Objects.requireNonNull(commandLine, "commandLine");
        if (commandLine.indexOf('\n') >= 0 || commandLine.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a command line must not contain a line break");
        }
        sendLock.lock();
        try {
            return exchange(commandLine);
        } finally {
            sendLock.unlock();
        }
    }

    /** Sends one command and reads its answer; the caller holds {@link #sendLock}. */
    private Response exchange(String commandLine) throws IOException {
        if (closed) {
            throw new ControlClientException(Reason.CLOSED, "the client was closed");
        }
        if (broken) {
            throw new ControlClientException(Reason.CLOSED, "server closed the connection");
        }
        try {
            channel.write((commandLine + "\n").getBytes(StandardCharsets.UTF_8));
            long deadline = ClientChannel.deadline(options.answerTimeout());
            return framed ? readFramed(deadline) : readText(deadline);
        } catch (ReadTimeoutException e) {
            broken = true;
            channel.close();
            throw new ControlClientException(Reason.TIMEOUT, "no answer within "
                    + ClientChannel.seconds(options.answerTimeout()) + "; the connection was closed");
        } catch (IOException | RuntimeException e) {
            broken = true;
            channel.close();
            if (closed && !(e instanceof InterruptedIOException)) {
                throw new ControlClientException(Reason.CLOSED, "the client was closed", e);
            }
            throw e;
        }
    }

    /** Whether {@link #close()} was called or the connection was lost. */
    public boolean isClosed() {
        return closed || broken;
    }

    /** Disconnects. Idempotent; never throws. */
    @Override
    public void close() {
        closed = true;
        channel.close();
    }

    @Override
    public String toString() {
        return "ControlClient[" + endpoint + ", " + poolName + (framed ? ", framed" : ", text")
                + (isClosed() ? ", closed" : "") + "]";
    }

    private Response readFramed(long deadline) throws IOException {
        String line = channel.readLine(deadline);
        if (line == null) {
            throw serverClosed();
        }
        try {
            WireFormat.Answer answer = WireFormat.readFramedAnswer(line);
            return new Response(answer.ok(), answer.errorType(), answer.output(), answer.value());
        } catch (MalformedJsonException e) {
            throw new ControlClientException(Reason.PROTOCOL, "unexpected answer: " + shorten(line));
        }
    }

    private Response readText(long deadline) throws IOException {
        String answer = channel.readTextAnswer(deadline, textQuietPeriod);
        if (answer == null) {
            throw serverClosed();
        }
        return new Response(true, null, answer, null);
    }

    private ControlClientException serverClosed() {
        return new ControlClientException(Reason.CLOSED, closed ? "the client was closed" : "server closed the connection");
    }

    private static ControlClientException refusal(WireFormat.Refused refused) {
        Reason reason = refused.type() == ErrorType.AUTH ? Reason.AUTHENTICATION_FAILED
                : refused.type() == ErrorType.TIMEOUT ? Reason.TIMEOUT : Reason.REFUSED;
        String message = reason == Reason.AUTHENTICATION_FAILED ? refused.message()
                : "refused by the server: " + refused.message();
        return new ControlClientException(reason, refused.type(), message, null);
    }

    private static Duration clamp(Duration value, Duration min, Duration max) {
        return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
    }

    private static String shorten(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
