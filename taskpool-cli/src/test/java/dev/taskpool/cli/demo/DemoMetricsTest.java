package dev.taskpool.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The demo's {@code --metrics-port}: both pools and the JVM, in the Prometheus text format,
 * read over real HTTP while a control client steers the pools.
 */
class DemoMetricsTest {

    private final StringWriter output = new StringWriter();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private DemoDaemon daemon;

    @AfterEach
    void shutDown() {
        if (daemon != null) {
            daemon.shutdown("test over");
        }
        http.close();
    }

    /** An endless queue and no workers yet: every worker a test starts runs until the shutdown. */
    private DemoDaemon start(Integer metricsPort) throws IOException {
        DemoConfig config = new DemoConfig("127.0.0.1", 0, null, 0, 0, null,
                Duration.ofMillis(1), Duration.ofMillis(2), DemoConfig.Progress.OFF, Duration.ZERO, null)
                .withMetricsPort(metricsPort);
        daemon = DemoDaemon.start(config, new PrintWriter(output));
        return daemon;
    }

    private URI metricsUri() {
        return URI.create("http://127.0.0.1:" + daemon.metricsPort().orElseThrow() + "/metrics");
    }

    private String scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(metricsUri()).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(MetricsServer.CONTENT_TYPE);
        return response.body();
    }

    /** The value of the sample of {@code metric} for {@code pool}, as the text format writes it ({@code +Inf}...). */
    private static String sampleText(String scrape, String metric, String pool) {
        Matcher matcher = Pattern.compile("^" + Pattern.quote(metric) + "\\{pool=\"" + Pattern.quote(pool)
                + "\"} (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        assertThat(matcher.find()).as("a sample of %s for pool %s in:%n%s", metric, pool, scrape).isTrue();
        return matcher.group(1);
    }

    private static double sample(String scrape, String metric, String pool) {
        return Double.parseDouble(sampleText(scrape, metric, pool));
    }

    @Test
    void startingTwoWorkersThroughTheControlServerShowsInTheScrape() throws Exception {
        start(0);
        double before = sample(scrape(), "taskpool_tasks_started_total", "workers");

        try (ScriptClient client = ScriptClient.connect(daemon.port())) {
            client.value("start 2");
        }

        await("two more workers started, as /metrics shows").until(
                () -> sample(scrape(), "taskpool_tasks_started_total", "workers") == before + 2);
        String scrape = scrape();
        assertThat(sample(scrape, "taskpool_tasks_running", "workers")).isEqualTo(2);
        assertThat(sample(scrape, "taskpool_tasks_started_total", "jobs")).isZero();
        assertThat(sampleText(scrape, "taskpool_pool_size", "workers")).as("unbounded").isEqualTo("+Inf");
        assertThat(sample(scrape, "taskpool_pool_size", "jobs")).isEqualTo(DemoDaemon.JOBS_POOL_SIZE);
        assertThat(scrape).contains("taskpool_task_duration_seconds_count{outcome=\"completed\",pool=\"jobs\"} 0");
    }

    @Test
    void theJvmIsMeasuredBesideThePools() throws Exception {
        start(0);

        assertThat(scrape()).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads ", "jvm_gc_",
                "system_cpu_count ", "jvm_threads_virtual_pinned_seconds_count ");
    }

    @Test
    void theStartLineSaysWhereTheMetricsAre() throws Exception {
        start(0);

        assertThat(output.toString()).contains("Metrics (Prometheus) at http://127.0.0.1:"
                + daemon.metricsPort().orElseThrow() + "/metrics\n");
    }

    @Test
    void onlyGetAndHeadOfMetricsAreServed() throws Exception {
        start(0);
        URI other = metricsUri().resolve("/other");

        HttpResponse<String> notFound = http.send(HttpRequest.newBuilder(other).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(metricsUri())
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(metricsUri())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void theShutdownStopsServingAndUnbindsThePools() throws Exception {
        start(0);
        URI uri = metricsUri();
        DemoMetrics metrics = daemon.metrics();

        daemon.shutdown("test over");

        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
        assertThat(metrics.registry().find("taskpool.tasks.started").meters()).isEmpty();
        assertThat(metrics.registry().isClosed()).isTrue();
    }

    @Test
    void withoutAMetricsPortNothingIsServed() throws Exception {
        start(null);

        assertThat(daemon.metricsPort()).isEmpty();
        assertThat(output.toString()).doesNotContain("Metrics");
    }

    @Test
    void aTakenMetricsPortStopsTheStartAndClosesTheControlServer() throws Exception {
        int controlPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            controlPort = free.getLocalPort();
        }
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            DemoConfig config = new DemoConfig("127.0.0.1", controlPort, null, 0, 0, null,
                    Duration.ZERO, Duration.ZERO, DemoConfig.Progress.OFF, Duration.ZERO, null)
                    .withMetricsPort(taken.getLocalPort());

            assertThatThrownBy(() -> DemoDaemon.start(config, new PrintWriter(output)))
                    .isInstanceOf(DemoMetrics.MetricsPortException.class)
                    .hasMessageStartingWith("cannot serve metrics on 127.0.0.1:" + taken.getLocalPort()
                            + ": java.net.BindException");
        }
        try (ServerSocket again = new ServerSocket(controlPort, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).as("the control server's port, free again").isEqualTo(controlPort);
        }
    }
}
