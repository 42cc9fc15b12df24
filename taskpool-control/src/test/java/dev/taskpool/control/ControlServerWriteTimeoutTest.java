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

/** A client that reads none of its answers is dropped once an answer cannot be written in time. */
class ControlServerWriteTimeoutTest {

    /** Far more than the socket buffers of both ends hold, over TCP loopback too. */
    private static final String HUGE_ANSWERS = "big 8000000\n".repeat(4);

    @TempDir
    Path tempDir;

    private final FakeInterpreter interpreter = new FakeInterpreter();
    private ControlServer server;

    private void start(Transport transport, ControlServer.Options options) throws Exception {
        server = ControlServer.start(transport.endpoint(tempDir), interpreter, options);
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10));
    }

    @AfterEach
    void closeServer() {
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
    void clientThatReadsNoneOfItsAnswersIsDroppedAtTheWriteTimeout(Transport transport) throws Exception {
        start(transport, ControlServer.Options.defaults().withWriteTimeout(Duration.ofMillis(300)));
        try (RawClient other = session(); RawClient deaf = session()) {
            deaf.send(HUGE_ANSWERS);

            eventually().until(() -> server.sessionCount() == 1);
            assertThat(other.send("echo served\n").readLine()).isEqualTo("served");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void othersAreServedWhileAnAnswerIsStuck(Transport transport) throws Exception {
        start(transport, ControlServer.Options.defaults().withWriteTimeout(Duration.ofMinutes(10)));
        try (RawClient other = session(); RawClient deaf = session()) {
            deaf.send(HUGE_ANSWERS);
            eventually().until(() -> interpreter.executed().contains("big 8000000"));

            assertThat(other.send("echo served\n").readLine()).isEqualTo("served");
            assertThat(server.sessionCount()).isEqualTo(2);
        }
    }

    @Test
    void writeTimeoutIsThirtySecondsByDefault() {
        assertThat(ControlServer.Options.defaults().writeTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void writeTimeoutMustBePositive() {
        assertThatThrownBy(() -> ControlServer.Options.defaults().withWriteTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("writeTimeout must be positive, got PT0S");
    }
}
