package dev.taskpool.control;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The text protocol of asyncio-taskpool's client, byte for byte, over TCP and UNIX sockets. */
class ControlServerTextModeTest {

    @TempDir
    Path tempDir;

    private final FakeInterpreter interpreter = new FakeInterpreter();
    private ControlServer server;

    private RawClient connect(Transport transport) throws Exception {
        server = ControlServer.start(transport.endpoint(tempDir), interpreter, ControlServer.Options.defaults());
        return RawClient.connect(server.endpoint());
    }

    @AfterEach
    void closeServer() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void greetsAndAnswersEachCommandWithItsTextAndNewline(Transport transport) throws Exception {
        try (RawClient client = connect(transport)) {
            client.send("{\"terminal_width\": 100}\n");
            assertThat(client.readBytes(11)).isEqualTo("FakePool-0\n".getBytes(UTF_8));

            client.send("echo hello\n").send("fail\n").send("echo crlf\r\n");
            String expected = "hello\nfail: always fails\ncrlf\n";
            assertThat(new String(client.readBytes(expected.length()), UTF_8)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void pipelinedHandshakeAndCommandsAreAllAnswered(Transport transport) throws Exception {
        try (RawClient client = connect(transport)) {
            client.send("{\"terminal_width\": 100}\necho one\necho two\n");
            assertThat(client.readLine()).isEqualTo(FakeInterpreter.GREETING);
            assertThat(client.readLine()).isEqualTo("one");
            assertThat(client.readLine()).isEqualTo("two");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void multiLineAnswerArrivesInOneRead(Transport transport) throws Exception {
        try (RawClient client = connect(transport)) {
            client.handshake("{}");
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            for (int i = 1; i <= 500; i++) {
                expected.writeBytes(("line " + i + (i < 500 ? "\n" : "")).getBytes(UTF_8));
            }
            expected.write('\n');

            client.send("lines 500\n");

            // One read on the client sees the whole answer only if the server wrote it at once.
            assertThat(client.readOnce()).isEqualTo(expected.toByteArray());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void terminalWidthIsOptionalAndClamped(Transport transport) throws Exception {
        server = ControlServer.start(transport.endpoint(tempDir), interpreter, ControlServer.Options.defaults());
        assertThat(widthAfterHandshake("{}")).isEqualTo("80");
        assertThat(widthAfterHandshake("{\"terminal_width\": 132, \"colour\": true}")).isEqualTo("132");
        assertThat(widthAfterHandshake("{\"terminal_width\": 3}")).isEqualTo("20");
        assertThat(widthAfterHandshake("{\"terminal_width\": 99999999999999999999}")).isEqualTo("1000");
    }

    private String widthAfterHandshake(String handshake) throws Exception {
        try (RawClient client = RawClient.connect(server.endpoint())) {
            assertThat(client.handshake(handshake)).isEqualTo(FakeInterpreter.GREETING);
            return client.send("width\n").readLine();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void handshakeThatIsNotAJsonObjectGetsOneErrorLineAndIsClosed(Transport transport) throws Exception {
        server = ControlServer.start(transport.endpoint(tempDir), interpreter, ControlServer.Options.defaults());
        for (String handshake : new String[] {"start 5", "[80]", "{\"terminal_width\": 80} trailing", ""}) {
            try (RawClient client = RawClient.connect(server.endpoint())) {
                client.send(handshake + "\necho never\n");
                assertThat(client.readUntilEndOfStream()).as(handshake).isEqualTo(
                        "error: handshake must be a JSON object such as {\"terminal_width\": 80}\n");
            }
        }
        assertThat(interpreter.sessionsOpened()).isZero();
        assertThat(interpreter.executed()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void throwingInterpreterYieldsInternalErrorWithoutTraceAndSessionGoesOn(Transport transport) throws Exception {
        try (RawClient client = connect(transport)) {
            client.handshake("{}");
            assertThat(client.send("boom\n").readLine()).isEqualTo("internal error: IllegalStateException");
            assertThat(client.send("echo still here\n").readLine()).isEqualTo("still here");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void garbageBytesAreAnsweredLikeAnyUnknownCommand(Transport transport) throws Exception {
        try (RawClient client = connect(transport)) {
            client.handshake("{}");
            client.send(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3, 'x', '\n'});
            assertThat(client.readLine()).isEqualTo("unknown command: \uFFFD\uFFFD\u0000\u0001\uFFFDx");
            client.send(new byte[] {(byte) 0x80, (byte) 0x80, '\r', '\n'});
            assertThat(client.readLine()).isEqualTo("unknown command: \uFFFD\uFFFD");
            assertThat(client.send("echo alive\n").readLine()).isEqualTo("alive");
        }
        try (RawClient another = RawClient.connect(server.endpoint())) {
            assertThat(another.handshake("{}")).isEqualTo(FakeInterpreter.GREETING);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void clientEndingTheStreamEndsItsSessionQuietly(Transport transport) throws Exception {
        try (RawClient client = connect(transport)) {
            client.handshake("{}");
            assertThat(server.sessionCount()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> server.sessionCount() == 0);
        assertThat(server.isOpen()).isTrue();
    }
}
