package dev.taskpool.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.taskpool.SimpleTaskPool;
import dev.taskpool.TaskPool;
import dev.taskpool.control.ControlClient.Options;
import dev.taskpool.control.ControlClient.Response;
import dev.taskpool.control.ControlClientException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ControlClient} against a real {@link ControlServer}, and against a text-only stand-in. */
class ControlClientTest {

    private static final String TOKEN = "s3cret-token";

    @TempDir
    Path tempDir;

    private final CountDownLatch release = new CountDownLatch(1);
    private final SimpleTaskPool workers = SimpleTaskPool.builder(release::await).name("workers").build();
    private final TaskPool jobs = new TaskPool(4, "jobs");
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
        release.countDown();
        workers.cancelAll();
        jobs.cancelAll();
    }

    private ControlServer serve(Transport transport, ControlServer.Options options) throws IOException {
        ControlServer server = ControlServer.forPools(workers, jobs).options(options).start(transport.endpoint(tempDir));
        toClose.add(server);
        return server;
    }

    private ControlServer serve(Transport transport) throws IOException {
        return serve(transport, ControlServer.Options.defaults());
    }

    private ControlClient connect(ControlEndpoint endpoint, Options options) throws IOException {
        ControlClient client = ControlClient.connect(endpoint, options);
        toClose.add(client);
        return client;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void framedHandshakeNamesThePoolThePoolsAndTheCommands(Transport transport) throws Exception {
        ControlClient client = connect(serve(transport).endpoint(), Options.defaults());

        assertThat(client.isFramed()).isTrue();
        assertThat(client.poolName()).isEqualTo("workers");
        assertThat(client.pools()).containsExactly("workers", "jobs");
        assertThat(client.commands()).contains("start", "stop-all", "stats", "groups", "map", "use", "pools")
                .isSorted();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void framedAnswersCarryOutputAndValue(Transport transport) throws Exception {
        ControlClient client = connect(serve(transport).endpoint(), Options.defaults());

        Response started = client.send("start 2");
        assertThat(started.ok()).isTrue();
        assertThat(started.errorType()).isNull();
        assertThat(started.output()).isEqualTo("start-group-0");
        assertThat(started.value()).isEqualTo("start-group-0");

        await().until(() -> workers.numRunning() == 2);
        Response stats = client.send("stats");
        assertThat(stats.output()).contains("running", "queued");
        assertThat(stats.value()).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) stats.value();
        assertThat(value)
                .containsEntry("pool", "workers").containsEntry("running", 2).containsEntry("pool_size", null);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void framedFailuresCarryTheErrorTypeAndMessage(Transport transport) throws Exception {
        ControlClient client = connect(serve(transport).endpoint(), Options.defaults());

        Response unknown = client.send("strat 2");
        assertThat(unknown.ok()).isFalse();
        assertThat(unknown.errorType()).isEqualTo("unknown-command");
        assertThat(unknown.output()).startsWith("usage: [-h] [command] ...\n: error: argument command: "
                + "invalid choice: 'strat' (choose from ");
        assertThat(unknown.value()).isNull();

        Response usage = client.send("start two");
        assertThat(usage.ok()).isFalse();
        assertThat(usage.errorType()).isEqualTo("usage");
        assertThat(usage.output()).isEqualTo("usage: start [-h] num\nstart: error: argument num: invalid int value: 'two'\n");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void textModeReadsAnswersSpanningSeveralLinesWhole(Transport transport) throws Exception {
        ControlServer server = serve(transport);
        ControlClient framed = connect(server.endpoint(), Options.defaults());
        ControlClient text = connect(server.endpoint(), Options.defaults().withFramed(false));
        String help = framed.send("-h").output();

        assertThat(text.isFramed()).isFalse();
        assertThat(text.poolName()).isEqualTo("workers");
        assertThat(text.commands()).isEmpty();
        Response answer = text.send("-h");
        assertThat(help.lines().count()).isGreaterThan(10);
        assertThat(answer.output()).isEqualTo(help);
        assertThat(answer.ok()).isTrue();
        assertThat(answer.value()).isNull();
        // Nothing of the long answer is left over to be mistaken for the next one.
        assertThat(text.send("pool-size").output()).isEqualTo("inf");
        // Text mode cannot tell failures: they are answers like any other.
        Response unknown = text.send("strat");
        assertThat(unknown.ok()).isTrue();
        assertThat(unknown.errorType()).isNull();
        assertThat(unknown.output()).contains("error: argument command: invalid choice: 'strat'");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theRightTokenIsAccepted(boolean framed) throws Exception {
        ControlServer server = serve(Transport.TCP, ControlServer.Options.defaults().withToken(TOKEN));

        ControlClient client = connect(server.endpoint(), Options.defaults().withToken(TOKEN).withFramed(framed));

        assertThat(client.isFramed()).isEqualTo(framed);
        assertThat(client.send("pool-size").output()).isEqualTo("inf");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aWrongTokenFailsAuthentication(boolean framed) throws Exception {
        ControlServer server = serve(Transport.UNIX, ControlServer.Options.defaults().withToken(TOKEN));

        assertThatThrownBy(() -> connect(server.endpoint(), Options.defaults().withToken("guess").withFramed(framed)))
                .isInstanceOfSatisfying(ControlClientException.class,
                        e -> {
                            assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
                            assertThat(e.errorType()).contains(ErrorType.AUTH);
                        })
                .hasMessage("authentication failed: wrong token");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aMissingTokenFailsAuthentication(boolean framed) throws Exception {
        ControlServer server = serve(Transport.TCP, ControlServer.Options.defaults().withToken(TOKEN));

        assertThatThrownBy(() -> connect(server.endpoint(), Options.defaults().withFramed(framed)))
                .isInstanceOfSatisfying(ControlClientException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED))
                .hasMessage("authentication failed: missing token");
    }

    @Test
    void fallsBackToTextModeWhenTheServerOnlySpeaksText() throws Exception {
        FakeTextOnlyServer fake = FakeTextOnlyServer.start();
        toClose.add(fake);

        ControlClient client = connect(fake.endpoint(), Options.defaults().withTerminalWidth(120));

        assertThat(client.isFramed()).isFalse();
        assertThat(client.poolName()).isEqualTo(FakeTextOnlyServer.POOL);
        assertThat(client.commands()).isEmpty();
        assertThat(client.send("hello").output()).isEqualTo("you said: hello\nsecond line");
        assertThat(client.send("again").output()).isEqualTo("you said: again\nsecond line");
        assertThat(fake.received()).containsExactly(
                "{\"terminal_width\":120,\"protocol\":2}", "hello", "again");
    }

    @Test
    void connectingWhereNothingListensSaysSo() throws Exception {
        ControlServer server = serve(Transport.TCP);
        ControlEndpoint endpoint = server.endpoint();
        server.close();

        assertThatThrownBy(() -> connect(endpoint, Options.defaults()))
                .isInstanceOfSatisfying(ControlClientException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CONNECTION_REFUSED))
                .hasMessage("connection refused: nothing listens on " + endpoint);
    }

    @Test
    void connectingToAMissingSocketFileSaysThereIsNoSocket() {
        Path path = tempDir.resolve("nothing.sock");

        assertThatThrownBy(() -> connect(ControlEndpoint.unix(path), Options.defaults()))
                .isInstanceOfSatisfying(ControlClientException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_SOCKET))
                .hasMessage("no socket at " + path);
    }

    @Test
    void connectingToARegularFileSaysItIsNotASocket() throws Exception {
        Path path = Files.writeString(tempDir.resolve("plain.txt"), "hello");

        assertThatThrownBy(() -> connect(ControlEndpoint.unix(path), Options.defaults()))
                .isInstanceOfSatisfying(ControlClientException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_SOCKET))
                .hasMessage("not a socket: " + path);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aServerThatVanishesIsReportedAsClosed(Transport transport) throws Exception {
        ControlServer server = serve(transport);
        ControlClient client = connect(server.endpoint(), Options.defaults());
        server.close();

        assertThatThrownBy(() -> client.send("stats"))
                .isInstanceOfSatisfying(ControlClientException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CLOSED))
                .hasMessage("server closed the connection");
        assertThat(client.isClosed()).isTrue();
        assertThatThrownBy(() -> client.send("stats")).hasMessage("server closed the connection");
    }

    @Test
    void aServerThatNeverAnswersTheHandshakeTimesOut() throws Exception {
        FakeTextOnlyServer silent = FakeTextOnlyServer.silent();
        toClose.add(silent);

        assertThatThrownBy(() -> connect(silent.endpoint(), Options.defaults().withConnectTimeout(Duration.ofMillis(200))))
                .isInstanceOfSatisfying(ControlClientException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                .hasMessage("no answer to the handshake from " + silent.endpoint()
                        + " within 0.20 s: is it a taskpool control server?");
    }

    @Test
    void aBusyServerRefusesWithItsReason() throws Exception {
        ControlServer server = serve(Transport.TCP, ControlServer.Options.defaults().withMaxSessions(1));
        ControlClient busy = connect(server.endpoint(), Options.defaults());
        busy.send("start 1");
        await().until(() -> workers.numRunning() == 1);
        // The only session waits for the running task, which never ends by itself: a session
        // executing a command is never closed to make room.
        CompletableFuture.runAsync(() -> {
            try {
                busy.send("gather-and-close");
            } catch (IOException e) {
                // Closed by the tear-down.
            }
        });
        await().until(workers::isLocked);

        assertThatThrownBy(() -> connect(server.endpoint(), Options.defaults()))
                .isInstanceOfSatisfying(ControlClientException.class,
                        e -> {
                            assertThat(e.reason()).isEqualTo(Reason.REFUSED);
                            assertThat(e.errorType()).contains(ErrorType.BUSY);
                        })
                .hasMessage("refused by the server: too many control sessions (limit is 1)");
    }

    @Test
    void closingWakesAThreadWaitingForAnAnswer() throws Exception {
        ControlClient client = connect(serve(Transport.TCP).endpoint(), Options.defaults());
        client.send("start 1");
        await().until(() -> workers.numRunning() == 1);
        // Waits for the running task, which never ends by itself.
        CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return client.send("gather-and-close");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        await().until(workers::isLocked);

        client.close();

        assertThatThrownBy(() -> waiting.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(ControlClientException.class)
                .rootCause().hasMessage("the client was closed");
    }

    @Test
    void anAnswerTimeoutClosesTheConnection() throws Exception {
        ControlServer server = serve(Transport.UNIX);
        connect(server.endpoint(), Options.defaults()).send("start 1");
        await().until(() -> workers.numRunning() == 1);
        // Only the command meant to time out runs under the short timeout: it waits for the
        // running task, which never ends by itself.
        ControlClient client = connect(server.endpoint(), Options.defaults().withAnswerTimeout(Duration.ofMillis(100)));

        assertThatThrownBy(() -> client.send("gather-and-close"))
                .isInstanceOfSatisfying(ControlClientException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                .hasMessage("no answer within 0.10 s; the connection was closed");
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void concurrentSendersEachGetTheirOwnAnswer() throws Exception {
        ControlServer server = serve(Transport.TCP);
        // Closed in reverse order: the client first, so that a sender still waiting for an answer
        // fails rather than keeping the threads, and the test, from ending.
        try (ExecutorService threads = Executors.newFixedThreadPool(4);
             ControlClient client = connect(server.endpoint(), Options.defaults())) {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(threads.submit(() -> {
                    List<String> mismatches = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        String name = "nothing-" + thread + "-" + i;
                        String output = client.send(name).output();
                        if (!output.contains("invalid choice: '" + name + "'")) {
                            mismatches.add(output);
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<List<String>> result : results) {
                assertThat(result).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(List.of());
            }
        }
    }

    @Test
    void aCommandLineWithALineBreakIsRejected() throws Exception {
        ControlClient client = connect(serve(Transport.TCP).endpoint(), Options.defaults());

        assertThatThrownBy(() -> client.send("stats\nstop-all")).isInstanceOf(IllegalArgumentException.class);
        assertThat(client.send("pool-size").output()).isEqualTo("inf");
    }

    @Test
    void optionsNeverShowTheToken() {
        assertThat(Options.defaults().withToken(TOKEN).toString()).doesNotContain(TOKEN).contains("token=****");
        assertThatThrownBy(() -> Options.defaults().withToken(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Options.defaults().withConnectTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
