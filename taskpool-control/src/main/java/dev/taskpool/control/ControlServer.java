package dev.taskpool.control;

import dev.taskpool.BaseTaskPool;
import dev.taskpool.control.command.CommandInterpreter;
import dev.taskpool.control.wire.ControlConnection;
import dev.taskpool.control.text.DurationText;
import dev.taskpool.control.wire.HandshakeThrottle;
import dev.taskpool.control.wire.ListeningSocket;
import dev.taskpool.control.wire.Peer;
import dev.taskpool.control.wire.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A control server: listens on a TCP port or a UNIX domain socket and serves each connection
 * on its own virtual thread, so a slow, silent or hostile client never delays another.
 *
 * <p>Speaks the text protocol of asyncio-taskpool's control client (a JSON handshake line,
 * then one answer line per command line) and, when the handshake asks for
 * {@code "protocol": 2}, a framed protocol of one JSON object per line. Commands are executed
 * by the given {@link CommandInterpreter}; this class only carries them.
 *
 * <p>Thread-safe. Every method may be called from any thread, {@link #close()} included from
 * a command being executed. The server's threads are virtual, hence daemon threads: a running
 * server does not keep the JVM alive.
 */
public final class ControlServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
    private static final Duration ACCEPT_RETRY_DELAY = Duration.ofMillis(100);

    /**
     * How a server treats its clients. Immutable and thread-safe; build one from
     * {@link #defaults()} with the {@code with...} methods. {@link #toString()} never shows the
     * token. {@code docs/reliability.md} describes every limit and what happens at it.
     *
     * @param token            the secret each handshake must carry as {@code "token"};
     *                         {@code null} for none
     * @param maxLineBytes     the longest line accepted, in bytes, handshake included; longer
     *                         command lines are answered with an error and skipped
     * @param handshakeTimeout how long a new connection may take to send its handshake
     * @param maxSessions      how many connections are served at once; a newcomer beyond them
     *                         closes the session idle the longest, and is refused only when
     *                         every session is executing a command
     * @param idleTimeout      how long a session may wait for its client's next line before it
     *                         is closed; {@link Duration#ZERO} for never
     * @param writeTimeout     how long writing one answer may take before the connection is
     *                         closed: the client reads none of its answers
     * @param authThrottle     how peers that present wrong tokens are slowed down, and how
     *                         their failures are logged
     */
    public record Options(String token, int maxLineBytes, Duration handshakeTimeout, int maxSessions,
                          Duration idleTimeout, Duration writeTimeout, AuthThrottle authThrottle) {

        /** 64 KiB: far beyond any real command, small enough that 64 sessions cost little. */
        public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;
        /** The smallest line limit accepted; a handshake has to fit in it. */
        public static final int MIN_LINE_BYTES = 64;
        /** Ten seconds: ample for a client program, short for a connection left hanging. */
        public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
        /** How many sessions a server serves at once unless told otherwise. */
        public static final int DEFAULT_MAX_SESSIONS = 64;
        /** Ten minutes: an operator's pause, not a forgotten terminal's night. */
        public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
        /** Thirty seconds: far beyond what any client that reads its answers needs. */
        public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);

        /**
         * @throws IllegalArgumentException if the token is blank, {@code maxLineBytes} is below
         *                                  {@value #MIN_LINE_BYTES}, the handshake or write
         *                                  timeout is not positive, the idle timeout is
         *                                  negative or {@code maxSessions} is below 1
         * @throws NullPointerException     if a timeout or {@code authThrottle} is null
         */
        public Options {
            if (token != null && token.isBlank()) {
                throw new IllegalArgumentException("token must not be blank; use null for none");
            }
            if (maxLineBytes < MIN_LINE_BYTES) {
                throw new IllegalArgumentException(
                        "maxLineBytes must be at least " + MIN_LINE_BYTES + ", got " + maxLineBytes);
            }
            requirePositive(handshakeTimeout, "handshakeTimeout");
            if (maxSessions < 1) {
                throw new IllegalArgumentException("maxSessions must be at least 1, got " + maxSessions);
            }
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            if (idleTimeout.isNegative()) {
                throw new IllegalArgumentException("idleTimeout must be 0 (never) or positive, got " + idleTimeout);
            }
            requirePositive(writeTimeout, "writeTimeout");
            Objects.requireNonNull(authThrottle, "authThrottle");
        }

        private static void requirePositive(Duration timeout, String name) {
            Objects.requireNonNull(timeout, name);
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + timeout);
            }
        }

        /**
         * No token, 64 KiB lines, 10 s to handshake, 64 sessions, 10 min idle, 30 s per answer,
         * {@linkplain AuthThrottle#defaults() failed handshakes throttled}.
         */
        public static Options defaults() {
            return new Options(null, DEFAULT_MAX_LINE_BYTES, DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_MAX_SESSIONS,
                    DEFAULT_IDLE_TIMEOUT, DEFAULT_WRITE_TIMEOUT, AuthThrottle.defaults());
        }

        /** These options with a token required ({@code null}: none). */
        public Options withToken(String token) {
            return new Options(token, maxLineBytes, handshakeTimeout, maxSessions, idleTimeout, writeTimeout,
                    authThrottle);
        }

        /** These options with another line limit. */
        public Options withMaxLineBytes(int maxLineBytes) {
            return new Options(token, maxLineBytes, handshakeTimeout, maxSessions, idleTimeout, writeTimeout,
                    authThrottle);
        }

        /** These options with another handshake timeout. */
        public Options withHandshakeTimeout(Duration handshakeTimeout) {
            return new Options(token, maxLineBytes, handshakeTimeout, maxSessions, idleTimeout, writeTimeout,
                    authThrottle);
        }

        /**
         * These options with another session limit. At the limit, a newcomer closes the
         * session that has waited longest for its client (logged at info level); when every
         * session is executing a command, the newcomer is refused with one line instead.
         */
        public Options withMaxSessions(int maxSessions) {
            return new Options(token, maxLineBytes, handshakeTimeout, maxSessions, idleTimeout, writeTimeout,
                    authThrottle);
        }

        /**
         * These options with another idle timeout: a session whose client sends no line for
         * that long, while it executes no command, is closed without a word (logged at info
         * level). {@link Duration#ZERO} keeps idle sessions open for ever, until the session
         * limit makes room. The handshake has its own {@linkplain #withHandshakeTimeout
         * timeout}.
         */
        public Options withIdleTimeout(Duration idleTimeout) {
            return new Options(token, maxLineBytes, handshakeTimeout, maxSessions, idleTimeout, writeTimeout,
                    authThrottle);
        }

        /**
         * These options with another write timeout: when one answer (or refusal) cannot be
         * written within it, because the client reads nothing and the socket's buffers are
         * full, the connection is closed (logged at warning level).
         */
        public Options withWriteTimeout(Duration writeTimeout) {
            return new Options(token, maxLineBytes, handshakeTimeout, maxSessions, idleTimeout, writeTimeout,
                    authThrottle);
        }

        /**
         * These options with other rules for failed handshakes: how soon a peer that presents
         * wrong tokens is slowed down, how much, how quickly it is forgiven, and how often its
         * failures are logged. Matters only with a {@linkplain #withToken token}.
         */
        public Options withAuthThrottle(AuthThrottle authThrottle) {
            return new Options(token, maxLineBytes, handshakeTimeout, maxSessions, idleTimeout, writeTimeout,
                    authThrottle);
        }

        @Override
        public String toString() {
            return "Options[token=" + (token == null ? "none" : "****") + ", maxLineBytes=" + maxLineBytes
                    + ", handshakeTimeout=" + handshakeTimeout + ", maxSessions=" + maxSessions
                    + ", idleTimeout=" + idleTimeout + ", writeTimeout=" + writeTimeout
                    + ", authThrottle=" + authThrottle + "]";
        }
    }

    /**
     * How a server answers peers that fail handshakes by presenting a wrong or missing token.
     * A peer is a remote address over TCP, and over a UNIX socket the connecting user where
     * the system tells it (Linux, macOS), else every client of the socket together. Immutable
     * and thread-safe; build one from {@link #defaults()} with the {@code with...} methods.
     *
     * <p>Each failed handshake adds one to its peer's failure count, which halves every
     * {@code halfLife}. While the count is above {@code freeFailures}, every handshake from the
     * peer, right token or wrong, waits before its token is checked:
     * {@code initialDelay × 2^(count − freeFailures − 1)}, at most {@code maxDelay}. The
     * peer's handshakes wait their turns one after another, so opening many connections gains
     * nothing; a handshake whose turn is further away than {@code maxDelay} is turned away at
     * once with the error type {@code throttled}, unchecked. Other peers are not slowed.
     * Tokens are compared in constant time all the same.
     *
     * <p>The first failure of a peer is logged at warning level at once; further failures
     * within {@code logInterval} are summed up in one line per peer at its end:
     * {@code 523 failed handshakes from 192.0.2.7 in the last 1m00s}.
     *
     * @param freeFailures how many failures a peer may have before it is slowed down
     * @param initialDelay the wait after the first failure past the free ones; it doubles
     *                     with each further one. {@link Duration#ZERO} with a zero
     *                     {@code maxDelay} slows nobody down
     * @param maxDelay     the longest wait, and the furthest turn a handshake may be given
     * @param halfLife     how long it takes a peer's failure count to halve
     * @param logInterval  the least time between two log lines about one peer's failures;
     *                     {@link Duration#ZERO} logs every failure
     */
    public record AuthThrottle(int freeFailures, Duration initialDelay, Duration maxDelay, Duration halfLife,
                               Duration logInterval) {

        HandshakeThrottle.Limits limits() {
            return new HandshakeThrottle.Limits(freeFailures, initialDelay, maxDelay, halfLife, logInterval);
        }

        /** Three: a typo or two, then the right token, costs nothing. */
        public static final int DEFAULT_FREE_FAILURES = 3;
        /** A quarter of a second for the first failure past the free ones. */
        public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofMillis(250);
        /** Five seconds: at most one guess checked per peer every five seconds. */
        public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(5);
        /** One minute: a peer that stops failing is forgiven within minutes. */
        public static final Duration DEFAULT_HALF_LIFE = Duration.ofMinutes(1);
        /** One minute: at most one log line per peer and minute. */
        public static final Duration DEFAULT_LOG_INTERVAL = Duration.ofMinutes(1);

        /**
         * @throws IllegalArgumentException if {@code freeFailures} or a duration is negative,
         *                                  {@code maxDelay} is shorter than
         *                                  {@code initialDelay}, or {@code halfLife} is not
         *                                  positive
         * @throws NullPointerException     if a duration is null
         */
        public AuthThrottle {
            if (freeFailures < 0) {
                throw new IllegalArgumentException("freeFailures must be 0 or more, got " + freeFailures);
            }
            requireNotNegative(initialDelay, "initialDelay");
            requireNotNegative(maxDelay, "maxDelay");
            if (maxDelay.compareTo(initialDelay) < 0) {
                throw new IllegalArgumentException(
                        "maxDelay must be at least initialDelay (" + initialDelay + "), got " + maxDelay);
            }
            Objects.requireNonNull(halfLife, "halfLife");
            if (halfLife.isNegative() || halfLife.isZero()) {
                throw new IllegalArgumentException("halfLife must be positive, got " + halfLife);
            }
            requireNotNegative(logInterval, "logInterval");
        }

        private static void requireNotNegative(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.isNegative()) {
                throw new IllegalArgumentException(name + " must be 0 or positive, got " + duration);
            }
        }

        /** Three free failures, then 0.25 s doubling up to 5 s, a half-life of 1 min, a log line a minute. */
        public static AuthThrottle defaults() {
            return new AuthThrottle(DEFAULT_FREE_FAILURES, DEFAULT_INITIAL_DELAY, DEFAULT_MAX_DELAY,
                    DEFAULT_HALF_LIFE, DEFAULT_LOG_INTERVAL);
        }

        /** This throttle with another number of free failures. */
        public AuthThrottle withFreeFailures(int freeFailures) {
            return new AuthThrottle(freeFailures, initialDelay, maxDelay, halfLife, logInterval);
        }

        /** This throttle with other waits: {@code ZERO, ZERO} slows nobody down. */
        public AuthThrottle withDelays(Duration initialDelay, Duration maxDelay) {
            return new AuthThrottle(freeFailures, initialDelay, maxDelay, halfLife, logInterval);
        }

        /** This throttle with another half-life of the failure counts. */
        public AuthThrottle withHalfLife(Duration halfLife) {
            return new AuthThrottle(freeFailures, initialDelay, maxDelay, halfLife, logInterval);
        }

        /** This throttle with another interval between log lines about one peer. */
        public AuthThrottle withLogInterval(Duration logInterval) {
            return new AuthThrottle(freeFailures, initialDelay, maxDelay, halfLife, logInterval);
        }
    }

    private final ListeningSocket listener;
    private final ControlEndpoint endpoint;
    private final CommandInterpreter interpreter;
    private final int maxSessions;
    private final ControlConnection.Settings connectionSettings;
    private final ScheduledThreadPoolExecutor deadlines;
    private final HandshakeThrottle throttle;
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    // The admitted connections, for eviction; each holds one of the sessions counted below.
    private final Set<Admitted> admitted = ConcurrentHashMap.newKeySet();
    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicLong connectionCount = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread acceptor;

    private ControlServer(ListeningSocket listener, CommandInterpreter interpreter, Options options) {
        this.listener = listener;
        this.endpoint = listener.endpoint();
        this.interpreter = interpreter;
        this.maxSessions = options.maxSessions();
        this.deadlines = new ScheduledThreadPoolExecutor(1, Thread.ofVirtual().name("taskpool-control-deadlines").factory());
        // Most deadlines are cancelled before they are due, by a timely handshake or the next
        // line; do not keep them queued.
        deadlines.setRemoveOnCancelPolicy(true);
        SharedToken token = options.token() == null ? null : SharedToken.of(options.token());
        // Failed handshakes were always logged by the connections' logger; they still are.
        Logger failures = LoggerFactory.getLogger(ControlConnection.class);
        this.throttle = new HandshakeThrottle(options.authThrottle().limits(), System::nanoTime, this::scheduleQuietly,
                failures::warn);
        this.connectionSettings = new ControlConnection.Settings(token, options.maxLineBytes(),
                options.handshakeTimeout(), options.idleTimeout(), options.writeTimeout(), throttle, deadlines);
        this.acceptor = Thread.ofVirtual().name("taskpool-control-accept " + endpoint).unstarted(this::acceptLoop);
    }

    /**
     * Starts describing a server that controls the given pools: the first is where sessions
     * start; {@code use NAME} switches to another.
     *
     * <pre>{@code
     * ControlServer server = ControlServer.forPools(workers, jobs)
     *         .functions(new FunctionRegistry().allowClass(Jobs.class))
     *         .options(ControlServer.Options.defaults().withToken(secret))
     *         .start(ControlEndpoint.loopback(9999));
     * }</pre>
     */
    public static ControlServerBuilder forPools(BaseTaskPool first, BaseTaskPool... more) {
        return new ControlServerBuilder(first, more);
    }

    /**
     * Binds the endpoint and starts accepting connections on a virtual thread, executing
     * commands with the given interpreter. Returns as soon as the socket listens. Not API:
     * programs use {@link #forPools}; tests of the server use it with interpreters of their own.
     *
     * @throws java.net.BindException     if the TCP port is taken, or a server is listening on
     *                                    the UNIX socket path
     * @throws java.nio.file.FileAlreadyExistsException if the UNIX socket path holds a file that
     *                                    is not a socket (it is left untouched)
     * @throws java.net.UnknownHostException if the TCP host does not resolve
     * @throws IOException                if the socket cannot be created or bound otherwise
     * @throws NullPointerException       if an argument is null
     */
    static ControlServer start(ControlEndpoint endpoint, CommandInterpreter interpreter, Options options)
            throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(interpreter, "interpreter");
        Objects.requireNonNull(options, "options");
        ControlServer server = new ControlServer(ListeningSocket.bind(endpoint), interpreter, options);
        server.acceptor.start();
        log.info("Control server listening on {}", server.endpoint);
        return server;
    }

    /** Where the server listens, as bound: a TCP port 0 is replaced by the port chosen. */
    public ControlEndpoint endpoint() {
        return endpoint;
    }

    /**
     * The TCP port the server listens on.
     *
     * @throws IllegalStateException if the server listens on a UNIX domain socket
     */
    public int port() {
        if (endpoint instanceof ControlEndpoint.Tcp tcp) {
            return tcp.port();
        }
        throw new IllegalStateException("not a TCP control server: " + endpoint);
    }

    /** Whether the server still accepts connections: false once {@link #close()} began. */
    public boolean isOpen() {
        return !closing.get() && listener.isOpen();
    }

    /** How many connections are being served, those still in their handshake included. */
    public int sessionCount() {
        return sessions.get();
    }

    /**
     * Stops the server: stops accepting, interrupts every session (one still executing a
     * command answers it with the error type {@code interrupted}), waits until every
     * connection thread and the accept thread have ended (except the caller's own, when a
     * command closes the server), closes every connection (its client sees end of stream),
     * and removes the UNIX socket file. Idempotent;
     * a concurrent or later call waits for the first to finish. Never throws; if the calling
     * thread is interrupted, it still waits and keeps its interrupt status.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            // The first close() may be waiting for this very thread to end.
            if (!workers.contains(Thread.currentThread())) {
                awaitClosedUninterruptibly();
            }
            return;
        }
        listener.close();
        boolean interrupted = joinUninterruptibly(acceptor);
        // The acceptor has ended, so the sets can no longer grow. Sessions are interrupted
        // before their connections close: one waiting in a command (gather-and-close,
        // until-closed) answers "interrupted" and ends; an idle one's read ends at once.
        // A command may close the server from its own session thread: never wait for oneself.
        Thread self = Thread.currentThread();
        for (Thread worker : workers) {
            if (worker != self) {
                worker.interrupt();
            }
        }
        for (Thread worker : workers) {
            if (worker != self) {
                interrupted |= joinUninterruptibly(worker);
            }
        }
        clients.forEach(ControlServer::closeQuietly);
        // The summaries of failed handshakes not logged yet would be lost with their tasks.
        throttle.flush();
        deadlines.shutdownNow();
        closed.countDown();
        log.info("Control server on {} closed", endpoint);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until {@link #close()} has finished.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    @Override
    public String toString() {
        return "ControlServer[" + endpoint + (isOpen() ? "" : ", closed") + "]";
    }

    private void acceptLoop() {
        while (!closing.get()) {
            SocketChannel client;
            try {
                client = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // For instance out of file descriptors: others may be released soon.
                log.warn("Control server on {} failed to accept a connection: {}", endpoint, e.toString());
                if (!pauseBeforeRetry()) {
                    return;
                }
                continue;
            }
            if (closing.get()) {
                closeQuietly(client);
                return;
            }
            dispatch(client);
        }
    }

    private record Admitted(String label, ControlConnection connection) {
    }

    private void dispatch(SocketChannel client) {
        long id = connectionCount.incrementAndGet();
        Peer peer = Peer.of(client);
        String label = "#" + id + " on " + endpoint + peer.remote();
        Admitted session = admit(client, id, label, peer);
        clients.add(client);
        Thread worker = Thread.ofVirtual().name("taskpool-control-" + id).unstarted(() -> {
            try {
                if (session != null) {
                    serve(session);
                } else {
                    refuse(client, label);
                }
            } finally {
                closeQuietly(client);
                clients.remove(client);
                if (session != null) {
                    admitted.remove(session);
                    if (session.connection().end()) {
                        sessions.decrementAndGet();
                    }
                }
                workers.remove(Thread.currentThread());
                log.debug("Control connection {} closed", label);
            }
        });
        workers.add(worker);
        worker.start();
    }

    /**
     * Gives the connection a session: a free one, else the one of the session that has waited
     * longest for its client, which is closed. Returns null when every session is executing a
     * command. Runs on the accept thread only, so two newcomers never pick the same session.
     */
    private Admitted admit(SocketChannel client, long id, String label, Peer peer) {
        if (!reserveSession() && !evictLongestIdle(id) && !reserveSession()) {
            return null;
        }
        Admitted session = new Admitted(label,
                new ControlConnection(client, label, peer, interpreter, connectionSettings));
        admitted.add(session);
        return session;
    }

    /** Closes the session idle the longest, leaving its slot to connection {@code newcomer}. */
    private boolean evictLongestIdle(long newcomer) {
        while (true) {
            Admitted longest = null;
            ControlConnection.Idle longestIdle = null;
            for (Admitted session : admitted) {
                ControlConnection.Idle idle = session.connection().idle();
                if (idle != null && (longestIdle == null || idle.sinceNanos() - longestIdle.sinceNanos() < 0)) {
                    longest = session;
                    longestIdle = idle;
                }
            }
            if (longest == null) {
                return false;
            }
            // Loses only to a line that just arrived, or to the idle timeout: then look again.
            if (longest.connection().evict(longestIdle)) {
                Duration idleFor = Duration.ofNanos(System.nanoTime() - longestIdle.sinceNanos());
                log.info("Control connection {} closed after {} idle, to make room for #{} (limit: {} sessions)",
                        longest.label(), DurationText.of(idleFor), newcomer, maxSessions);
                return true;
            }
        }
    }

    private void serve(Admitted session) {
        log.debug("Control connection {} opened", session.label());
        try {
            session.connection().serve();
        } catch (IOException e) {
            // The client vanished, or close() closed the channel under a read: routine.
            log.debug("Control connection {} ended: {}", session.label(), e.toString());
        } catch (RuntimeException | Error e) {
            log.error("Control connection {} failed", session.label(), e);
        }
    }

    private void refuse(SocketChannel client, String label) {
        log.warn("Control connection {} refused: {} sessions already open, each executing a command",
                label, maxSessions);
        try {
            client.write(ByteBuffer.wrap(WireFormat.TEXT.refusal(
                    ErrorType.BUSY, "(limit is " + maxSessions + ")")));
        } catch (IOException e) {
            log.debug("Control connection {} could not be told it was refused: {}", label, e.toString());
        }
    }

    private boolean reserveSession() {
        int current;
        do {
            current = sessions.get();
            if (current >= maxSessions) {
                return false;
            }
        } while (!sessions.compareAndSet(current, current + 1));
        return true;
    }

    private boolean pauseBeforeRetry() {
        try {
            Thread.sleep(ACCEPT_RETRY_DELAY);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private void awaitClosedUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                closed.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Joins, retrying through interrupts; returns whether one happened. */
    private static boolean joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    /** Runs a task of the throttle later; a closing server has flushed what it would log. */
    private void scheduleQuietly(Runnable task, long delayNanos) {
        try {
            deadlines.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("Control server on {} is closing; a summary of failed handshakes is dropped", endpoint);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("Closing a control connection failed: {}", e.toString());
        }
    }
}
