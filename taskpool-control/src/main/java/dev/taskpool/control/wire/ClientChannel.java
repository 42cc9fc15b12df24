package dev.taskpool.control.wire;

import dev.taskpool.control.ControlClientException;
import dev.taskpool.control.ControlClientException.Reason;
import dev.taskpool.control.ControlEndpoint;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;

/**
 * The client's side of a control connection: connects with a timeout, writes whole messages
 * and reads lines or text-mode answers, every wait bounded by a deadline when one is given.
 * Works on a non-blocking channel with a selector, which gives timeouts on both TCP and UNIX
 * sockets and lets {@link #close()} from another thread wake a waiting reader.
 *
 * <p>Not thread-safe except {@link #close()}: one thread at a time sends and reads.
 */
public final class ClientChannel implements Closeable {

    /** A deadline meaning "wait as long as it takes". */
    public static final long NO_DEADLINE = Long.MAX_VALUE;
    /** The longest answer accepted: far beyond any real one, short of exhausting memory. */
    public static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;

    private static final int DATA = 1;
    private static final int END_OF_STREAM = -1;
    private static final int EXPIRED = 0;

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private byte[] buffer = new byte[8192];
    private int length;
    // Bytes before this index are known to hold no newline: a long line is scanned once.
    private int scanned;
    private boolean endOfStream;
    private volatile boolean closed;

    private ClientChannel(SocketChannel channel, Selector selector, SelectionKey key) {
        this.channel = channel;
        this.selector = selector;
        this.key = key;
    }

    /** The time by which something lasting {@code timeout} from now is over; {@code null} for none. */
    public static long deadline(Duration timeout) {
        if (timeout == null) {
            return NO_DEADLINE;
        }
        long now = System.nanoTime();
        long nanos = timeout.toNanos();
        return nanos >= NO_DEADLINE - now ? NO_DEADLINE - 1 : now + nanos;
    }

