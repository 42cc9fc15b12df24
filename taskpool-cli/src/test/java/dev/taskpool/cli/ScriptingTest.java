package dev.taskpool.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code taskpool control} without a terminal: commands from {@code -c} or standard input. */
class ScriptingTest {

    @TempDir
    Path tempDir;

    private TestServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = TestServer.start(tempDir);
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    private CliRun.Result run(String stdin, String... args) {
        return CliRun.run(stdin, Map.of(), tempDir, args);
    }

    @Test
    void commandsGivenWithDashCRunInOrderAndPrintTheirAnswers() {
        CliRun.Result result = run("", server.tcpArgs("-c", "start 2", "--command", "pool-size", "-c", "use jobs"));

        assertThat(result.out()).isEqualTo("start-group-0\ninf\nnow using jobs\n");
        assertThat(result.err()).isEmpty();
        assertThat(result.status()).isZero();
        // start returns at once, before the tasks of its group are running.
        await().until(() -> server.workers.numRunning() == 2);
    }

    @Test
    void multiLineAnswersArePrintedAsTheServerWroteThem() {
        CliRun.Result result = run("", server.unixArgs("-c", "stats"));

        assertThat(result.out()).startsWith("pool:").contains("\nrunning:").endsWith("\n");
        assertThat(result.out().lines().count()).isGreaterThan(5);
        assertThat(result.status()).isZero();
    }

    @Test
    void aFailedCommandIsPrintedAndMakesTheStatusOneWhileTheOthersStillRun() {
        CliRun.Result result = run("", server.tcpArgs("-c", "strat 2", "-c", "pool-size"));

        assertThat(result.out()).startsWith("usage: [-h] [command] ...\n: error: argument command: invalid choice: 'strat' (choose from ").endsWith("'use')\ninf\n");
        assertThat(result.err()).isEmpty();
        assertThat(result.status()).isEqualTo(1);
    }

    @Test
    void anAnswerEndingInANewlineOfItsOwnLeavesNoBlankLine() {
        CliRun.Result result = run("start x\npool-size\n", server.tcpArgs());

        assertThat(result.out()).isEqualTo("usage: start [-h] num\nstart: error: argument num: invalid int value: 'x'\ninf\n");
        assertThat(result.status()).isEqualTo(1);
    }

    @Test
    void commandsAreReadFromStandardInputSkippingBlankLines() {
        CliRun.Result result = run("pool-size\n\n   \nuse jobs\r\npool-size\n", server.unixArgs());

        assertThat(result.out()).isEqualTo("inf\nnow using jobs\n4\n");
        assertThat(result.status()).isZero();
    }

    @Test
    void exitStopsAScript() {
        CliRun.Result result = run("pool-size\nexit\nstart 3\n", server.tcpArgs());

        assertThat(result.out()).isEqualTo("inf\n");
        assertThat(result.status()).isZero();
        assertThat(server.workers.stats().started()).isZero();
    }

    @Test
    void aServerHelpCanBeAskedForWithDashC() {
        CliRun.Result result = run("", server.tcpArgs("-c", "-h", "-c", "start -h"));

        assertThat(result.out()).contains("commands of workers:", "usage: start");
        assertThat(result.status()).isZero();
    }

    @Test
    void textModeShowsTheSameAnswersButCannotTellFailures() {
        CliRun.Result result = run("strat\npool-size\n", server.tcpArgs("--text"));

        assertThat(result.out()).startsWith("usage: [-h] [command] ...\n: error: argument command: invalid choice: 'strat' (choose from ").endsWith("'use')\ninf\n");
        assertThat(result.status()).isZero();
    }

    @Test
    void watchIsRefusedInAScript() {
        CliRun.Result result = run("watch\npool-size\n", server.tcpArgs());

        assertThat(result.out()).isEqualTo("watch needs a terminal: run an interactive session, or use --watch\ninf\n");
        assertThat(result.status()).isEqualTo(1);
    }

    @Test
    void theWatchOptionNeedsATerminal() {
        CliRun.Result result = run("", server.tcpArgs("--watch"));

        assertThat(result.err()).isEqualTo("taskpool: --watch needs a terminal\n");
        assertThat(result.status()).isEqualTo(2);
    }

    @Test
    void theWatchOptionCannotBeCombinedWithCommands() {
        CliRun.Result result = run("", server.tcpArgs("--watch", "-c", "stats"));

        assertThat(result.err()).startsWith("--watch cannot be combined with -c/--command\n");
        assertThat(result.status()).isEqualTo(2);
    }

    @Test
    void nothingListeningExitsWithTwoAndOneLineOnStderr() {
        int port = server.port();
        server.stopServing();

        CliRun.Result result = run("", "control", "tcp", "127.0.0.1", String.valueOf(port), "-c", "stats");

        assertThat(result.err()).isEqualTo("taskpool: connection refused: nothing listens on 127.0.0.1:" + port + "\n");
        assertThat(result.out()).isEmpty();
        assertThat(result.status()).isEqualTo(2);
    }

