package dev.taskpool.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive session of the runnable jar in a real pseudo-terminal: tmux runs it, keys
 * are sent with {@code send-keys} and the screen read with {@code capture-pane}, polled until
 * what is expected shows. Skipped when tmux is not installed or the jar is not built. Each test
 * runs a tmux server of its own on a socket in its temporary directory ({@code -S}), so a
 * person's tmux sessions are left alone and nothing is left behind.
 */
class InteractiveTmuxIT {

    private static final String SESSION = "taskpool-it";

    @TempDir
    Path tempDir;

    private TestServer server;
    private Path socket;

    @BeforeAll
    static void tmuxAndTheJarAreThere() {
        assumeTrue(TaskpoolJar.isBuilt(), "target/taskpool.jar is built by 'mvn package'");
        assumeTrue(tmuxWorks(), "tmux is not installed");
    }

    @BeforeEach
    void startServer() throws IOException {
        server = TestServer.start(tempDir);
        socket = tempDir.resolve("tmux.sock");
    }

    @AfterEach
    void stopEverything() throws Exception {
        tmux("kill-server");
        server.close();
    }

    private static boolean tmuxWorks() {
        try {
            Process process = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String tmux(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        process.waitFor(10, TimeUnit.SECONDS);
        return new String(output, StandardCharsets.UTF_8);
    }

    /** The visible screen; tmux drops the spaces that end lines, so a bare prompt is {@code >}. */
    private String screen() throws Exception {
        return tmux("capture-pane", "-p", "-t", SESSION);
    }

    private ConditionFactory awaitScreen() {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50));
    }

    private void awaitScreenContains(String... texts) {
        awaitScreen().untilAsserted(() -> assertThat(screen()).contains(texts));
    }

    private void keys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", SESSION));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    private void startSession() throws Exception {
        // screen-256color: a terminal type JLine knows without asking infocmp.
        Path config = Files.writeString(tempDir.resolve("tmux.conf"), "set -g default-terminal screen-256color\n");
        String shell = String.join(" ", quote(TaskpoolJar.JAVA), quote("-Duser.home=" + tempDir), "-jar",
                quote(TaskpoolJar.PATH.toString()), String.join(" ", server.tcpArgs()))
                + "; echo \"[exited $?]\"; exec cat";
        tmux("-f", config.toString(), "new-session", "-d", "-s", SESSION, "-x", "100", "-y", "40", shell);
        awaitScreenContains("Connected to workers\n"
                + "Type '-h' to get help and usage instructions for all available commands.\n\n>");
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    @Test
    void aPersonCanTalkToThePoolCompleteCommandsInterruptALineAndLeave() throws Exception {
        startSession();

        keys("pool-size", "Enter");
        awaitScreenContains("> pool-size\ninf\n>");

        keys("start 2", "Enter");
        awaitScreen().until(() -> server.workers.numRunning() == 2);
        keys("stop-", "Tab");
        awaitScreenContains("> stop-all");
        keys("Enter");
        awaitScreen().until(() -> server.workers.numRunning() == 0);

        keys("flush --ret", "Tab");
        awaitScreenContains("> flush --return-exceptions");
        keys("C-c");
        awaitScreenContains("> flush --return-exceptions\n>");
        keys("use jobs", "Enter");
        awaitScreenContains("now using jobs\n>");
        // The interrupted flush was never sent: the two stopped tasks are still remembered.
        assertThat(server.workers.tasks()).hasSize(2);

        keys("exit", "Enter");
        awaitScreenContains("[exited 0]");
        assertThat(Files.readString(tempDir.resolve(".taskpool_history"))).contains(":pool-size\n", ":use jobs\n");
    }

    @Test
    void ctrlCWhileACommandWaitsAbandonsItAndTheNextCommandGetsItsOwnAnswer() throws Exception {
        startSession();
        keys("start 1", "Enter");
        awaitScreen().until(() -> server.workers.numRunning() == 1);
        // Waits for the worker, which runs until the test releases it.
        keys("gather-and-close", "Enter");
        awaitScreen().until(server.workers::isLocked);

        keys("C-c");
        awaitScreenContains("> gather-and-close\n^C\n"
                + "Stopped waiting for 'gather-and-close'; it may still run on the server.\n>");
        // Now gather-and-close ends, and the server answers it.
        server.release.countDown();
        awaitScreen().until(server.workers::isClosed);
        keys("is-closed", "Enter");

        awaitScreenContains("> is-closed\nTrue\n>");
        assertThat(screen()).doesNotContain("[exited");
        keys("exit", "Enter");
        awaitScreenContains("[exited 0]");
    }

    @Test
    void watchTakesTheScreenUntilAKeyIsPressedAndGivesItBack() throws Exception {
        startSession();
        keys("start 3", "Enter");
        awaitScreenContains("start-group-0\n>");

        keys("watch", "Enter");
        awaitScreenContains("taskpool watch: workers", "running 3", WatchScreen.LEAVE_HINT);
        keys("x");
        awaitScreen().untilAsserted(() -> assertThat(screen())
                .doesNotContain(WatchScreen.LEAVE_HINT).contains("> watch\n>"));

        keys("C-d");
        awaitScreenContains("[exited 0]");
    }

    @Test
    void ctrlCLeavesTheWatchViewAndNotTheClient() throws Exception {
        startSession();
        keys("watch", "Enter");
        awaitScreenContains("taskpool watch: workers", WatchScreen.LEAVE_HINT);

        keys("C-c");
        awaitScreen().untilAsserted(() -> assertThat(screen())
                .doesNotContain(WatchScreen.LEAVE_HINT).contains("> watch\n>"));
        keys("pool-size", "Enter");
        awaitScreenContains("> pool-size\ninf\n>");

        keys("exit", "Enter");
        awaitScreenContains("[exited 0]");
    }
}
