package dev.taskpool.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Line limits, handshake deadline and isolation between clients. The session limit is
 * specified in {@link ControlServerEvictionTest}, the idle and write timeouts in
 * {@link ControlServerIdleTimeoutTest} and {@link ControlServerWriteTimeoutTest}.
 */
class ControlServerLimitsTest {

    @TempDir
    Path tempDir;

    private final FakeInterpreter interpreter = new FakeInterpreter();
    private ControlServer server;

    private void start(Transport transport, ControlServer.Options options) throws Exception {
        server = ControlServer.start(transport.endpoint(tempDir), interpreter, options);
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10));
    }

    @AfterEach
    void closeServer() {
        interpreter.releaseBlocked();
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void tooLongLineIsAnsweredWithAnErrorAndTheNextCommandStillWorks(Transport transport) throws Exception {
        start(transport, ControlServer.Options.defaults());
        try (RawClient client = RawClient.connect(server.endpoint())) {
            client.handshake("{}");
            byte[] huge = new byte[200_000];
            Arrays.fill(huge, (byte) 'x');

            client.send(huge).send("\necho after\n");

            assertThat(client.readLine()).isEqualTo("line too long: limit is 65536 bytes");
            assertThat(client.readLine()).isEqualTo("after");
        }
        assertThat(interpreter.executed()).containsExactly("echo after");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void oversizedHandshakeGetsOneErrorLineAndIsClosed(Transport transport) throws Exception {
        start(transport, ControlServer.Options.defaults().withMaxLineBytes(128));
        try (RawClient client = RawClient.connect(server.endpoint())) {
            // No newline ever comes: the server must give up at the limit, not wait for one.
            client.send("{\"terminal_width\": 80, \"padding\": \"" + "p".repeat(1000));
            assertThat(client.readUntilEndOfStream()).isEqualTo("error: handshake too long: limit is 128 bytes\n");
        }
        assertThat(interpreter.sessionsOpened()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void silentClientIsDisconnectedAtTheHandshakeDeadline(Transport transport) throws Exception {
        start(transport, ControlServer.Options.defaults().withHandshakeTimeout(Duration.ofMillis(200)));
        try (RawClient silent = RawClient.connect(server.endpoint());
             RawClient partial = RawClient.connect(server.endpoint())) {
            partial.send("{\"terminal_wi");

            assertThat(silent.readUntilEndOfStream()).isEqualTo("error: no handshake within 200 ms\n");
            assertThat(partial.readUntilEndOfStream()).isEqualTo("error: no handshake within 200 ms\n");
        }
        eventually().until(() -> server.sessionCount() == 0);
        assertThat(interpreter.sessionsOpened()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void idleSessionOutlivesTheHandshakeDeadline(Transport transport) throws Exception {
        start(transport, ControlServer.Options.defaults().withHandshakeTimeout(Duration.ofMillis(500)));
        try (RawClient idle = clientPastItsHandshake()) {
            // A later client timing out proves the deadline has passed for the first one too.
            try (RawClient late = RawClient.connect(server.endpoint())) {
                assertThat(late.readUntilEndOfStream()).startsWith("error: no handshake");
            }
            assertThat(idle.send("echo still open\n").readLine()).isEqualTo("still open");
        }
    }

    /**
     * A client whose handshake the server accepted. A handshake races its deadline and may lose
     * it on a busy machine (then it is refused at once); another client tries until one is in.
     */
    private RawClient clientPastItsHandshake() {
        return eventually().alias("a client past its handshake").until(() -> {
            RawClient client = RawClient.connect(server.endpoint());
            if (FakeInterpreter.GREETING.equals(client.handshake("{}"))) {
                return client;
            }
            client.close();
            return null;
        }, Objects::nonNull);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void silentClientDoesNotDelayAnother(Transport transport) throws Exception {
        // Far beyond RawClient's wait: were the other client served only once the silent one is
        // dropped, its handshake would go unanswered and fail the test.
        start(transport, ControlServer.Options.defaults().withHandshakeTimeout(Duration.ofMinutes(10)));
        try (RawClient silent = RawClient.connect(server.endpoint());
             RawClient other = RawClient.connect(server.endpoint())) {
            silent.send("{\"terminal_");
            assertThat(other.handshake("{}")).isEqualTo(FakeInterpreter.GREETING);
            assertThat(other.send("echo served\n").readLine()).isEqualTo("served");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void blockedSessionDoesNotDelayAnother(Transport transport) throws Exception {
        start(transport, ControlServer.Options.defaults());
        try (RawClient blocked = RawClient.connect(server.endpoint());
             RawClient other = RawClient.connect(server.endpoint())) {
            blocked.handshake("{}");
            blocked.send("block\n");
            eventually().until(() -> interpreter.blockedCount() == 1);

            other.handshake("{}");
            assertThat(other.send("echo served\n").readLine()).isEqualTo("served");

            interpreter.releaseBlocked();
            assertThat(blocked.readLine()).isEqualTo("released");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void clientVanishingMidCommandDoesNotAffectAnother(Transport transport) throws Exception {
        start(transport, ControlServer.Options.defaults());
        try (RawClient other = RawClient.connect(server.endpoint())) {
            other.handshake("{}");
            RawClient vanishing = RawClient.connect(server.endpoint());
            vanishing.handshake("{}");
            vanishing.send("block\n");
            eventually().until(() -> interpreter.blockedCount() == 1);

            vanishing.abort();
            assertThat(other.send("echo served\n").readLine()).isEqualTo("served");

            // Its answer now has nowhere to go; that must end only its own session.
            interpreter.releaseBlocked();
            eventually().until(() -> server.sessionCount() == 1);
            assertThat(other.send("echo still served\n").readLine()).isEqualTo("still served");
        }
    }

    @Test
    void defaultOptionsAreSafe() {
        ControlServer.Options defaults = ControlServer.Options.defaults();
        assertThat(defaults.token()).isNull();
        assertThat(defaults.maxLineBytes()).isEqualTo(64 * 1024);
        assertThat(defaults.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.maxSessions()).isEqualTo(64);
    }
}
