package dev.taskpool.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.taskpool.SimpleTaskPool;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exact bytes of argument errors and help on the wire, as the reference server sends
 * them: argparse's text (which ends in a newline of its own), then the protocol's newline.
 * The framed mode carries the same text as its output.
 */
class ArgparseBytesTest {

    private final SimpleTaskPool pool = SimpleTaskPool.builder(() -> Thread.sleep(Long.MAX_VALUE))
            .name("workers").functionName("worker").build();
    private ControlServer server;

    @BeforeEach
    void serve() throws Exception {
        server = ControlServer.forPools(pool).start(ControlEndpoint.loopback(0));
    }

    @AfterEach
    void stop() {
        server.close();
        pool.cancelAll();
    }

    private byte[] answer(int width, String line) throws Exception {
        try (RawClient client = RawClient.connect(server.endpoint())) {
            client.handshake("{\"terminal_width\": " + width + "}");
            return client.send(line + "\n").readOnce();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anInvalidValueIsArgparsesErrorThenTheProtocolsNewline() throws Exception {
        assertThat(answer(80, "start x"))
                .isEqualTo(bytes("usage: start [-h] num\nstart: error: argument num: invalid int value: 'x'\n\n"));
    }

    @Test
    void surplusValuesAreRefusedByTheTopLevelWithoutACommandName() throws Exception {
        assertThat(answer(80, "start 1 2"))
                .isEqualTo(bytes("usage: [-h] [command] ...\n: error: unrecognized arguments: 2\n\n"));
    }

    @Test
    void aCommandsHelpIsArgparsesLayoutAtTheClientsWidth() throws Exception {
        assertThat(answer(40, "stop -h")).isEqualTo(bytes("""
                usage: stop [-h] num

                Cancels the num newest running tasks
                (all of them if fewer are running).

                positional arguments:
                  num         how many tasks to stop, 0
                              or more (an integer)

                options:
                  -h, --help  show this help message and
                              exit

                """));
    }

    @Test
    void cancelWithoutIdsCancelsNothing() throws Exception {
        assertThat(answer(80, "cancel")).isEqualTo(bytes("ok\n"));
    }

    @Test
    void theIdsOfNoGroupAreAnEmptySetAsPythonPrintsIt() throws Exception {
        assertThat(answer(80, "get-group-ids")).isEqualTo(bytes("set()\n"));
    }

    @Test
    void theFramedOutputIsTheTextModesTextAndTheTypeIsUsage() throws Exception {
        try (RawClient client = RawClient.connect(server.endpoint())) {
            client.handshake("{\"terminal_width\": 80, \"protocol\": 2}");
            Map<String, Object> answer = JSON.std.mapFrom(client.send("start x\n").readLine());

            assertThat(answer.get("output")).isEqualTo("usage: start [-h] num\nstart: error: argument num: invalid int value: 'x'\n");
            assertThat(((Map<?, ?>) answer.get("error")).get("type")).isEqualTo("usage");
        }
    }
}
