package dev.taskpool.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * A byte-level client for transport tests: sends raw bytes and reads what the server answered,
 * every wait bounded by {@link #TIMEOUT} so a broken server fails a test instead of hanging it.
 *
 * <p>Not thread-safe: one test thread drives it.
 */
public final class RawClient implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean endOfStream;

    private RawClient(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        this.key = channel.register(selector, SelectionKey.OP_READ);
    }

    public static RawClient connect(ControlEndpoint endpoint) throws IOException {
        return new RawClient(SocketChannel.open(address(endpoint)));
    }

    /** Connects over TCP from the given local address, so that the server sees another peer. */
    public static RawClient connectFrom(InetAddress local, ControlEndpoint.Tcp endpoint) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.bind(new InetSocketAddress(local, 0));
            channel.connect(address(endpoint));
            return new RawClient(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public static SocketAddress address(ControlEndpoint endpoint) {
        return switch (endpoint) {
            case ControlEndpoint.Tcp tcp -> new InetSocketAddress(tcp.host(), tcp.port());
            case ControlEndpoint.Unix unix -> UnixDomainSocketAddress.of(unix.path());
        };
    }

    /** Sends the handshake line and returns the server's first answer line. */
    public String handshake(String json) throws IOException {
        return send(json + "\n").readLine();
    }

    public RawClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    public RawClient send(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                key.interestOps(SelectionKey.OP_WRITE);
                awaitReady(deadline, "room to send");
                key.interestOps(SelectionKey.OP_READ);
            }
        }
        return this;
    }

    /** The next line the server sent, without its {@code \n}. */
    public String readLine() throws IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            byte[] bytes = pending.toByteArray();
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    pending.reset();
                    pending.write(bytes, i + 1, bytes.length - i - 1);
                    return new String(bytes, 0, i, StandardCharsets.UTF_8);
                }
            }
            if (!fill(deadline)) {
                throw new AssertionError("end of stream before a full line; got "
                        + new String(bytes, StandardCharsets.UTF_8));
            }
        }
    }

    /** Exactly {@code count} bytes. */
    public byte[] readBytes(int count) throws IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (pending.size() < count) {
            if (!fill(deadline)) {
                throw new AssertionError("end of stream after " + pending.size() + " of " + count + " bytes");
            }
        }
        byte[] bytes = pending.toByteArray();
        pending.reset();
        pending.write(bytes, count, bytes.length - count);
        return Arrays.copyOf(bytes, count);
    }

    /**
     * What a single read call returns once the server has sent something: the bytes of one
     * write on the server's side, provided the server wrote them at once.
     */
    public byte[] readOnce() throws IOException {
        if (pending.size() > 0) {
            throw new IllegalStateException("earlier reads left bytes unconsumed");
        }
        awaitReady(System.nanoTime() + TIMEOUT.toNanos(), "an answer");
        ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
        int read = channel.read(buffer);
        if (read < 0) {
            throw new AssertionError("end of stream instead of an answer");
        }
        return Arrays.copyOf(buffer.array(), read);
    }

    /** Everything the server still sends until it ends the stream, as text. */
    public String readUntilEndOfStream() throws IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (fill(deadline)) {
            // keep reading
        }
        String rest = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        return rest;
    }

    /**
     * Whether the server has ended the stream, judging by what has arrived by now; never waits.
     * Bytes that arrived meanwhile are kept for the next read.
     */
    public boolean hasEnded() throws IOException {
        while (!endOfStream && selector.selectNow() > 0) {
            selector.selectedKeys().clear();
            readAvailable();
        }
        return endOfStream;
    }

    /** Whether nothing at all, not even the end of the stream, arrives within {@code period}. */
    public boolean staysSilentFor(Duration period) throws IOException {
        if (pending.size() > 0 || endOfStream) {
            return false;
        }
        if (selector.select(Math.max(1, period.toMillis())) == 0) {
            return true;
        }
        selector.selectedKeys().clear();
        readAvailable();
        return pending.size() == 0 && !endOfStream;
    }

    /** Disconnects abruptly: over TCP with a reset rather than an orderly close. */
    public void abort() throws IOException {
        if (channel.getRemoteAddress() instanceof InetSocketAddress) {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        }
        close();
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }

    /** Reads what is available into {@code pending}; false at end of stream. */
    private boolean fill(long deadline) throws IOException {
        if (endOfStream) {
            return false;
        }
        awaitReady(deadline, "data from the server");
        return readAvailable();
    }

    /** Reads what one read call gives into {@code pending}; false at end of stream. */
    private boolean readAvailable() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        int read;
        try {
            read = channel.read(buffer);
        } catch (IOException e) {
            // A server closing with our bytes unread resets the connection; to us, that ends it.
            read = -1;
        }
        if (read < 0) {
            endOfStream = true;
            return false;
        }
        pending.write(buffer.array(), 0, read);
        return true;
    }

    private void awaitReady(long deadline, String what) throws IOException {
        while (true) {
            long remainingMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (remainingMillis <= 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            if (selector.select(remainingMillis) > 0) {
                selector.selectedKeys().clear();
                return;
            }
        }
    }
}
