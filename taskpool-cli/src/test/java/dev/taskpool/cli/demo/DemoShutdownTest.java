package dev.taskpool.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.taskpool.control.ControlEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's lifecycle: what it prints on start, how it ends by itself when the work is done,
 * and the graceful shutdown: servers closed, socket file removed, pools closed, summary printed,
 * all exactly once.
 */
class DemoShutdownTest {

    @TempDir
    Path tempDir;

    private final StringWriter output = new StringWriter();
    private DemoDaemon daemon;

    @AfterEach
    void shutDown() {
        if (daemon != null) {
            daemon.shutdown("test over");
        }
    }

    private DemoDaemon start(int items, Duration itemTime, Path unixSocket, ItemProcessor processor)
            throws IOException {
        DemoConfig config = new DemoConfig("127.0.0.1", 0, unixSocket, 3, items, null,
                itemTime, itemTime, DemoConfig.Progress.OFF, Duration.ZERO, null);
        PrintWriter out = new PrintWriter(output);
        daemon = processor == null ? DemoDaemon.start(config, out) : DemoDaemon.start(config, processor, out);
        return daemon;
    }

    @Test
    void printsWhereItListensAndHowToConnect() throws Exception {
        Path socket = tempDir.resolve("demo.sock");
        start(100, Duration.ofSeconds(1), socket, null);

        assertThat(daemon.endpoints()).containsExactly(
                ControlEndpoint.tcp("127.0.0.1", daemon.port()), ControlEndpoint.unix(socket));
        assertThat(output.toString())
                .contains("Taskpool demo: 100 work items, 3 workers to start with.")
                .contains("Control server listening on 127.0.0.1:" + daemon.port() + "\n")
                .contains("Connect with: ./taskpool control tcp 127.0.0.1 " + daemon.port() + "\n")
                .contains("Control server listening on unix:" + socket + "\n")
                .contains("Connect with: ./taskpool control unix " + socket + "\n");
    }

    @Test
    void theConnectHintNamesTheTokenVariableButNeverTheToken() {
        ControlEndpoint endpoint = ControlEndpoint.tcp("::1", 9999);

        assertThat(DemoDaemon.connectCommand(endpoint, null, null))
                .isEqualTo("./taskpool control tcp ::1 9999");
        assertThat(DemoDaemon.connectCommand(endpoint, "s3cret", "s3cret"))
                .isEqualTo("./taskpool control tcp ::1 9999 --token \"$TASKPOOL_TOKEN\"");
        assertThat(DemoDaemon.connectCommand(endpoint, "s3cret", null))
                .isEqualTo("./taskpool control tcp ::1 9999 --token <token>");
    }

    @Test
    void aTokenIsRequiredFromClientsWhenSet() throws Exception {
        DemoConfig config = new DemoConfig("127.0.0.1", 0, null, 0, 10, "s3cret",
                Duration.ZERO, Duration.ZERO, DemoConfig.Progress.OFF, Duration.ZERO, null);
        daemon = DemoDaemon.start(config, new PrintWriter(output));

        try (ScriptClient client = ScriptClient.connect(daemon.port(), "s3cret")) {
            assertThat(client.greeting()).containsEntry("status", "ok");
        }
        try (ScriptClient client = ScriptClient.connect(daemon.port(), "wrong")) {
            assertThat(client.greeting()).containsEntry("status", "error");
        }
        assertThat(output.toString()).doesNotContain("s3cret");
    }

    @Test
    void endsByItselfWhenEveryItemIsDone() throws Exception {
        start(40, Duration.ZERO, null, null);

        assertThat(daemon.awaitEnd(Duration.ofSeconds(30))).as("every item done").isTrue();
        DemoDaemon.Summary summary = daemon.shutdown("all items done");

        assertThat(summary.done()).isEqualTo(40);
        assertThat(summary.total()).isEqualTo(40);
        assertThat(summary.workers()).isBetween(1, 3);
        assertThat(summary.expectedSum()).isEqualTo(summary.resultSum());
        assertThat(output.toString())
                .contains("Shutting down: all items done.")
                .containsPattern("Summary: 40 of 40 items done by [123] workers? in [0-9.]+s \\([0-9.]+ items/s\\); "
                        + "result checksum [0-9a-f]{16}, as expected: each item counted once\\.");
    }

