package dev.taskpool.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskpool.control.wire.JsonCodec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The framed protocol (handshake {@code "protocol": 2}): one JSON object per line. */
class ControlServerFramedModeTest {

    private static final String FRAMED = "{\"terminal_width\": 100, \"protocol\": 2}";

    @TempDir
    Path tempDir;

    private final FakeInterpreter interpreter = new FakeInterpreter();
    private ControlServer server;

    private RawClient connect(Transport transport, ControlServer.Options options) throws Exception {
        server = ControlServer.start(transport.endpoint(tempDir), interpreter, options);
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
    void handshakeAnswerNamesProtocolPoolAndInterpreterInfo(Transport transport) throws Exception {
        try (RawClient client = connect(transport, ControlServer.Options.defaults())) {
            assertThat(client.handshake(FRAMED)).isEqualTo(
                    "{\"status\":\"ok\",\"protocol\":2,\"pool\":\"FakePool-0\","
                            + "\"pools\":[\"FakePool-0\"],\"commands\":[\"echo\",\"fail\"]}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void answersCarryOutputAndValueOrTypedError(Transport transport) throws Exception {
        try (RawClient client = connect(transport, ControlServer.Options.defaults())) {
            client.handshake(FRAMED);

            assertThat(client.send("echo hi \"there\"\n").readLine())
                    .isEqualTo("{\"status\":\"ok\",\"output\":\"hi \\\"there\\\"\",\"value\":\"hi \\\"there\\\"\"}");
            assertThat(client.send("value\n").readLine())
                    .isEqualTo("{\"status\":\"ok\",\"output\":\"2 running\",\"value\":{\"running\":2}}");
            assertThat(client.send("block-less\n").readLine()).isEqualTo(
                    "{\"status\":\"error\",\"error\":{\"type\":\"unknown-command\","
                            + "\"message\":\"unknown command: block-less\"},"
                            + "\"output\":\"unknown command: block-less\"}");
            assertThat(client.send("fail\n").readLine()).isEqualTo(
                    "{\"status\":\"error\",\"error\":{\"type\":\"usage\",\"message\":\"fail: always fails\"},"
                            + "\"output\":\"fail: always fails\"}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void newlinesInAnswersAreEscapedSoOneLineIsOneAnswer(Transport transport) throws Exception {
        try (RawClient client = connect(transport, ControlServer.Options.defaults())) {
            client.handshake(FRAMED);

            Map<String, Object> answer = JsonCodec.parseObject(client.send("lines 3\n").readLine());
            assertThat(answer).containsEntry("output", "line 1\nline 2\nline 3")
                    .containsEntry("value", List.of("line 1", "line 2", "line 3"));
            assertThat(client.send("echo next\n").readLine())
                    .isEqualTo("{\"status\":\"ok\",\"output\":\"next\",\"value\":\"next\"}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void transportErrorsUseTheFramedForm(Transport transport) throws Exception {
        ControlServer.Options options = ControlServer.Options.defaults().withMaxLineBytes(100);
        try (RawClient client = connect(transport, options)) {
            client.handshake(FRAMED);

            assertThat(client.send("boom\n").readLine()).isEqualTo(
                    "{\"status\":\"error\",\"error\":{\"type\":\"internal\","
                            + "\"message\":\"internal error: IllegalStateException\"},"
                            + "\"output\":\"internal error: IllegalStateException\"}");
            assertThat(client.send("x".repeat(500) + "\n").readLine()).isEqualTo(
                    "{\"status\":\"error\",\"error\":{\"type\":\"line-too-long\","
                            + "\"message\":\"line too long: limit is 100 bytes\"},"
                            + "\"output\":\"line too long: limit is 100 bytes\"}");
            assertThat(JsonCodec.parseObject(client.send("unrepresentable\n").readLine()))
                    .containsEntry("status", "error")
                    .containsEntry("output", "internal error: IllegalArgumentException");
            assertThat(client.send("echo fine\n").readLine())
                    .isEqualTo("{\"status\":\"ok\",\"output\":\"fine\",\"value\":\"fine\"}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void unknownProtocolIsRefusedNamingTheSupportedVersions(Transport transport) throws Exception {
        try (RawClient client = connect(transport, ControlServer.Options.defaults())) {
            client.send("{\"protocol\": 3}\n");

            String refusal = client.readUntilEndOfStream();

            assertThat(refusal).endsWith("\n").doesNotContain("\n\n");
            Map<String, Object> answer = JsonCodec.parseObject(refusal.strip());
            assertThat(answer).containsEntry("status", "error")
                    .containsEntry("error", Map.of("type", "protocol",
                            "message", "unsupported protocol 3: supported versions are 1 (text) and 2 (framed)"));
        }
        assertThat(interpreter.sessionsOpened()).isZero();
    }
}
