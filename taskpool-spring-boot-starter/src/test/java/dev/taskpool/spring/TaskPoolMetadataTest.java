package dev.taskpool.spring;

import dev.taskpool.control.ControlServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The configuration metadata IDEs complete taskpool.* from, and the defaults it states. */
class TaskPoolMetadataTest {

    private static Map<String, JsonNode> properties() throws IOException {
        try (InputStream in = TaskPoolMetadataTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("META-INF/spring-configuration-metadata.json").isNotNull();
            Map<String, JsonNode> byName = new HashMap<>();
            JsonMapper.builder().build().readTree(in).get("properties")
                    .forEach(property -> byName.put(property.get("name").asString(), property));
            return byName;
        }
    }

    @Test
    void describesEveryProperty() throws IOException {
        Map<String, JsonNode> properties = properties();
        for (String name : new String[] {"taskpool.control.enabled", "taskpool.control.host", "taskpool.control.port",
                "taskpool.control.unix-socket", "taskpool.control.token", "taskpool.control.max-sessions",
                "taskpool.control.idle-timeout", "taskpool.shutdown.grace", "taskpool.pools"}) {
            assertThat(properties).containsKey(name);
            assertThat(properties.get(name).path("description").asString()).as(name).isNotBlank();
        }
    }

    @Test
    void statesTheDefaults() throws IOException {
        Map<String, JsonNode> properties = properties();
        assertThat(properties.get("taskpool.control.host").get("defaultValue").asString()).isEqualTo("127.0.0.1");
        assertThat(properties.get("taskpool.shutdown.grace").get("defaultValue").asString()).isEqualTo("10s");
    }

    @Test
    void controlDefaultsAreTheControlServersOwn() {
        TaskPoolProperties.Control control = new TaskPoolProperties().getControl();
        assertThat(control.getMaxSessions()).isEqualTo(ControlServer.Options.DEFAULT_MAX_SESSIONS);
        assertThat(control.getIdleTimeout()).isEqualTo(ControlServer.Options.DEFAULT_IDLE_TIMEOUT);
        assertThat(new TaskPoolProperties().getShutdown().getGrace()).isEqualTo(Duration.ofSeconds(10));
    }
}
