package dev.taskpool.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The interactive session, typed at through an in-memory xterm: greeting, answers, completion,
 * Ctrl+C at the prompt and while a command waits, Ctrl+D, exit, history, colours, the watch
 * view and a lost connection. The same
 * session in a real pseudo-terminal is covered by {@code InteractiveTmuxIT}.
 */
class InteractiveSessionTest {

    private static final Duration SESSION_END = Duration.ofSeconds(30);
    private static final String GREETING = "Connected to workers\n"
            + "Type '-h' to get help and usage instructions for all available commands.\n\n";

    @TempDir
    Path home;

    private TestServer server;
    private VirtualTerminal terminal;

    @BeforeEach
    void setUp() throws Exception {
        server = TestServer.start(home);
        terminal = new VirtualTerminal("xterm-256color");
    }

    @AfterEach
    void tearDown() throws Exception {
        terminal.close();
        server.close();
    }

    /**
     * The exit status of a session that has been told to end; one still running after
     * {@link #SESSION_END} fails the test with what the terminal shows.
     */
    private int exitStatus(CompletableFuture<Integer> session) throws Exception {
        try {
            return session.get(SESSION_END.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the session did not end within " + SESSION_END.toSeconds()
                    + " s; the terminal shows:\n" + terminal.text(), e);
        }
    }

    private CompletableFuture<Integer> startSession(Map<String, String> variables, String... options) {
        CompletableFuture<Integer> status = terminal.start(variables, home, server.tcpArgs(options));
        await().untilAsserted(() -> assertThat(terminal.text()).contains(GREETING + InteractiveSession.PROMPT));
        return status;
    }

    @Test
    void greetsThenAnswersCommandsAndLeavesOnExit() throws Exception {
        CompletableFuture<Integer> status = startSession(Map.of());

        terminal.type("pool-size\r");
        await().untilAsserted(() -> assertThat(terminal.text()).contains("> pool-size\ninf\n> "));
        terminal.type("exit\r");

        assertThat(exitStatus(status)).isZero();
    }

    @Test
    void emptyLinesAreNotSent() throws Exception {
        CompletableFuture<Integer> status = startSession(Map.of());

        terminal.type("\r   \rpool-size\r");
        await().untilAsserted(() -> assertThat(terminal.text()).contains("inf\n> "));
        terminal.type("\u0004");

        assertThat(exitStatus(status)).isZero();
        // An empty line sent to the server would have been answered with an empty line.
        assertThat(terminal.text()).contains("> \n>    \n> pool-size\ninf\n");
    }

    @Test
    void tabCompletesCommandNamesFlagsAndPools() throws Exception {
        CompletableFuture<Integer> status = startSession(Map.of());
        terminal.type("start 2\r");
        await().untilAsserted(() -> assertThat(server.workers.numRunning()).as(terminal::text).isEqualTo(2));

        terminal.type("stop-\t");
        await().untilAsserted(() -> assertThat(terminal.text()).endsWith("> stop-all "));
        terminal.type("\r");
        await().untilAsserted(() -> assertThat(server.workers.numRunning()).as(terminal::text).isEqualTo(0));

        terminal.type("use jo\t");
        await().untilAsserted(() -> assertThat(terminal.text()).endsWith("> use jobs "));
        terminal.type("\r");
        await().untilAsserted(() -> assertThat(terminal.text()).endsWith("now using jobs\n> "));

        terminal.type("flush --ret\t");
        await().untilAsserted(() -> assertThat(terminal.text()).endsWith("> flush --return-exceptions "));
        terminal.type("\r");
        await().untilAsserted(() -> assertThat(terminal.text()).endsWith("ok\n> "));
        terminal.type("exit\r");
        assertThat(exitStatus(status)).isZero();
    }

    @Test
    void ctrlCDropsTheLineButKeepsTheSession() throws Exception {
        CompletableFuture<Integer> status = startSession(Map.of());

        terminal.type("start 5");
        await().untilAsserted(() -> assertThat(terminal.text()).endsWith("> start 5"));
        terminal.type("\u0003");
        await().untilAsserted(() -> assertThat(terminal.text()).endsWith("> start 5^C\n> "));
        terminal.type("pool-size\r");
        await().untilAsserted(() -> assertThat(terminal.text()).contains("> pool-size\ninf\n"));

        assertThat(server.workers.stats().started()).isZero();
        terminal.type("exit\r");
        assertThat(exitStatus(status)).isZero();
    }

