package dev.taskpool.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskpool.control.wire.JsonCodec;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The optional shared token: without the right one, nothing reaches the interpreter. */
class ControlServerAuthTest {

    private static final String TOKEN = "s3cret-t0ken";

    private final FakeInterpreter interpreter = new FakeInterpreter();
    private ControlServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = ControlServer.start(ControlEndpoint.loopback(0), interpreter,
                ControlServer.Options.defaults().withToken(TOKEN));
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"token\": \"wrong\"}", "{\"token\": \"s3cret-t0ken \"}", "{\"token\": 42}"})
    void wrongTokenClosesConnectionWithoutExecuting(String handshake) throws Exception {
        try (RawClient client = RawClient.connect(server.endpoint())) {
            // The command rides along with the handshake: it must still never run.
            client.send(handshake + "\necho pwned\n");
            assertThat(client.readUntilEndOfStream()).isEqualTo("error: authentication failed: wrong token\n");
        }
        assertNothingRan();
    }

    @Test
    void missingTokenClosesConnectionWithoutExecuting() throws Exception {
        try (RawClient client = RawClient.connect(server.endpoint())) {
            client.send("{\"terminal_width\": 80}\necho pwned\n");
            assertThat(client.readUntilEndOfStream()).isEqualTo("error: authentication failed: missing token\n");
        }
        assertNothingRan();
    }

    @Test
    void wrongTokenInFramedModeGetsAnAuthErrorObject() throws Exception {
        try (RawClient client = RawClient.connect(server.endpoint())) {
            client.send("{\"protocol\": 2, \"token\": \"nope\"}\necho pwned\n");
            String refusal = client.readUntilEndOfStream();
            assertThat(refusal).endsWith("\n").doesNotContain(TOKEN).doesNotContain("nope");
            assertThat(JsonCodec.parseObject(refusal.strip())).containsEntry("status", "error")
                    .containsEntry("error", Map.of("type", "auth", "message", "authentication failed: wrong token"));
        }
        assertNothingRan();
    }

    @Test
    void correctTokenOpensATextSession() throws Exception {
        try (RawClient client = RawClient.connect(server.endpoint())) {
            assertThat(client.handshake("{\"terminal_width\": 80, \"token\": \"" + TOKEN + "\"}"))
                    .isEqualTo(FakeInterpreter.GREETING);
            assertThat(client.send("echo in\n").readLine()).isEqualTo("in");
        }
    }

    @Test
    void correctTokenOpensAFramedSession() throws Exception {
        try (RawClient client = RawClient.connect(server.endpoint())) {
            assertThat(JsonCodec.parseObject(client.handshake("{\"protocol\": 2, \"token\": \"" + TOKEN + "\"}")))
                    .containsEntry("status", "ok").containsEntry("pool", FakeInterpreter.GREETING);
            assertThat(client.send("echo in\n").readLine())
                    .isEqualTo("{\"status\":\"ok\",\"output\":\"in\",\"value\":\"in\"}");
        }
    }

    @Test
    void optionsNeverShowTheToken() {
        assertThat(ControlServer.Options.defaults().withToken(TOKEN).toString()).doesNotContain(TOKEN);
    }

    private void assertNothingRan() {
        assertThat(interpreter.sessionsOpened()).isZero();
        assertThat(interpreter.executed()).isEmpty();
    }
}
