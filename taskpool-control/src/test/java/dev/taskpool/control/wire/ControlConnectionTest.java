package dev.taskpool.control.wire;

import dev.taskpool.control.SharedToken;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskpool.control.ControlServer;
import dev.taskpool.control.FakeInterpreter;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session state machine on an in-memory channel that records every write call. */
class ControlConnectionTest {

    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopDeadlines() {
        deadlines.shutdownNow();
    }

    /** Reads scripted input and records each write call as one message, however long. */
    private static final class RecordingChannel implements ByteChannel {
        private final ReadableByteChannel input;
        final List<String> writes = new CopyOnWriteArrayList<>();

        RecordingChannel(String input) {
            this.input = Channels.newChannel(new ByteArrayInputStream(input.getBytes(UTF_8)));
        }

        @Override
        public int read(ByteBuffer target) throws java.io.IOException {
            return input.read(target);
        }

        @Override
        public int write(ByteBuffer source) {
            byte[] bytes = new byte[source.remaining()];
            source.get(bytes);
            writes.add(new String(bytes, UTF_8));
            return bytes.length;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private List<String> serve(String input, SharedToken token) throws Exception {
        RecordingChannel channel = new RecordingChannel(input);
        HandshakeThrottle throttle = new HandshakeThrottle(new HandshakeThrottle.Limits(3, java.time.Duration.ofMillis(250), java.time.Duration.ofSeconds(5), java.time.Duration.ofMinutes(1), java.time.Duration.ofSeconds(60)), System::nanoTime,
                (task, delayNanos) -> deadlines.schedule(task, delayNanos, TimeUnit.NANOSECONDS), line -> { });
        ControlConnection.Settings settings = new ControlConnection.Settings(token, 1024, Duration.ofSeconds(10),
                Duration.ZERO, Duration.ofSeconds(10), throttle, deadlines);
        new ControlConnection(channel, "test", Peer.UNIX_SOCKET, new FakeInterpreter(), settings).serve();
        return channel.writes;
    }

    @Test
    void everyTextAnswerIsExactlyOneWriteCall() throws Exception {
        List<String> writes = serve("{\"terminal_width\": 90}\nlines 3\nboom\nfail\n" + "x".repeat(2000) + "\n", null);

        assertThat(writes).containsExactly(
                "FakePool-0\n",
                "line 1\nline 2\nline 3\n",
                "internal error: IllegalStateException\n",
                "fail: always fails\n",
                "line too long: limit is 1024 bytes\n");
    }

    @Test
    void everyFramedAnswerIsExactlyOneWriteCallOfOneLine() throws Exception {
        List<String> writes = serve("{\"protocol\": 2}\nlines 3\nfail\n", null);

        assertThat(writes).hasSize(3).allSatisfy(write ->
                assertThat(write).endsWith("\n").containsOnlyOnce("\n"));
        assertThat(writes.get(1)).isEqualTo(
                "{\"status\":\"ok\",\"output\":\"line 1\\nline 2\\nline 3\","
                        + "\"value\":[\"line 1\",\"line 2\",\"line 3\"]}\n");
    }

    @Test
    void wrongTokenIsRefusedWithOneWriteAndNothingElse() throws Exception {
        List<String> writes = serve("{\"token\": \"guess\"}\necho x\n", SharedToken.of("right"));

        assertThat(writes).containsExactly("error: authentication failed: wrong token\n");
    }

    @Test
    void clientLeavingBeforeItsHandshakeGetsNothing() throws Exception {
        assertThat(serve("", null)).isEmpty();
    }
}
