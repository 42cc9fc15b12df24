package dev.taskpool.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.taskpool.cli.TaskpoolJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code taskpool demo} as a process told to stop by SIGTERM ({@link Process#destroy()} on
 * Linux and macOS), as a supervisor or Ctrl+C stops it: it lets the work in hand finish for the
 * grace period, cancels what outlasts it, prints its summary and exits with status 0 within a
 * second of the grace period.
 */
class DemoSignalIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("Control server listening on 127\\.0\\.0\\.1:(\\d+)\n");

    @TempDir
    Path tempDir;

    private Process demo;
    private Path stdout;

    @BeforeAll
    static void theJarIsBuilt() {
        assumeTrue(TaskpoolJar.isBuilt(), "target/taskpool.jar is built by 'mvn package'");
    }

    @AfterEach
    void killWhatIsLeft() {
        if (demo != null && demo.isAlive()) {
            demo.destroyForcibly();
        }
    }

    @Test
    void workOutlastingTheGraceIsCancelledAndHandedBackAndTheDemoExitsWithinASecondMore() throws Exception {
        Duration grace = Duration.ofSeconds(1);
        int port = startDemo("--workers", "2", "--items", "10", "--item-time", "60s", "--grace", "1");
        awaitWorkersInTheMiddleOfAnItem(port, 2);

        Duration took = terminate();

        assertThat(demo.exitValue()).isZero();
        assertThat(took).as("from SIGTERM to exit").isLessThan(grace.plusSeconds(1));
        assertThat(Files.readString(stdout))
                .contains("Shutting down: stopped by a signal (Ctrl+C or SIGTERM).\n")
                .contains("Giving 2 workers up to 1.0s to finish.\n")
                .contains("Stopped 2 running workers.\n")
                .contains("Summary: 0 of 10 items done by 0 workers in ")
                .contains("; 2 items handed back by stopped workers.\n");
    }

    @Test
    void itemsThatEndWithinTheGraceAreDoneAndTheDemoExitsWithoutWaitingItOut() throws Exception {
        int port = startDemo("--workers", "2", "--items", "10", "--item-time", "1s", "--grace", "30");
        awaitWorkersInTheMiddleOfAnItem(port, 2);

        Duration took = terminate();

        assertThat(demo.exitValue()).isZero();
        assertThat(took).as("from SIGTERM to exit").isLessThan(Duration.ofSeconds(10));
        assertThat(Files.readString(stdout))
                .contains("Giving 2 workers up to 30.0s to finish.\n")
                .containsPattern("Summary: \\d+ of 10 items done by 2 workers in [^;]*\\.\n")
                .doesNotContain("Stopped")
                .doesNotContain("handed back");
    }

    /** Starts the demo with a control server on a free port, and returns the port. */
    private int startDemo(String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("demo", "--port", "0"));
        args.addAll(List.of(options));
        stdout = tempDir.resolve("stdout.txt");
        ProcessBuilder builder = new ProcessBuilder(TaskpoolJar.command(tempDir, args))
                .redirectInput(ProcessBuilder.Redirect.from(Files.createFile(tempDir.resolve("stdin.txt")).toFile()))
                .redirectOutput(stdout.toFile())
                .redirectError(tempDir.resolve("stderr.txt").toFile());
        builder.environment().remove("TASKPOOL_TOKEN");
        demo = builder.start();
        return await("the control server listens").atMost(PATIENCE).until(this::listeningPort, port -> port > 0);
    }

    private int listeningPort() throws IOException {
        assertThat(demo.isAlive()).as("the demo runs; its errors: %s", stderr()).isTrue();
        Matcher matcher = LISTENING.matcher(Files.readString(stdout));
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private String stderr() throws IOException {
        return Files.readString(tempDir.resolve("stderr.txt"));
    }

    /** Waits until {@code workers} workers are inside an item's work, as their stacks show. */
    private static void awaitWorkersInTheMiddleOfAnItem(int port, int workers) throws IOException {
        try (ScriptClient client = ScriptClient.connect(port)) {
            await("workers in the middle of an item").atMost(PATIENCE).until(() -> busyWorkers(client) == workers);
        }
    }

    private static int busyWorkers(ScriptClient client) throws IOException {
        int busy = 0;
        for (Object task : (List<?>) client.value("tasks")) {
            Map<String, Object> stack = client.send("stack " + ((Map<?, ?>) task).get("id"));
            if ("ok".equals(stack.get("status")) && String.valueOf(stack.get("value")).contains("SimulatedWork.process")) {
                busy++;
            }
        }
        return busy;
    }

    /** Sends SIGTERM and returns how long the demo took to exit. */
    private Duration terminate() throws Exception {
        long sent = System.nanoTime();
        demo.destroy();
        assertThat(demo.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the demo exits").isTrue();
        return Duration.ofNanos(System.nanoTime() - sent);
    }
}
