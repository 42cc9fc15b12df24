package dev.taskpool.control;

import dev.taskpool.SimpleTaskPool;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The exact bytes of a text-mode session, as the reference client sends and expects them:
 * a JSON handshake line, the pool name and a newline, then one answer per command, each in
 * a single write ending in a newline.
 */
class TextModeBytesTest {

    @Test
    void aSessionIsByteForByteWhatTheReferenceClientExpects() throws Exception {
        SimpleTaskPool pool = SimpleTaskPool.builder(() -> Thread.sleep(Long.MAX_VALUE))
                .name("SimpleTaskPool-0").functionName("worker").build();
        try (ControlServer server = ControlServer.forPools(pool).start(ControlEndpoint.loopback(0));
             RawClient client = RawClient.connect(server.endpoint())) {
            client.send("{\"terminal_width\": 100}\n");
            assertThat(client.readOnce()).isEqualTo(bytes("SimpleTaskPool-0\n"));

            assertThat(exchange(client, "start 5\n")).isEqualTo(bytes("start-group-0\n"));
            await().until(() -> pool.numRunning() == 5);
            assertThat(exchange(client, "num-running\n")).isEqualTo(bytes("5\n"));
            assertThat(exchange(client, "pool-size\n")).isEqualTo(bytes("inf\n"));
            assertThat(exchange(client, "pool-size 3\n")).isEqualTo(bytes("ok\n"));
            assertThat(exchange(client, "stop 2\n")).isEqualTo(bytes("[4, 3]\n"));
            assertThat(exchange(client, "get-group-ids start-group-0\n")).isEqualTo(bytes("{0, 1, 2, 3, 4}\n"));
            assertThat(exchange(client, "cancel 99\n"))
                    .isEqualTo(bytes("No task with ID 99 found in SimpleTaskPool-0\n"));
            assertThat(exchange(client, "is-full\n")).isEqualTo(bytes("True\n"));
            assertThat(exchange(client, "func-name\n")).isEqualTo(bytes("worker\n"));
        } finally {
            pool.cancelAll();
        }
    }

    private static byte[] exchange(RawClient client, String line) throws Exception {
        return client.send(line).readOnce();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
