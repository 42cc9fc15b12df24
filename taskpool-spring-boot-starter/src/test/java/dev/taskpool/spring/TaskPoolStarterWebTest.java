package dev.taskpool.spring;

import dev.taskpool.SimpleTaskPool;
import dev.taskpool.TaskPool;
import dev.taskpool.control.ControlClient;
import dev.taskpool.control.ControlServer;
import dev.taskpool.jmx.PoolMXBeans;
import dev.taskpool.micrometer.TaskPoolMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in a running web application: the taskpools endpoint over real HTTP, a real
 * control client on the configured port, MXBeans, meters and a pool size from properties.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "taskpool.control.enabled=true",
        "taskpool.control.port=0",
        "taskpool.pools.jobs.pool-size=3",
        "management.endpoints.web.exposure.include=taskpools",
        "spring.jmx.enabled=true",
        // The workers never end by themselves: without this, closing the context at the end of
        // the run would wait the whole default grace period for them.
        "taskpool.shutdown.grace=0s"})
class TaskPoolStarterWebTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

        @Bean
        BlockingQueue<Integer> queue() {
            return new LinkedBlockingQueue<>();
        }

        @Bean
        SimpleTaskPool workers(BlockingQueue<Integer> queue) {
            SimpleTaskPool workers = SimpleTaskPool.builder(() -> {
                while (true) {
                    queue.take();
                }
            }).name("workers").functionName("drain").poolSize(10).build();
            workers.start(2);
            return workers;
        }

        @Bean
        TaskPool jobs() {
            return TaskPool.builder().name("jobs").poolSize(20).build();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    SimpleTaskPool workers;
    @Autowired
    TaskPool jobs;
    @Autowired
    ControlServer controlServer;
    @Autowired
    MeterRegistry meterRegistry;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void restoreWorkers() {
        workers.unlock();
        workers.setPoolSize(10);
    }

    @Test
    void listsEveryPoolWithItsCountersByBeanName() throws Exception {
        HttpResponse<String> response = get("/actuator/taskpools");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode pools = JSON.readTree(response.body()).get("pools");
        assertThat(pools.propertyNames()).containsExactly("workers", "jobs");
        assertThat(pools.get("workers").get("pool").asString()).isEqualTo("workers");
        assertThat(pools.get("workers").get("running").asInt()).isEqualTo(2);
        assertThat(pools.get("workers").get("started").asLong()).isEqualTo(2);
        assertThat(pools.get("jobs").get("poolSize").asInt()).isEqualTo(3);
    }

    @Test
    void showsOnePoolWithItsGroups() throws Exception {
        HttpResponse<String> response = get("/actuator/taskpools/workers");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode pool = JSON.readTree(response.body());
        assertThat(pool.get("bean").asString()).isEqualTo("workers");
        assertThat(pool.get("type").asString()).isEqualTo("SimpleTaskPool");
        assertThat(pool.get("stats").get("running").asInt()).isEqualTo(2);
        JsonNode group = pool.get("groups").get(0);
        assertThat(group.get("function").asString()).isEqualTo("drain");
        assertThat(group.get("running").asInt()).isEqualTo(2);
    }

    @Test
    void unknownPoolIsNotFound() throws Exception {
        assertThat(get("/actuator/taskpools/nothing").statusCode()).isEqualTo(404);
        assertThat(post("/actuator/taskpools/nothing", "{\"poolSize\": 7}").statusCode()).isEqualTo(404);
    }

    @Test
    void postSetsThePoolSize() throws Exception {
        HttpResponse<String> response = post("/actuator/taskpools/workers", "{\"poolSize\": 7}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("stats").get("poolSize").asInt()).isEqualTo(7);
        assertThat(workers.poolSize()).isEqualTo(7);
    }

    @Test
    void postLocksAndUnlocksThePool() throws Exception {
        HttpResponse<String> locked = post("/actuator/taskpools/workers", "{\"locked\": true}");

        assertThat(locked.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(locked.body()).get("stats").get("locked").asBoolean()).isTrue();
        assertThat(workers.isLocked()).isTrue();

        assertThat(post("/actuator/taskpools/workers", "{\"locked\": false}").statusCode()).isEqualTo(200);
        assertThat(workers.isLocked()).isFalse();
    }

    @Test
    void postWithoutAChangeOrWithANegativeSizeIsABadRequest() throws Exception {
        assertThat(post("/actuator/taskpools/workers", "{}").statusCode()).isEqualTo(400);
        assertThat(post("/actuator/taskpools/workers", "{\"poolSize\": -1}").statusCode()).isEqualTo(400);
        assertThat(workers.poolSize()).isEqualTo(10);
    }

    @Test
    void controlClientReachesThePoolsOnTheConfiguredPort() throws Exception {
        try (ControlClient client = ControlClient.connect(controlServer.endpoint(), ControlClient.Options.defaults())) {
            assertThat(client.poolName()).isEqualTo("workers");
            assertThat(client.pools()).containsExactly("workers", "jobs");
            assertThat(client.send("num-running").output().strip()).isEqualTo("2");
            assertThat(client.send("use jobs").ok()).isTrue();
            assertThat(client.send("pool-size").output().strip()).isEqualTo("3");
        }
    }

    @Test
    void poolSizeFromPropertiesReplacesTheBuiltOne() {
        assertThat(jobs.poolSize()).isEqualTo(3);
    }

    @Test
    void poolsAreMXBeans() {
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(PoolMXBeans.objectName(workers))).isTrue();
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(PoolMXBeans.objectName(jobs))).isTrue();
    }

    @Test
    void poolsHaveMeters() {
        assertThat(meterRegistry.get(TaskPoolMetrics.RUNNING).tag(TaskPoolMetrics.POOL_TAG, "workers").gauge().value())
                .isEqualTo(2.0);
        assertThat(meterRegistry.get(TaskPoolMetrics.POOL_SIZE).tag(TaskPoolMetrics.POOL_TAG, "jobs").gauge().value())
                .isEqualTo(3.0);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
