package dev.taskpool.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code taskpool demo} as picocli runs it: options, help, exit status and a whole short run. */
class DemoCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new DemoCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void helpDescribesEveryOption() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString())
                .contains("Usage: demo")
                .contains("Runs a demo daemon")
                .containsPattern("--host=HOST\\s+Host or address the TCP control server binds\\s+\\(default:\\s+127\\.0\\.0\\.1")
                .containsPattern("--port=PORT\\s+TCP port of the control server")
                .containsPattern("--unix=PATH\\s+Also serve the control interface on a UNIX")
                .containsPattern("--metrics-port=PORT\\s+Serve the metrics of both pools and of the JVM")
                .containsPattern("--workers=N\\s+Workers to start with \\(default: 3\\)")
                .containsPattern("--items=N\\s+Work items in the queue; 0 runs endlessly, until\\s+Ctrl\\+C\\s+or\\s+SIGTERM")
                .containsPattern("--item-time=MIN\\[\\.\\.MAX]\\s+How long an item takes")
                .containsPattern("\\(default:\\s+20ms\\.\\.80ms\\)")
                .containsPattern("--token=TOKEN\\s+Secret that control clients must present")
                .containsPattern("--jmx-port=PORT\\s+Also\\s+open\\s+a\\s+JMX\\s+connector\\s+on\\s+127\\.0\\.0\\.1:PORT")
                .containsPattern("--grace=DURATION\\s+How\\s+long\\s+the\\s+shutdown\\s+on\\s+Ctrl\\+C\\s+or\\s+SIGTERM")
                .containsPattern("seconds\\s+\\(10,\\s+2\\.5\\)\\s+or\\s+with\\s+a\\s+unit\\s+\\(10s,\\s+500ms\\)\\s+\\(default:\\s+10\\s+s\\)")
                .containsPattern("-h, --help\\s+Show this help message and exit.");
    }

    @Test
    void runsUntilEveryItemIsDoneThenExitsWithZero() {
        int status = run("--port", "0", "--items", "12", "--workers", "4");

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("Taskpool demo: 12 work items, 4 workers to start with.")
                .containsPattern("Control server listening on 127\\.0\\.0\\.1:\\d+\n")
                .containsPattern("Connect with: \\./taskpool control tcp 127\\.0\\.0\\.1 \\d+\n")
                .contains("Shutting down: all items done.")
                .contains("Summary: 12 of 12 items done by ")
                .contains("as expected: each item counted once.");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void badNumbersAreUsageErrors() {
        assertThat(run("--workers", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--workers must be at least 0, got -1");
        assertThat(run("--items", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--items must be at least 0, got -1");
        assertThat(run("--port", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("--port must be at most 65535, got 70000");
        assertThat(run("--autoscale", "8:1")).isEqualTo(2);
        assertThat(err.toString()).contains("--autoscale needs MIN <= MAX, got 8:1");
        assertThat(run("--autoscale", "lots")).isEqualTo(2);
        assertThat(err.toString()).contains("--autoscale must be MIN:MAX, such as 1:8, got 'lots'");
        assertThat(run("--metrics-port", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--metrics-port must be at least 0, got -1");
        assertThat(run("--metrics-port", "65536")).isEqualTo(2);
        assertThat(err.toString()).contains("--metrics-port must be at most 65535, got 65536");
        assertThat(run("--jmx-port", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--jmx-port must be at least 0, got -1");
        assertThat(run("--jmx-port", "65536")).isEqualTo(2);
        assertThat(err.toString()).contains("--jmx-port must be at most 65535, got 65536");
    }

    @Test
    void itemTimesMustBeOneDurationOrAnOrderedPair() {
        assertThat(run("--item-time", "fast")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--item-time': 'fast' is not a duration");
        assertThat(run("--item-time", "2s..1s")).isEqualTo(2);
        assertThat(err.toString()).contains("--item-time needs MIN no longer than MAX, got '2s..1s'");
        assertThat(run("--item-time", "1..2..3")).isEqualTo(2);
        assertThat(err.toString()).contains("--item-time must be one duration or two as MIN..MAX, got '1..2..3'");
    }

    @Test
    void aGraceThatIsNoDurationIsAUsageErrorNamingTheFormsAllowed() {
        assertThat(run("--grace", "soon")).isEqualTo(2);

        assertThat(err.toString()).contains("Invalid value for option '--grace': "
                + "'soon' is not a duration; write seconds (10, 2.5) or add a unit (10s, 500ms)");
    }

    @Test
    void aTakenPortIsReportedWithStatusOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int status = run("--port", String.valueOf(taken.getLocalPort()));

            assertThat(status).isEqualTo(1);
            assertThat(err.toString()).startsWith("demo: cannot start the control server: java.net.BindException");
        }
    }

    @Test
    void aTakenJmxPortIsReportedWithStatusOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            int status = run("--port", "0", "--jmx-port", String.valueOf(port));

            assertThat(status).isEqualTo(1);
            assertThat(err.toString()).startsWith("demo: cannot open the JMX connector on 127.0.0.1:" + port
                    + ": java.net.BindException");
        }
    }

    @Test
    void aShortRunWithMetricsSaysWhereTheyAre() {
        int status = run("--port", "0", "--metrics-port", "0", "--items", "3", "--workers", "1");

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("Metrics \\(Prometheus\\) at http://127\\.0\\.0\\.1:\\d+/metrics\n");
    }

    @Test
    void aTakenMetricsPortIsReportedWithStatusOne() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int status = run("--port", "0", "--metrics-port", String.valueOf(taken.getLocalPort()));

            assertThat(status).isEqualTo(1);
            assertThat(err.toString()).startsWith("demo: cannot serve metrics on 127.0.0.1:" + taken.getLocalPort()
                    + ": java.net.BindException");
        }
    }

    @Test
    void aSharedQueueThatCannotBeReachedIsReportedWithStatusOne() {
        int status = run("--port", "0", "--queue", "jdbc:postgresql://127.0.0.1:1/none?user=x&connectTimeout=1");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).startsWith("demo: cannot open the work queue: ");
    }

    @Test
    void aNodeNameNeedsASharedQueue() {
        assertThat(run("--node", "a")).isEqualTo(2);
        assertThat(err.toString()).contains("--node needs --queue");
        assertThat(out.toString()).isEmpty();
    }
}
