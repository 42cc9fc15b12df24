package dev.taskpool.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.taskpool.control.wire.JsonCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A peer that presents wrong tokens is slowed down, on the wire of a real server; others are
 * not. The rules themselves, and the log, are specified in {@code HandshakeThrottleTest}.
 */
class ControlServerAuthThrottleTest {

    private static final String TOKEN = "s3cret-t0ken";
    private static final String RIGHT = "{\"token\": \"" + TOKEN + "\"}";
    private static final String WRONG = "{\"token\": \"guess\"}";
    /** One free failure, then a wait far beyond any test. */
    private static final ControlServer.AuthThrottle LONG_WAITS = ControlServer.AuthThrottle.defaults()
            .withFreeFailures(1).withDelays(Duration.ofMinutes(10), Duration.ofMinutes(10));

    @TempDir
    Path tempDir;

    private final FakeInterpreter interpreter = new FakeInterpreter();
    private final List<RawClient> clients = new ArrayList<>();
    private ControlServer server;

    private void start(Transport transport, ControlServer.Options options) throws IOException {
        server = ControlServer.start(transport.endpoint(tempDir), interpreter, options.withToken(TOKEN));
    }

    @AfterEach
    void closeEverything() throws IOException {
        for (RawClient client : clients) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private RawClient connect() throws IOException {
        RawClient client = RawClient.connect(server.endpoint());
        clients.add(client);
        return client;
    }

    /** A client from 127.0.0.2: another peer than the tests' other clients, from 127.0.0.1. */
    private RawClient connectFromAnotherPeer() throws IOException {
        InetAddress other = InetAddress.getByName("127.0.0.2");
        assumeTrue(canBind(other), "this system lets a client bind 127.0.0.2");
        RawClient client = RawClient.connectFrom(other, (ControlEndpoint.Tcp) server.endpoint());
        clients.add(client);
        return client;
    }

    private static boolean canBind(InetAddress address) {
        try (SocketChannel probe = SocketChannel.open()) {
            probe.bind(new InetSocketAddress(address, 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Of two handshakes sent together, the one the server answered and closed, once it has:
     * which of them took the turn, and which came too late, is up to the server's threads.
     */
    private static RawClient theOneAnswered(RawClient one, RawClient other) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> one.hasEnded() ? one : other.hasEnded() ? other : null, Objects::nonNull);
    }

    private void failOnce() throws IOException {
        try (RawClient client = RawClient.connect(server.endpoint())) {
            assertThat(client.send(WRONG + "\n").readUntilEndOfStream())
                    .isEqualTo("error: authentication failed: wrong token\n");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void pastItsFreeFailuresAPeersHandshakeWaitsBeforeItsTokenIsChecked(Transport transport) throws Exception {
        start(transport, ControlServer.Options.defaults().withAuthThrottle(LONG_WAITS));
        failOnce();
        failOnce();

        RawClient right = connect().send(RIGHT + "\n");

        assertThat(right.staysSilentFor(Duration.ofMillis(300))).as("no answer yet").isTrue();
        assertThat(interpreter.sessionsOpened()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theWaitEndsAndTheTokenIsThenChecked(Transport transport) throws Exception {
        start(transport, ControlServer.Options.defaults().withAuthThrottle(ControlServer.AuthThrottle.defaults()
                .withFreeFailures(1).withDelays(Duration.ofMillis(200), Duration.ofMillis(200))));
        failOnce();
        failOnce();

        assertThat(connect().handshake(RIGHT)).isEqualTo(FakeInterpreter.GREETING);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aHandshakeWhoseTurnWouldComePastTheLongestWaitIsTurnedAwayAtOnceWithOneLine(Transport transport)
            throws Exception {
        start(transport, ControlServer.Options.defaults().withAuthThrottle(LONG_WAITS));
        failOnce();
        failOnce();
        RawClient one = connect().send(RIGHT + "\n");
        RawClient other = connect().send(RIGHT + "\n");

        RawClient turnedAway = theOneAnswered(one, other);

        String peer = transport == Transport.TCP ? "127.0.0.1" : "user " + System.getProperty("user.name");
        assertThat(turnedAway.readUntilEndOfStream()).matches("error: too many failed handshakes from (" + peer
                + "|the UNIX socket); try again in (599|600) s\n");
        assertThat((turnedAway == one ? other : one).staysSilentFor(Duration.ofMillis(100)))
                .as("the other waits for its turn").isTrue();
        assertThat(interpreter.sessionsOpened()).isZero();
    }

    @Test
    void aTurnedAwayFramedHandshakeAnswersThrottled() throws Exception {
        start(Transport.TCP, ControlServer.Options.defaults().withAuthThrottle(LONG_WAITS));
        failOnce();
        failOnce();
        String framed = "{\"protocol\": 2, \"token\": \"" + TOKEN + "\"}\n";
        RawClient one = connect().send(framed);
        RawClient other = connect().send(framed);

        String refusal = theOneAnswered(one, other).readUntilEndOfStream();

        Map<String, Object> frame = JsonCodec.parseObject(refusal.strip());
        assertThat(frame).containsEntry("status", "error");
        assertThat(frame.get("error")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("type", "throttled");
    }

    @Test
    void aCorrectTokenFromAnotherPeerIsNeverSlowedByOnePeersFailures() throws Exception {
        start(Transport.TCP, ControlServer.Options.defaults().withAuthThrottle(LONG_WAITS));
        failOnce();
        failOnce();
        RawClient waiting = connect().send(RIGHT + "\n");

        assertThat(connectFromAnotherPeer().handshake(RIGHT)).isEqualTo(FakeInterpreter.GREETING);
        assertThat(waiting.staysSilentFor(Duration.ofMillis(100))).as("the failing peer still waits").isTrue();
    }

    @Test
    void aPeerWaitingForItsTurnCannotHoldTheLastSessionAgainstAnotherPeer() throws Exception {
        start(Transport.TCP, ControlServer.Options.defaults().withAuthThrottle(LONG_WAITS).withMaxSessions(1));
        // A refused session leaves the count a moment after its client sees the end of stream:
        // with one session allowed, the next may only come then.
        failOnce();
        await().atMost(Duration.ofSeconds(30)).until(() -> server.sessionCount() == 0);
        failOnce();
        await().atMost(Duration.ofSeconds(30)).until(() -> server.sessionCount() == 0);
        RawClient waiting = connect().send(WRONG + "\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> server.sessionCount() == 1);

        assertThat(connectFromAnotherPeer().handshake(RIGHT)).isEqualTo(FakeInterpreter.GREETING);
        assertThat(waiting.readUntilEndOfStream()).isEmpty();
    }

    @Test
    void failedHandshakesAreThrottledByDefault() {
        ControlServer.AuthThrottle defaults = ControlServer.Options.defaults().authThrottle();

        assertThat(defaults).isEqualTo(new ControlServer.AuthThrottle(3, Duration.ofMillis(250),
                Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(1)));
    }

    @Test
    void nonsenseThrottleSettingsAreRejectedWithTheirReason() {
        ControlServer.AuthThrottle defaults = ControlServer.AuthThrottle.defaults();

        assertThatThrownBy(() -> defaults.withFreeFailures(-1))
                .hasMessage("freeFailures must be 0 or more, got -1");
        assertThatThrownBy(
                        () -> defaults.withDelays(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("maxDelay must be at least initialDelay (PT2S), got PT1S");
        assertThatThrownBy(() -> defaults.withHalfLife(Duration.ZERO))
                .hasMessage("halfLife must be positive, got PT0S");
        assertThatThrownBy(() -> defaults.withLogInterval(Duration.ofSeconds(-1)))
                .hasMessage("logInterval must be 0 or positive, got PT-1S");
    }
}
