package dev.taskpool.example.service;

import dev.taskpool.SimpleTaskPool;
import dev.taskpool.control.ControlClient;
import dev.taskpool.control.ControlServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The service starts, its workers drain the queue, and it shows them where it says it does. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "taskpool.control.port=0", "spring.jmx.enabled=false", "spring.main.banner-mode=off",
        "logging.level.root=warn"})
class ServiceApplicationTest {

    @LocalServerPort
    int port;
    @Autowired
    SimpleTaskPool workers;
    @Autowired
    WorkQueue queue;
    @Autowired
    ControlServer controlServer;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void workersDrainTheQueue() {
        assertThat(workers.poolSize()).isEqualTo(8);
        await().atMost(Duration.ofSeconds(30)).until(() -> queue.processed() > 0);
    }

    @Test
    void showsThePoolsHealthAndMetricsOverHttp() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> queue.processed() > 0);

        assertThat(get("/actuator/health").body()).contains("\"UP\"");
        assertThat(get("/actuator/taskpools").body()).contains("\"workers\"");
        assertThat(get("/actuator/prometheus").body())
                .contains("taskpool_tasks_running{pool=\"workers\"}")
                .contains("service_items_processed_total")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void controlServerControlsTheWorkers() throws Exception {
        try (ControlClient client = ControlClient.connect(controlServer.endpoint(), ControlClient.Options.defaults())) {
            assertThat(client.poolName()).isEqualTo("workers");
            assertThat(client.send("pool-size").output().strip()).isEqualTo("8");
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response;
    }
}
