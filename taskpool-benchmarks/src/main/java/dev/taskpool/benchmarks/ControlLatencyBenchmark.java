package dev.taskpool.benchmarks;

import dev.taskpool.SimpleTaskPool;
import dev.taskpool.control.ControlEndpoint;
import dev.taskpool.control.ControlServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The latency a control client sees: opening a connection and completing the handshake (the
 * reference implementation takes about 8 ms, since it builds its parser per connection), and
 * the round trip of a {@code num-running} command on an open session. Text mode, as the
 * reference's client speaks it, over TCP loopback and a UNIX socket.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ControlLatencyBenchmark {

    private static final byte[] HANDSHAKE = "{\"terminal_width\": 100}\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NUM_RUNNING = "num-running\n".getBytes(StandardCharsets.US_ASCII);

    @Param({"tcp", "unix"})
    public String transport;

    private SimpleTaskPool pool;
    private ControlServer server;
    private SocketAddress address;
    private Path socketDir;
    private SocketChannel session;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);

    @Setup(Level.Trial)
    public void startServer() throws IOException {
        pool = SimpleTaskPool.builder(() -> Thread.sleep(Long.MAX_VALUE)).name("bench").build();
        pool.start(3);
        ControlEndpoint endpoint;
        if (transport.equals("tcp")) {
            endpoint = ControlEndpoint.loopback(0);
        } else {
            socketDir = Files.createTempDirectory("taskpool-bench");
            endpoint = ControlEndpoint.unix(socketDir.resolve("control.sock"));
        }
        server = ControlServer.forPools(pool).options(ControlServer.Options.defaults().withMaxSessions(1024))
                .start(endpoint);
        address = switch (server.endpoint()) {
            case ControlEndpoint.Tcp tcp -> new InetSocketAddress(tcp.host(), tcp.port());
            case ControlEndpoint.Unix unix -> UnixDomainSocketAddress.of(unix.path());
        };
        session = open();
    }

    @TearDown(Level.Trial)
    public void stopServer() throws IOException {
        session.close();
        server.close();
        pool.cancelAll();
        if (socketDir != null) {
            Files.deleteIfExists(socketDir);
        }
    }

    /** Connect, send the handshake, read the greeting, close. */
    @Benchmark
    public int connectAndHandshake() throws IOException {
        try (SocketChannel channel = open()) {
            return channel.isOpen() ? 1 : 0;
        }
    }

    /** One command and its answer on an open session. */
    @Benchmark
    public int numRunningRoundTrip() throws IOException {
        return exchange(session, NUM_RUNNING);
    }

    private SocketChannel open() throws IOException {
        SocketChannel channel = SocketChannel.open(address);
        if (address instanceof InetSocketAddress) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        exchange(channel, HANDSHAKE);
        return channel;
    }

    /** Sends a line and reads until the answer's newline; returns the answer's length. */
    private int exchange(SocketChannel channel, byte[] line) throws IOException {
        channel.write(ByteBuffer.wrap(line));
        buffer.clear();
        while (true) {
            if (channel.read(buffer) < 0) {
                throw new IOException("server closed the connection");
            }
            if (buffer.position() > 0 && buffer.get(buffer.position() - 1) == '\n') {
                return buffer.position();
            }
        }
    }
}