    /**
     * Connects to {@code endpoint}.
     *
     * @throws ControlClientException with a message a person can act on when nothing listens,
     *                                there is no socket at the path, the host is unknown or
     *                                connecting takes longer than {@code timeout}
     */
    public static ClientChannel connect(ControlEndpoint endpoint, Duration timeout) throws ControlClientException {
        SocketAddress address;
        try {
            address = switch (endpoint) {
                case ControlEndpoint.Tcp tcp -> {
                    InetSocketAddress inet = new InetSocketAddress(tcp.host(), tcp.port());
                    if (inet.isUnresolved()) {
                        throw new ControlClientException(Reason.UNKNOWN_HOST, "unknown host: " + tcp.host());
                    }
                    yield inet;
                }
                case ControlEndpoint.Unix unix -> UnixDomainSocketAddress.of(unix.path());
            };
        } catch (IllegalArgumentException e) {
            // A path too long for a socket address, say.
            throw new ControlClientException(Reason.IO, "cannot connect to " + describe(endpoint) + ": "
                    + e.getMessage(), e);
        }
        SocketChannel channel = null;
        Selector selector = null;
        try {
            channel = endpoint instanceof ControlEndpoint.Unix
                    ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
            channel.configureBlocking(false);
            selector = Selector.open();
            SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT);
            long deadline = deadline(timeout);
            if (!channel.connect(address)) {
                while (!channel.finishConnect()) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        throw new ControlClientException(Reason.TIMEOUT, "timed out connecting to "
                                + describe(endpoint) + " after " + seconds(timeout));
                    }
                    select(selector, remaining);
                }
            }
            key.interestOps(SelectionKey.OP_READ);
            return new ClientChannel(channel, selector, key);
        } catch (ControlClientException e) {
            closeQuietly(channel, selector);
            throw e;
        } catch (IOException e) {
            closeQuietly(channel, selector);
            throw connectFailure(endpoint, e);
        }
    }

    /** Writes all of {@code bytes}; a server that has gone away yields {@link Reason#CLOSED}. */
    public void write(byte[] bytes) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(bytes);
        try {
            while (out.hasRemaining()) {
                if (channel.write(out) == 0) {
                    key.interestOps(SelectionKey.OP_WRITE);
                    try {
                        select(selector, 0);
                    } finally {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                }
            }
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException | ClosedSelectorException | java.nio.channels.CancelledKeyException e) {
            throw closedFailure(e);
        }
    }

    /**
     * The next line, decoded as UTF-8, without its {@code \n} (or {@code \r\n}).
     *
     * @param deadline a {@link System#nanoTime()} by which the line must have come, or
     *                 {@link #NO_DEADLINE}
     * @return the line, or {@code null} at end of stream (a partial last line is dropped)
     * @throws ReadTimeoutException if the deadline passes first
     */
    public String readLine(long deadline) throws IOException {
        while (true) {
            int newline = indexOf((byte) '\n', scanned);
            if (newline >= 0) {
                int end = newline > 0 && buffer[newline - 1] == '\r' ? newline - 1 : newline;
                String line = new String(buffer, 0, end, StandardCharsets.UTF_8);
                consume(newline + 1);
                return line;
            }
            scanned = length;
            int filled = fill(deadline);
            if (filled == END_OF_STREAM) {
                return null;
            }
            if (filled == EXPIRED) {
                throw new ReadTimeoutException();
            }
        }
    }

    /**
     * A text-mode answer: text mode has no framing, so the answer is taken to be complete once
     * what arrived ends with {@code \n} and nothing more comes for {@code quietPeriod}. The
     * server writes each answer with one write, so its bytes arrive together unless the
     * network splits them with a longer pause than that.
     *
     * @return the answer without its final {@code \n}, or {@code null} at end of stream
     * @throws ReadTimeoutException if no complete answer has come by {@code deadline}
     */
    public String readTextAnswer(long deadline, Duration quietPeriod) throws IOException {
        while (true) {
            while (length == 0 || buffer[length - 1] != '\n') {
                int filled = fill(deadline);
                if (filled == END_OF_STREAM) {
                    return null;
                }
                if (filled == EXPIRED) {
                    throw new ReadTimeoutException();
                }
            }
            int filled = fill(Math.min(deadline, deadline(quietPeriod)));
            if (filled == DATA) {
                continue;
            }
            int end = length - 1;
            if (end > 0 && buffer[end - 1] == '\r') {
                end--;
            }
            String answer = new String(buffer, 0, end, StandardCharsets.UTF_8);
            consume(length);
            return answer;
        }
    }

    /** Whether the server has ended the stream, as far as reads have seen. */
    public boolean isEndOfStream() {
        return endOfStream;
    }

    /** Closes the connection; a thread waiting in a read wakes up and sees end of stream. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(channel, selector);
    }

    /** Reads what is there, waiting until {@code deadline}: DATA, END_OF_STREAM or EXPIRED. */
    private int fill(long deadline) throws IOException {
        if (endOfStream) {
            return END_OF_STREAM;
        }
        while (true) {
            if (closed) {
                endOfStream = true;
                return END_OF_STREAM;
            }
            if (length == buffer.length) {
                if (length >= MAX_ANSWER_BYTES) {
                    throw new ControlClientException(Reason.PROTOCOL, "answer longer than "
                            + (MAX_ANSWER_BYTES >> 20) + " MiB: is this a taskpool control server?");
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min(MAX_ANSWER_BYTES, 2L * buffer.length));
            }
            int read;
            try {
                read = channel.read(ByteBuffer.wrap(buffer, length, buffer.length - length));
            } catch (IOException e) {
                // Reset by the server, or closed by close(): either way nothing more will come.
                read = -1;
            }
            if (read < 0) {
                endOfStream = true;
                return END_OF_STREAM;
            }
            if (read > 0) {
                length += read;
                return DATA;
            }
            long remaining = deadline == NO_DEADLINE ? 0 : deadline - System.nanoTime();
            if (deadline != NO_DEADLINE && remaining <= 0) {
                return EXPIRED;
            }
            try {
                select(selector, remaining);
            } catch (ClosedSelectorException e) {
                endOfStream = true;
                return END_OF_STREAM;
            }
        }
    }

    /** Waits until the selector has something or {@code nanos} pass (0: no limit). */
    private static void select(Selector selector, long nanos) throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("interrupted while waiting for the control server");
        }
        long millis = nanos <= 0 ? 0 : Math.max(1, (nanos + 999_999) / 1_000_000);
        selector.select(millis);
        selector.selectedKeys().clear();
    }

    private int indexOf(byte wanted, int from) {
        for (int i = from; i < length; i++) {
            if (buffer[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private void consume(int count) {
        System.arraycopy(buffer, count, buffer, 0, length - count);
        length -= count;
        scanned = 0;
    }

    private ControlClientException closedFailure(Exception e) {
        String message = closed ? "the client was closed" : "server closed the connection";
        return new ControlClientException(Reason.CLOSED, message, e);
    }

    private static ControlClientException connectFailure(ControlEndpoint endpoint, IOException e) {
        if (endpoint instanceof ControlEndpoint.Unix unix) {
            Path path = unix.path();
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException missing) {
                return new ControlClientException(Reason.NO_SOCKET, "no socket at " + path, e);
            }
            if (!attributes.isOther() && !attributes.isSymbolicLink()) {
                return new ControlClientException(Reason.NO_SOCKET, "not a socket: " + path, e);
            }
            if (e instanceof ConnectException) {
                return new ControlClientException(Reason.CONNECTION_REFUSED,
                        "connection refused: nothing listens on " + path + " (a stale socket file?)", e);
            }
            if (String.valueOf(e.getMessage()).contains("Permission denied")) {
                return new ControlClientException(Reason.IO, "permission denied: cannot connect to " + path, e);
            }
            return new ControlClientException(Reason.IO, "cannot connect to " + path + ": " + e.getMessage(), e);
        }
        if (e instanceof ConnectException) {
            return new ControlClientException(Reason.CONNECTION_REFUSED,
                    "connection refused: nothing listens on " + endpoint, e);
        }
        if (e instanceof NoRouteToHostException) {
            return new ControlClientException(Reason.IO, "no route to host: cannot reach " + endpoint, e);
        }
        return new ControlClientException(Reason.IO, "cannot connect to " + endpoint + ": " + e.getMessage(), e);
    }

    /** How messages name an endpoint: {@code 127.0.0.1:9999}, or a UNIX socket's bare path. */
    public static String describe(ControlEndpoint endpoint) {
        return endpoint instanceof ControlEndpoint.Unix unix ? unix.path().toString() : endpoint.toString();
    }

    /** {@code 5 s}, {@code 0.25 s}. */
    public static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    private static void closeQuietly(SocketChannel channel, Selector selector) {
        try {
            if (selector != null) {
                selector.close();
            }
        } catch (IOException e) {
            // Nothing to do: the channel is closed next.
        }
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // Closing is best effort.
        }
    }

    /** No line or answer came before the deadline. Carries no stack trace. */
    public static final class ReadTimeoutException extends IOException {
        ReadTimeoutException() {
            super("timed out waiting for the control server", null);
        }

        @Override
        public Throwable fillInStackTrace() {
            return this;
        }
    }
}
