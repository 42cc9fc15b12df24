package dev.taskpool.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sessions that send nothing for the idle timeout are closed; the others are left alone. */
class ControlServerIdleTimeoutTest {

    private static final Duration IDLE_TIMEOUT = Duration.ofMillis(300);

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

    private RawClient session() throws Exception {
        RawClient client = RawClient.connect(server.endpoint());
        assertThat(client.handshake("{}")).isEqualTo(FakeInterpreter.GREETING);
        return client;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sessionThatSendsNothingForTheIdleTimeoutIsClosedWithoutAWord(Transport transport) throws Exception {
        start(transport, ControlServer.Options.defaults().withIdleTimeout(IDLE_TIMEOUT));
        try (RawClient idle = session()) {
            assertThat(idle.readUntilEndOfStream()).isEmpty();
        }
        eventually().until(() -> server.sessionCount() == 0);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void eachLineRestartsTheIdleClock(Transport transport) throws Exception {
        start(transport, ControlServer.Options.defaults().withIdleTimeout(IDLE_TIMEOUT));
        try (RawClient idle = session(); RawClient active = session()) {
            // Both sessions began together: once the idle one is closed, the active one has been
            // open longer than the timeout too, kept alive only by its lines.
            eventually().until(() -> {
                assertThat(active.send("echo alive\n").readLine()).isEqualTo("alive");
                return idle.hasEnded();
            });

            assertThat(active.send("echo still open\n").readLine()).isEqualTo("still open");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sessionExecutingACommandIsNotIdle(Transport transport) throws Exception {
        start(transport, ControlServer.Options.defaults().withIdleTimeout(IDLE_TIMEOUT));
        try (RawClient busy = session()) {
            busy.send("block\n");
            eventually().until(() -> interpreter.blockedCount() == 1);
            // This session begins after the command began: once it is closed, the command has
            // run for longer than the timeout.
            try (RawClient idle = session()) {
                assertThat(idle.readUntilEndOfStream()).isEmpty();
            }

            interpreter.releaseBlocked();

            assertThat(busy.readLine()).isEqualTo("released");
            assertThat(busy.send("echo still open\n").readLine()).isEqualTo("still open");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void zeroIdleTimeoutNeverClosesASession(Transport transport) throws Exception {
        start(transport, ControlServer.Options.defaults().withIdleTimeout(Duration.ZERO)
                .withHandshakeTimeout(IDLE_TIMEOUT));
        try (RawClient idle = session()) {
            // A connection dropped at the handshake deadline shows that time has passed.
            try (RawClient late = RawClient.connect(server.endpoint())) {
                assertThat(late.readUntilEndOfStream()).startsWith("error: no handshake");
            }

            assertThat(idle.send("echo still open\n").readLine()).isEqualTo("still open");
        }
    }

    @Test
    void idleTimeoutIsTenMinutesByDefault() {
        assertThat(ControlServer.Options.defaults().idleTimeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void negativeIdleTimeoutIsRejected() {
        assertThatThrownBy(() -> ControlServer.Options.defaults().withIdleTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("idleTimeout must be 0 (never) or positive, got PT-1S");
        assertThatThrownBy(() -> ControlServer.Options.defaults().withIdleTimeout(null))
                .isInstanceOf(NullPointerException.class);
    }
}
