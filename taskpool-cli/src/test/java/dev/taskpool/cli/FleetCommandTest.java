package dev.taskpool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskpool.queue.postgres.PostgresExtension;
import dev.taskpool.queue.postgres.PostgresQueue;
import dev.taskpool.queue.postgres.PostgresServer;
import dev.taskpool.queue.postgres.QueueOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code taskpool control fleet}: the same commands on several control servers at once, named
 * with {@code --target} or registered in a work queue's database, against real servers in this
 * JVM, one that does not listen and one that never answers.
 */
@ExtendWith(PostgresExtension.class)
class FleetCommandTest {

    @TempDir
    Path home;

    @TempDir
    Path sockets;

    private final List<AutoCloseable> closing = new ArrayList<>();
    private TestServer one;
    private TestServer two;

    @BeforeEach
    void startServers() throws IOException {
        one = TestServer.start(java.nio.file.Files.createDirectory(sockets.resolve("one")));
        two = TestServer.start(java.nio.file.Files.createDirectory(sockets.resolve("two")));
        closing.add(one);
        closing.add(two);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : closing) {
            resource.close();
        }
    }

    private CliRun.Result run(Map<String, String> variables, String... args) {
        List<String> all = new ArrayList<>(List.of("control", "fleet"));
        all.addAll(List.of(args));
        return CliRun.run("", variables, home, all.toArray(String[]::new));
    }

    /** The lines {@code NAME: answer} in name order, as the fleet prints them. */
    private static String inNameOrder(String... nameAndAnswer) {
        java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>();
        for (int i = 0; i < nameAndAnswer.length; i += 2) {
            sorted.put(nameAndAnswer[i], nameAndAnswer[i + 1]);
        }
        StringBuilder out = new StringBuilder();
        sorted.forEach((name, answer) -> out.append(name).append(answer.startsWith("\n") ? ":" : ": ")
                .append(answer).append('\n'));
        return out.toString();
    }

    private static String tcp(int port) {
        return "tcp:127.0.0.1:" + port;
    }

    /** A port nothing listens on: one that was free a moment ago. */
    private static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void everyTargetAnswersInNameOrderAndADeadOneIsReportedWithStatusTwo() throws Exception {
        one.workers.start(2);
        two.workers.start(3);
        int dead = deadPort();

        CliRun.Result result = run(Map.of(), "--target", "unix:" + two.socket(), "--target", tcp(one.port()),
                "--target", tcp(dead), "-c", "num-running");

        assertThat(result.out()).isEqualTo(inNameOrder(
                tcp(dead), "no answer: connection refused: nothing listens on 127.0.0.1:" + dead,
                tcp(one.port()), "2",
                "unix:" + two.socket(), "3"));
        assertThat(result.status()).isEqualTo(2);
    }

    @Test
    void aFailedCommandOnOneDaemonMakesTheStatusOne() {
        one.workers.lock();

        CliRun.Result result = run(Map.of(), "--target", tcp(one.port()), "--target", tcp(two.port()), "-c", "start 1");

        assertThat(result.out()).isEqualTo(inNameOrder(
                tcp(one.port()), "Cannot start new tasks: workers is locked",
                tcp(two.port()), "start-group-0"));
        assertThat(result.status()).isEqualTo(1);
    }

    @Test
    void severalCommandsAreRunInOrderAndPrintedCommandByCommandWithBlocksForLongAnswers() {
        one.workers.start(1);
        two.workers.start(1);
        CliRun.Result result = run(Map.of(), "--target", tcp(one.port()), "--target", tcp(two.port()),
                "-c", "pool-size 4", "-c", "groups", "-c", "pool-size");

        assertThat(result.status()).isZero();
        String groups = "\n  GROUP          FUNCTION  RUNNING  QUEUED  DONE  PROGRESS\n"
                + "  start-group-0  lambda    1        0       0     0/1 (0%)";
        assertThat(result.out()).isEqualTo("> pool-size 4\n" + inNameOrder(tcp(one.port()), "ok", tcp(two.port()), "ok")
                + "> groups\n" + inNameOrder(tcp(one.port()), groups, tcp(two.port()), groups)
                + "> pool-size\n" + inNameOrder(tcp(one.port()), "4", tcp(two.port()), "4"));
    }

    @Test
    void aDaemonThatNeverAnswersIsReportedWithinTheTimeoutWhileTheOthersAnswer() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            long started = System.nanoTime();
            CliRun.Result result = run(Map.of(), "--timeout", "300ms", "--target", tcp(silent.getLocalPort()),
                    "--target", tcp(one.port()), "-c", "num-running");
            double seconds = (System.nanoTime() - started) / 1e9;

            assertThat(result.out()).contains(tcp(one.port()) + ": 0\n")
                    .contains(tcp(silent.getLocalPort()) + ": no answer: no answer to the handshake from 127.0.0.1:"
                            + silent.getLocalPort() + " within 0.30 s");
            assertThat(result.status()).isEqualTo(2);
            assertThat(seconds).isLessThan(3);
        }
    }

    @Test
    void theTokenFromTheEnvironmentIsSentToEveryDaemon() throws Exception {
        TestServer guarded = TestServer.withToken(java.nio.file.Files.createDirectory(sockets.resolve("guarded")), "s3cret");
        closing.add(guarded);

        CliRun.Result withToken = run(Map.of(SessionOptions.TOKEN_VARIABLE, "s3cret"),
                "--target", tcp(guarded.port()), "--target", "unix:" + guarded.socket(), "-c", "name");
        assertThat(withToken.out()).isEqualTo(tcp(guarded.port()) + ": workers\nunix:" + guarded.socket() + ": workers\n");
        assertThat(withToken.status()).isZero();

        CliRun.Result without = run(Map.of(), "--target", tcp(guarded.port()), "-c", "name");
        assertThat(without.out()).startsWith(tcp(guarded.port()) + ": no answer: authentication failed");
        assertThat(without.status()).isEqualTo(2);
    }

    @Test
    void theDaemonsRegisteredLiveInTheDatabaseAreTheFleetWithTheTargetsGiven(PostgresServer postgres) throws Exception {
        String url = postgres.createDatabase();
        PostgresQueue a = PostgresQueue.open(url, QueueOptions.defaults().withNode("daemon-a"));
        PostgresQueue b = PostgresQueue.open(url, QueueOptions.defaults().withNode("daemon-b"));
        PostgresQueue gone = PostgresQueue.open(url, QueueOptions.defaults().withNode("daemon-gone"));
        closing.add(a);
        closing.add(b);
        a.register(tcp(one.port()));
        b.register("unix:" + two.socket());
        gone.register(tcp(deadPort()));
        gone.close();
        one.workers.start(1);

        CliRun.Result result = run(Map.of(), url, "--target", tcp(two.port()), "-c", "num-running");

        assertThat(result.out()).isEqualTo(inNameOrder("daemon-a", "1", "daemon-b", "0", tcp(two.port()), "0"));
        assertThat(result.status()).isZero();
    }

    @Test
    void aDatabaseWithoutLiveDaemonsIsSaidSo(PostgresServer postgres) {
        CliRun.Result result = run(Map.of(), postgres.createDatabase(), "-c", "num-running");

        assertThat(result.err()).isEqualTo("taskpool: no live daemon is registered in the database\n");
        assertThat(result.status()).isEqualTo(2);
    }

    @Test
    void theDaemonsMustBeNamedAndTheCommandsGiven() {
        CliRun.Result nothing = run(Map.of(), "-c", "stats");
        assertThat(nothing.status()).isEqualTo(2);
        assertThat(nothing.err()).contains("Name the daemons: a JDBC_URL, one or more --target, or both");

        CliRun.Result noCommand = run(Map.of(), "--target", tcp(one.port()));
        assertThat(noCommand.err()).contains("Give the commands to run with -c, or use --watch");

        CliRun.Result badTarget = run(Map.of(), "--target", "127.0.0.1:9999", "-c", "stats");
        assertThat(badTarget.status()).isEqualTo(2);
        assertThat(badTarget.err()).contains("--target '127.0.0.1:9999' is not an endpoint; write tcp:HOST:PORT");

        CliRun.Result watchInScript = run(Map.of(), "--target", tcp(one.port()), "--watch");
        assertThat(watchInScript.err()).isEqualTo("taskpool: --watch needs a terminal\n");
    }

    @Test
    void theWatchShowsOneRowPerDaemonUntilAKeyIsPressed() throws Exception {
        one.workers.start(2);
        int dead = deadPort();
        try (VirtualTerminal terminal = new VirtualTerminal("xterm-256color")) {
            java.util.concurrent.CompletableFuture<Integer> status = terminal.start(Map.of("NO_COLOR", "1"), home,
                    "control", "fleet", "--target", tcp(one.port()), "--target", tcp(dead), "--watch");
            org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(terminal.text())
                    .as(terminal::err).contains(WatchScreen.LEAVE_HINT));

            assertThat(terminal.text()).contains("taskpool fleet: 2 daemons", "NODE", "POOL SIZE", "ITEMS/S")
                    .containsPattern(java.util.regex.Pattern.quote(tcp(one.port())) + " +running +inf +2 ")
                    .containsPattern(java.util.regex.Pattern.quote(tcp(dead)) + " +no answer: connection refused")
                    .contains("fleet: items/s need the queue's database");
            terminal.type("q");
            assertThat(status.get(10, java.util.concurrent.TimeUnit.SECONDS)).isZero();
        }
    }
}
