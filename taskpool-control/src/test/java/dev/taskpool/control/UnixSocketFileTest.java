package dev.taskpool.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket file of a UNIX domain control server: private, cleaned up, never clobbering. */
class UnixSocketFileTest {

    @TempDir
    Path tempDir;

    private final FakeInterpreter interpreter = new FakeInterpreter();
    private final List<ControlServer> servers = new ArrayList<>();

    private ControlServer start(Path path) throws Exception {
        ControlServer server = ControlServer.start(ControlEndpoint.unix(path), interpreter,
                ControlServer.Options.defaults());
        servers.add(server);
        return server;
    }

    @AfterEach
    void closeServers() {
        servers.forEach(ControlServer::close);
    }

    @Test
    void socketFileIsOwnerOnlyAndNothingElseIsLeftBehind() throws Exception {
        Path path = tempDir.resolve("control.sock");
        ControlServer server = start(path);

        assertThat(server.endpoint()).isEqualTo(ControlEndpoint.unix(path.toAbsolutePath()));
        assertThat(Files.getPosixFilePermissions(path))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        try (Stream<Path> files = Files.list(tempDir)) {
            assertThat(files).containsExactly(path);
        }
    }

    @Test
    void socketFileIsRemovedOnCloseAndThePathCanBeBoundAgain() throws Exception {
        Path path = tempDir.resolve("control.sock");
        ControlServer first = start(path);
        try (RawClient client = RawClient.connect(first.endpoint())) {
            client.handshake("{}");
            first.close();
        }
        assertThat(path).doesNotExist();

        ControlServer second = start(path);
        try (RawClient client = RawClient.connect(second.endpoint())) {
            assertThat(client.handshake("{}")).isEqualTo(FakeInterpreter.GREETING);
        }
    }

    @Test
    void staleSocketFileOfADeadServerIsReplaced() throws Exception {
        Path path = tempDir.resolve("control.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(path));
        }
        assertThat(path).exists();

        ControlServer server = start(path);

        try (RawClient client = RawClient.connect(server.endpoint())) {
            assertThat(client.handshake("{}")).isEqualTo(FakeInterpreter.GREETING);
        }
    }

    @Test
    void pathOfALiveServerIsRefusedAndKeepsWorking() throws Exception {
        Path path = tempDir.resolve("control.sock");
        ControlServer live = start(path);

        assertThatThrownBy(() -> start(path))
                .isInstanceOf(BindException.class)
                .hasMessage("another server is listening on " + path.toAbsolutePath());

        try (RawClient client = RawClient.connect(live.endpoint())) {
            assertThat(client.handshake("{}")).isEqualTo(FakeInterpreter.GREETING);
        }
    }

    @Test
    void regularFileAtThePathIsRefusedAndLeftIntact() throws Exception {
        Path path = tempDir.resolve("notes.txt");
        Files.writeString(path, "precious");

        assertThatThrownBy(() -> start(path))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("not a socket");

        assertThat(path).hasContent("precious");
        try (Stream<Path> files = Files.list(tempDir)) {
            assertThat(files).containsExactly(path);
        }
    }

    @Test
    void closeLeavesASocketFileThatAnotherServerPutThere() throws Exception {
        Path path = tempDir.resolve("control.sock");
        ControlServer first = start(path);
        Files.delete(path);
        ControlServer second = start(path);

        first.close();

        assertThat(path).exists();
        try (RawClient client = RawClient.connect(second.endpoint())) {
            assertThat(client.handshake("{}")).isEqualTo(FakeInterpreter.GREETING);
        }
    }
}