    @Test
    void aMissingSocketExitsWithTwoAndSaysSo() {
        Path missing = tempDir.resolve("missing.sock");

        CliRun.Result result = run("", "control", "unix", missing.toString(), "-c", "stats");

        assertThat(result.err()).isEqualTo("taskpool: no socket at " + missing + "\n");
        assertThat(result.status()).isEqualTo(2);
    }

    @Test
    void aLostConnectionStopsTheScriptWithStatusTwo() throws Exception {
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(keyboard);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment environment = new CliEnvironment(stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), tempDir, Terminals.none());
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> Main.run(server.tcpArgs(), environment));

        keyboard.write("pool-size\n".getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        await().until(() -> out.toString(StandardCharsets.UTF_8).equals("inf\n"));
        server.stopServing();
        keyboard.write("stats\npool-size\n".getBytes(StandardCharsets.UTF_8));
        keyboard.close();

        assertThat(status).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("taskpool: server closed the connection\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("inf\n");
    }

    @Test
    void missingUsageBitsAreUsageErrors() {
        assertThat(run("").status()).isEqualTo(2);
        assertThat(run("", "control").err()).startsWith("Missing required subcommand: tcp, unix or fleet");
        assertThat(run("", "control", "tcp", "127.0.0.1", "port").status()).isEqualTo(2);
        CliRun.Result badPort = run("", "control", "tcp", "127.0.0.1", "70000");
        assertThat(badPort.err()).startsWith("PORT must be 1 to 65535, got 70000");
        assertThat(badPort.status()).isEqualTo(2);
        // A command with an argument must be quoted: the stray argument is reported.
        assertThat(run("", server.tcpArgs("-c", "start", "3")).status()).isEqualTo(2);
    }

    @Test
    void versionAndHelpExitWithZero() {
        CliRun.Result version = run("", "--version");
        assertThat(version.out()).startsWith("taskpool 0.1");
        assertThat(version.status()).isZero();

        CliRun.Result help = run("", "control", "tcp", "--help");
        assertThat(help.out()).contains("Usage: taskpool control tcp", "--token=TOKEN", "TASKPOOL_TOKEN",
                "-c, --command=COMMAND", "--text", "--watch");
        assertThat(help.status()).isZero();
    }

    @Test
    void theDemoSubcommandIsThere() {
        assertThat(run("", "demo", "--help").status()).isZero();
    }

    @Test
    void theTokenComesFromTheOptionOrTheEnvironment() throws IOException {
        try (TestServer guarded = TestServer.withToken(Files.createDirectory(tempDir.resolve("guarded")), "s3cret")) {
            CliRun.Result byOption = run("", guarded.tcpArgs("--token", "s3cret", "-c", "pool-size"));
            assertThat(byOption.out()).isEqualTo("inf\n");
            assertThat(byOption.status()).isZero();

            CliRun.Result byEnvironment = CliRun.run("", Map.of("TASKPOOL_TOKEN", "s3cret"), tempDir,
                    guarded.unixArgs("-c", "pool-size"));
            assertThat(byEnvironment.out()).isEqualTo("inf\n");
            assertThat(byEnvironment.status()).isZero();

            CliRun.Result wrong = run("", guarded.tcpArgs("--token", "guess", "-c", "pool-size"));
            assertThat(wrong.err()).isEqualTo("taskpool: authentication failed: wrong token\n");
            assertThat(wrong.out()).isEmpty();
            assertThat(wrong.status()).isEqualTo(2);

            CliRun.Result missing = run("", guarded.tcpArgs("-c", "pool-size"));
            assertThat(missing.err()).isEqualTo("taskpool: authentication failed: missing token "
                    + "(give it with --token or the TASKPOOL_TOKEN environment variable)\n");
            assertThat(missing.status()).isEqualTo(2);
        }
    }

    @Test
    void aServerThatOnlySpeaksTextIsTalkedToInTextMode() throws Exception {
        try (ServerSocket textOnly = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread fake = Thread.ofVirtual().start(() -> {
                try (Socket client = textOnly.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                    OutputStream out = client.getOutputStream();
                    in.readLine();
                    out.write("SimpleTaskPool-0\n".getBytes(StandardCharsets.UTF_8));
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        out.write(("you said: " + line + "\nand that is all\n").getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // The client left.
                }
            });

            CliRun.Result result = run("hello\nstrat\n", "control", "tcp", "127.0.0.1",
                    String.valueOf(textOnly.getLocalPort()));
            assertThat(fake.join(Duration.ofSeconds(30))).as("the fake server saw the client leave").isTrue();

            assertThat(result.out()).isEqualTo("you said: hello\nand that is all\nyou said: strat\nand that is all\n");
            assertThat(result.status()).isZero();
        }
    }
}