    @Test
    void ctrlCAtAnEmptyPromptGivesAFreshPrompt() throws Exception {
        CompletableFuture<Integer> status = startSession(Map.of());

        terminal.type("\u0003");
        await().untilAsserted(() -> assertThat(terminal.text()).endsWith("> ^C\n> "));
        terminal.type("pool-size\r");
        await().untilAsserted(() -> assertThat(terminal.text()).endsWith("> pool-size\ninf\n> "));

        terminal.type("exit\r");
        assertThat(exitStatus(status)).isZero();
    }

    @Test
    void ctrlCWhileACommandWaitsReturnsToThePromptAndTheNextCommandIsAnswered() throws Exception {
        CompletableFuture<Integer> status = startSession(Map.of());
        terminal.type("start 1\r");
        await().untilAsserted(() -> assertThat(server.workers.numRunning()).as(terminal::text).isEqualTo(1));
        // Waits for the worker, which never ends.
        terminal.type("gather-and-close\r");
        await("gather-and-close running on the server").until(server.workers::isLocked);

        terminal.type("\u0003");
        await().untilAsserted(() -> assertThat(terminal.text()).endsWith("> gather-and-close\n^C\n"
                + "Stopped waiting for 'gather-and-close'; it may still run on the server.\n> "));
        terminal.type("pool-size\r");
        await().untilAsserted(() -> assertThat(terminal.text()).endsWith("> pool-size\ninf\n> "));

        terminal.type("exit\r");
        assertThat(exitStatus(status)).isZero();
    }

    @ParameterizedTest(name = "{0} mode")
    @ValueSource(strings = {"framed", "text"})
    void theLateAnswerOfAnAbandonedCommandIsNotShownAsTheNextOne(String mode) throws Exception {
        CompletableFuture<Integer> status = mode.equals("text") ? startSession(Map.of(), "--text") : startSession(Map.of());
        terminal.type("start 1\r");
        await().untilAsserted(() -> assertThat(server.workers.numRunning()).as(terminal::text).isEqualTo(1));
        // Waits for the worker, which runs until the test releases it.
        terminal.type("gather-and-close\r");
        await("gather-and-close running on the server").until(server.workers::isLocked);
        terminal.type("\u0003");
        await().untilAsserted(() -> assertThat(terminal.text()).endsWith("it may still run on the server.\n> "));

        // Now gather-and-close ends, and the server answers it.
        server.release.countDown();
        await("the pool closed").until(server.workers::isClosed);
        terminal.type("is-closed\r");

        await().untilAsserted(() -> assertThat(terminal.text()).endsWith("> is-closed\nTrue\n> "));
        terminal.type("exit\r");
        assertThat(exitStatus(status)).isZero();
    }

    @Test
    void afterAnAbandonedCommandTheSessionIsStillOnThePoolItUsed() throws Exception {
        server.jobs.apply(server.release::await);
        CompletableFuture<Integer> status = startSession(Map.of());
        terminal.type("use jobs\r");
        await().untilAsserted(() -> assertThat(terminal.text()).endsWith("now using jobs\n> "));
        terminal.type("gather-and-close\r");
        await("gather-and-close running on the server").until(server.jobs::isLocked);

        terminal.type("\u0003");
        await().untilAsserted(() -> assertThat(terminal.text()).endsWith("it may still run on the server.\n> "));
        terminal.type("pools\r");

        await().untilAsserted(() -> assertThat(terminal.text())
                .endsWith("> pools\n  workers (SimpleTaskPool)\n* jobs (TaskPool)\n> "));
        terminal.type("exit\r");
        assertThat(exitStatus(status)).isZero();
    }

    @Test
    void ctrlDLeaves() throws Exception {
        CompletableFuture<Integer> status = startSession(Map.of());

        terminal.type("\u0004");

        assertThat(exitStatus(status)).isZero();
    }

