package dev.taskpool.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar, run as a person runs it ({@code java -jar target/taskpool.jar}) against a
 * server in this JVM. Runs in the integration-test phase, after the jar is built; skipped
 * when it is not there (say, from an IDE before {@code mvn package}).
 */
class ShadedJarIT {

    record Result(int status, String out, String err) {
    }

    @TempDir
    Path tempDir;

    private TestServer server;

    @BeforeAll
    static void theJarIsBuilt() {
        assumeTrue(TaskpoolJar.isBuilt(), "target/taskpool.jar is built by 'mvn package'");
    }

    @BeforeEach
    void startServer() throws IOException {
        server = TestServer.start(tempDir);
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    private Result run(String stdin, String... args) throws Exception {
        List<String> command = TaskpoolJar.command(tempDir, List.of(args));
        Path in = Files.writeString(tempDir.resolve("stdin.txt"), stdin);
        Path out = tempDir.resolve("stdout.txt");
        Path err = tempDir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("TASKPOOL_TOKEN");
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("taskpool did not finish within 60 s: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void reportsItsVersion() throws Exception {
        Result result = run("", "--version");

        assertThat(result.out()).startsWith("taskpool 0.1");
        assertThat(result.status()).isZero();
    }

    @Test
    void runsCommandsGivenWithDashCAgainstARealServer() throws Exception {
        Result result = run("", server.tcpArgs("-c", "start 2", "-c", "pool-size"));

        assertThat(result.out()).isEqualTo("start-group-0\ninf\n");
        assertThat(result.err()).isEmpty();
        assertThat(result.status()).isZero();
        // start returns at once, before the tasks of its group are running.
        await().until(() -> server.workers.numRunning() == 2);
    }

    @Test
    void runsCommandsFromAPipeAndReportsAFailureInItsStatus() throws Exception {
        Result result = run("pool-size\n\nstrat 2\nuse jobs\n", server.unixArgs());

        assertThat(result.out()).startsWith("inf\n" + "usage: [-h] [command] ...\n: error: argument command: invalid choice: 'strat' (choose from ").endsWith("'use')\nnow using jobs\n");
        assertThat(result.err()).isEmpty();
        assertThat(result.status()).isEqualTo(1);
    }

    @Test
    void aFailedConnectionIsOneLineOnStderrAndStatusTwo() throws Exception {
        int port = server.port();
        server.stopServing();

        Result result = run("", "control", "tcp", "127.0.0.1", String.valueOf(port), "-c", "stats");

        assertThat(result.err()).isEqualTo("taskpool: connection refused: nothing listens on 127.0.0.1:" + port + "\n");
        assertThat(result.out()).isEmpty();
        assertThat(result.status()).isEqualTo(2);
    }

    @Test
    void theJarCarriesAQuietLoggingBackendAndATerminalProviderThatNeedsNoFlags() throws Exception {
        try (ZipFile jar = new ZipFile(TaskpoolJar.PATH.toFile())) {
            assertThat(jar.getEntry("META-INF/services/org.slf4j.spi.SLF4JServiceProvider")).isNotNull();
            Properties logging = new Properties();
            logging.load(jar.getInputStream(jar.getEntry("simplelogger.properties")));
            assertThat(logging.getProperty("org.slf4j.simpleLogger.defaultLogLevel")).isEqualTo("warn");
            assertThat(jar.getEntry("META-INF/services/org/jline/terminal/provider/jni")).isNotNull();
            assertThat(jar.getEntry("org/jline/nativ/Linux/x86_64/libjlinenative.so")).isNotNull();
            String manifest = new String(jar.getInputStream(jar.getEntry("META-INF/MANIFEST.MF")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(manifest).contains("Main-Class: dev.taskpool.cli.Main", "Enable-Native-Access: ALL-UNNAMED");
        }
    }
}
