package dev.taskpool.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Binding, reporting the endpoint, and closing. */
class ControlServerLifecycleTest {

    @TempDir
    Path tempDir;

    private final FakeInterpreter interpreter = new FakeInterpreter();
    private final List<ControlServer> servers = new ArrayList<>();

    private ControlServer start(ControlEndpoint endpoint) throws Exception {
        ControlServer server = ControlServer.start(endpoint, interpreter, ControlServer.Options.defaults());
        servers.add(server);
        return server;
    }

    @AfterEach
    void closeServers() {
        interpreter.releaseBlocked();
        servers.forEach(ControlServer::close);
    }

    @Test
    void tcpPortZeroReportsThePortActuallyBound() throws Exception {
        ControlServer server = start(ControlEndpoint.loopback(0));

        assertThat(server.port()).isPositive();
        assertThat(server.endpoint()).isEqualTo(ControlEndpoint.tcp("127.0.0.1", server.port()));
        assertThat(server.endpoint()).hasToString("127.0.0.1:" + server.port());
        try (RawClient client = RawClient.connect(server.endpoint())) {
            assertThat(client.handshake("{}")).isEqualTo(FakeInterpreter.GREETING);
        }
    }

    @Test
    void bindsTheLoopbackAddressByDefault() throws Exception {
        assertThat(ControlEndpoint.loopback(0).host()).isEqualTo("127.0.0.1");
        ControlServer byName = start(ControlEndpoint.tcp("localhost", 0));

        assertThat(InetAddress.getByName(((ControlEndpoint.Tcp) byName.endpoint()).host()).isLoopbackAddress())
                .isTrue();
    }

    @Test
    void endpointsReadWell() {
        assertThat(ControlEndpoint.tcp("::1", 9999)).hasToString("[::1]:9999");
        assertThat(ControlEndpoint.unix(Path.of("/tmp/x.sock"))).hasToString("unix:/tmp/x.sock");
        assertThatThrownBy(() -> ControlEndpoint.tcp("127.0.0.1", 70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ControlEndpoint.tcp(" ", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void portOfAUnixServerIsRefused() throws Exception {
        ControlServer server = start(ControlEndpoint.unix(tempDir.resolve("c.sock")));
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void closeEndsOpenSessionsAndTheirThreads(Transport transport) throws Exception {
        ControlServer server = start(transport.endpoint(tempDir));
        try (RawClient idle = RawClient.connect(server.endpoint());
             RawClient busy = RawClient.connect(server.endpoint());
             RawClient silent = RawClient.connect(server.endpoint())) {
            idle.handshake("{}");
            busy.handshake("{}");
            busy.send("block\n");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                    .until(() -> interpreter.blockedCount() == 1 && server.sessionCount() == 3);

            server.close();

            assertThat(server.isOpen()).isFalse();
            assertThat(server.sessionCount()).isZero();
            assertThat(interpreter.interruptedCount()).isEqualTo(1);
            assertThat(idle.readUntilEndOfStream()).isEmpty();
            // The session waiting in a command gets its answer before its connection ends.
            assertThat(busy.readUntilEndOfStream()).isEqualTo("interrupted\n");
            assertThat(silent.readUntilEndOfStream()).isEmpty();
        }
        assertTimeoutPreemptively(Duration.ofSeconds(30), server::awaitClosed, "awaitClosed after close");
        server.close();
    }

    @Test
    void commandClosingTheServerFromItsOwnSessionDoesNotDeadlock() throws Exception {
        ControlServer server = start(ControlEndpoint.loopback(0));
        interpreter.setHook(server::close);
        try (RawClient closer = RawClient.connect(server.endpoint());
             RawClient bystander = RawClient.connect(server.endpoint())) {
            closer.handshake("{}");
            bystander.handshake("{}");

            closer.send("run-hook\n");

            assertThat(closer.readUntilEndOfStream()).isEmpty();
            assertThat(bystander.readUntilEndOfStream()).isEmpty();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> !server.isOpen() && server.sessionCount() == 0);
    }

    @Test
    void closeReleasesTheTcpPortForANewServer() throws Exception {
        ControlServer first = start(ControlEndpoint.loopback(0));
        int port = first.port();
        try (RawClient client = RawClient.connect(first.endpoint())) {
            client.handshake("{}");
            assertThatThrownBy(() -> start(ControlEndpoint.loopback(port))).isInstanceOf(BindException.class);

            first.close();
        }

        ControlServer second = start(ControlEndpoint.loopback(port));
        try (RawClient client = RawClient.connect(second.endpoint())) {
            assertThat(client.handshake("{}")).isEqualTo(FakeInterpreter.GREETING);
        }
    }

    @Test
    void closeIsIdempotentAndAwaitClosedReturnsAfterIt() throws Exception {
        ControlServer server = start(ControlEndpoint.loopback(0));
        server.close();
        server.close();
        assertTimeoutPreemptively(Duration.ofSeconds(30), server::awaitClosed, "awaitClosed after close");
        assertThat(server.isOpen()).isFalse();
        assertThat(server).hasToString("ControlServer[" + server.endpoint() + ", closed]");
    }

    @Test
    void optionsRejectNonsense() {
        ControlServer.Options defaults = ControlServer.Options.defaults();
        assertThatThrownBy(() -> defaults.withToken(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withMaxLineBytes(10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withHandshakeTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withMaxSessions(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