    @Test
    void shutdownClosesTheServersAndThePoolsAndPrintsTheSummary() throws Exception {
        Path socket = tempDir.resolve("demo.sock");
        CountDownLatch working = new CountDownLatch(3);
        SimulatedWork slow = new SimulatedWork(Duration.ofSeconds(30), Duration.ofSeconds(30));
        start(100, Duration.ofSeconds(30), socket, item -> {
            working.countDown();
            return slow.process(item);
        });
        assertThat(working.await(30, TimeUnit.SECONDS)).as("three workers busy with an item").isTrue();
        int port = daemon.port();
        assertThat(Files.exists(socket)).isTrue();

        try (ScriptClient client = ScriptClient.connect(port)) {
            assertThat(client.value("num-running")).isEqualTo(3);
            DemoDaemon.Summary summary = daemon.shutdown("test says stop");

            assertThatThrownBy(() -> client.send("num-running")).isInstanceOf(IOException.class);
            assertThat(summary.done()).isZero();
            assertThat(summary.handedBack()).isEqualTo(3);
            assertThat(summary.expectedSum()).isNull();
        }
        assertThatThrownBy(() -> connect(port)).isInstanceOf(ConnectException.class);
        assertThat(Files.exists(socket)).isFalse();
        assertThat(daemon.workers().isClosed()).isTrue();
        assertThat(daemon.jobs().isClosed()).isTrue();
        assertThat(daemon.queue().waitingCount()).isEqualTo(100);
        assertThat(output.toString())
                .contains("Shutting down: test says stop.")
                .contains("Stopped 3 running workers.")
                .contains("Summary: 0 of 100 items done by 0 workers in ")
                .contains("3 items handed back by stopped workers.")
                .doesNotContain("Failed:");
    }

    @Test
    void theSummaryCountsTheJobsStartedAndThoseCancelledByClientsOrByTheShutdown() throws Exception {
        start(10, Duration.ofSeconds(30), null, null);
        try (ScriptClient client = ScriptClient.connect(daemon.port())) {
            client.value("use jobs");
            client.value("apply sleep -a (600,) -n 2");
            List<?> sleeping = (List<?>) client.value("get-group-ids apply-sleep-group-0");
            client.value("cancel " + sleeping.get(0));
            client.value("apply checksum -a ('x',)");
            await("the checksum job ended").atMost(Duration.ofSeconds(30)).until(() -> daemon.jobs().stats().completed() == 1);
        }

        DemoDaemon.Summary summary = daemon.shutdown("test over");

        assertThat(summary.jobsStarted()).isEqualTo(3);
        assertThat(summary.jobsCancelled()).as("one by a client, one by the shutdown").isEqualTo(2);
        assertThat(output.toString()).contains("; 3 jobs started, 2 cancelled.");
    }

    @Test
    void shutdownRunsOnceHoweverOftenAndConcurrentlyItIsCalled() throws Exception {
        start(100, Duration.ofSeconds(30), null, null);

        List<DemoDaemon.Summary> summaries;
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<Future<DemoDaemon.Summary>> calls = Stream.of("first", "second", "third", "fourth")
                    .map(reason -> executor.submit(() -> daemon.shutdown(reason))).toList();
            summaries = calls.stream().map(DemoShutdownTest::get).toList();
        } finally {
            // Without waiting for the threads: a call that never returns has failed the test already.
            executor.shutdown();
        }

        assertThat(summaries).allSatisfy(summary -> assertThat(summary).isSameAs(summaries.get(0)));
        assertThat(daemon.shutdown("later")).isSameAs(summaries.get(0));
        assertThat(output.toString().split("Summary:", -1)).hasSize(2);
        assertThat(output.toString().split("Shutting down:", -1)).hasSize(2);
        assertThat(daemon.awaitEnd(Duration.ZERO)).isTrue();
    }

    @Test
    void anInterruptedCallerStillShutsDownCompletelyAndKeepsItsInterrupt() throws Exception {
        start(100, Duration.ofSeconds(30), null, null);

        Thread.currentThread().interrupt();
        DemoDaemon.Summary summary;
        try {
            summary = daemon.shutdown("interrupted caller");
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }

        assertThat(summary.total()).isEqualTo(100);
        assertThat(daemon.workers().isClosed()).isTrue();
        assertThat(daemon.jobs().isClosed()).isTrue();
    }

    @Test
    void aTakenPortFailsTheStart() throws Exception {
        start(10, Duration.ofSeconds(30), null, null);
        DemoConfig clash = new DemoConfig("127.0.0.1", daemon.port(), null, 1, 10, null,
                Duration.ZERO, Duration.ZERO, DemoConfig.Progress.OFF, Duration.ZERO, null);

        assertThatThrownBy(() -> DemoDaemon.start(clash, new PrintWriter(new StringWriter())))
                .isInstanceOf(java.net.BindException.class);
    }

    @Test
    void aUnixSocketThatCannotBeCreatedFailsTheStartAndClosesTheTcpServer() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path socket = tempDir.resolve("no-such-dir").resolve("demo.sock");
        DemoConfig config = new DemoConfig("127.0.0.1", port, socket, 1, 10, null,
                Duration.ZERO, Duration.ZERO, DemoConfig.Progress.OFF, Duration.ZERO, null);

        assertThatThrownBy(() -> DemoDaemon.start(config, new PrintWriter(output))).isInstanceOf(IOException.class);

        assertThatThrownBy(() -> connect(port)).isInstanceOf(ConnectException.class);
        assertThat(output.toString()).isEmpty();
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        }
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no result within 30 s", e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