    @Test
    void theHistoryIsKeptAcrossSessions() throws Exception {
        CompletableFuture<Integer> first = startSession(Map.of());
        terminal.type("start 1\r");
        await().untilAsserted(() -> assertThat(server.workers.numRunning()).as(terminal::text).isEqualTo(1));
        terminal.type("exit\r");
        assertThat(exitStatus(first)).isZero();
        assertThat(Files.readString(home.resolve(".taskpool_history"))).contains(":start 1\n");

        terminal.close();
        terminal = new VirtualTerminal("xterm-256color");
        CompletableFuture<Integer> second = terminal.start(Map.of(), home, server.tcpArgs());
        await().untilAsserted(() -> assertThat(terminal.text()).endsWith(InteractiveSession.PROMPT));
        // Up twice, as an xterm in keypad mode sends it: past "exit" to "start 1".
        terminal.type("\u001BOA\u001BOA\r");
        await().untilAsserted(() -> assertThat(server.workers.numRunning()).as(terminal::text).isEqualTo(2));
        terminal.type("exit\r");
        assertThat(exitStatus(second)).isZero();
    }

    @Test
    void failuresAreRedOnAColourTerminalAndPlainWithNoColor() throws Exception {
        CompletableFuture<Integer> status = startSession(Map.of());
        terminal.type("strat\r");
        await().untilAsserted(() -> assertThat(terminal.text()).contains("invalid choice: 'strat'"));
        assertThat(terminal.raw()).contains("\u001B[31musage: [-h] [command] ...");
        terminal.type("exit\r");
        assertThat(exitStatus(status)).isZero();

        terminal.close();
        terminal = new VirtualTerminal("xterm-256color");
        CompletableFuture<Integer> plain = startSession(Map.of("NO_COLOR", "1"));
        terminal.type("strat\r");
        await().untilAsserted(() -> assertThat(terminal.text()).contains("invalid choice: 'strat'"));
        assertThat(terminal.raw()).doesNotContain("\u001B[31m");
        terminal.type("exit\r");
        assertThat(exitStatus(plain)).isZero();
    }

    @Test
    void watchShowsTheLiveViewUntilAKeyIsPressed() throws Exception {
        CompletableFuture<Integer> status = startSession(Map.of());
        terminal.type("start 3\r");
        await().untilAsserted(() -> assertThat(server.workers.numRunning()).as(terminal::text).isEqualTo(3));

        terminal.type("watch\r");
        await().untilAsserted(() -> assertThat(terminal.text()).contains(WatchScreen.LEAVE_HINT));
        assertThat(terminal.text()).contains("taskpool watch: workers", "running 3", "tasks finished per second",
                "start-group-0");
        terminal.type("q");
        terminal.type("pool-size\r");
        await().untilAsserted(() -> assertThat(terminal.text()).endsWith("> pool-size\ninf\n> "));

        terminal.type("exit\r");
        assertThat(exitStatus(status)).isZero();
    }

    @Test
    void ctrlCLeavesTheWatchViewLikeAnyKey() throws Exception {
        CompletableFuture<Integer> status = startSession(Map.of());
        terminal.type("watch\r");
        await().untilAsserted(() -> assertThat(terminal.text()).contains(WatchScreen.LEAVE_HINT));

        terminal.type("\u0003");
        await().untilAsserted(() -> assertThat(after(terminal.text(), WatchScreen.LEAVE_HINT)).endsWith("> "));
        terminal.type("pool-size\r");
        await().untilAsserted(() -> assertThat(terminal.text()).endsWith("> pool-size\ninf\n> "));

        terminal.type("exit\r");
        assertThat(exitStatus(status)).isZero();
    }

    /** What {@code text} shows after the last {@code marker}. */
    private static String after(String text, String marker) {
        return text.substring(text.lastIndexOf(marker) + marker.length());
    }

    @Test
    void aLostConnectionEndsTheSessionWithStatusTwo() throws Exception {
        CompletableFuture<Integer> status = startSession(Map.of());

        server.stopServing();
        terminal.type("stats\r");

        assertThat(exitStatus(status)).isEqualTo(2);
        assertThat(terminal.text()).contains("server closed the connection");
    }

    @Test
    void aFailedConnectionSaysWhyOnStderr() throws Exception {
        int port = server.port();
        server.stopServing();

        int status = exitStatus(terminal.start(Map.of(), home, "control", "tcp", "127.0.0.1", String.valueOf(port)));

        assertThat(status).isEqualTo(2);
        assertThat(terminal.err()).isEqualTo("taskpool: connection refused: nothing listens on 127.0.0.1:" + port + "\n");
    }
}
