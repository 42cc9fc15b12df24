package dev.taskpool.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskpool.Autoscaler;
import dev.taskpool.SimpleTaskPool;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code autoscale}: an operator reads and steers a pool's autoscaler from a control client. */
class AutoscaleControlTest {

    private final SimpleTaskPool workers = SimpleTaskPool.builder(() -> Thread.sleep(Long.MAX_VALUE))
            .name("workers").build();
    private final SimpleTaskPool plain = SimpleTaskPool.builder(() -> Thread.sleep(Long.MAX_VALUE))
            .name("plain").build();
    private final AtomicLong backlog = new AtomicLong();
    private ControlServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        workers.cancelAll();
        plain.cancelAll();
    }

    private PoolSession session(boolean framed) throws Exception {
        Autoscaler.builder(workers).limits(1, 8).backlog(backlog::get, 10).build();
        server = ControlServer.forPools(workers, plain).start(ControlEndpoint.loopback(0));
        return PoolSession.open(server.endpoint(), framed);
    }

    @Test
    void autoscaleShowsTheStateAndSwitchesAndLimitsChangeIt() throws Exception {
        try (PoolSession session = session(false)) {
            assertThat(session.send("autoscale").output()).startsWith(
                    "autoscaler: on, 1 to 8 workers, following backlog, 10 items per worker\nworkers: 0;");

            assertThat(session.send("autoscale off").output()).startsWith("autoscaler: off, 1 to 8 workers")
                    .contains("switched off");
            assertThat(session.send("autoscale --min 2 --max 5").output()).startsWith("autoscaler: off, 2 to 5 workers")
                    .contains("limits changed from 1..8 to 2..5");
            assertThat(session.send("autoscale on --max 6").output()).startsWith("autoscaler: on, 2 to 6 workers");
        }
    }

    @Test
    void theStateIsAnObjectInFramedMode() throws Exception {
        try (PoolSession session = session(true)) {
            PoolSession.Answer answer = session.send("autoscale off -m 3");

            assertThat(answer.ok()).isTrue();
            assertThat(answer.value()).isInstanceOf(Map.class);
            Map<?, ?> state = (Map<?, ?>) answer.value();
            assertThat(state.get("on")).isEqualTo(false);
            assertThat(state.get("min")).isEqualTo(3);
            assertThat(state.get("max")).isEqualTo(8);
            assertThat(state.keySet().stream().map(Object::toString).toList()).contains("signal", "workers", "wanted", "scale_ups", "scale_downs", "decisions");
        }
    }

    @Test
    void aWrongSwitchIsAUsageErrorAndAPoolWithoutAutoscalerSaysSo() throws Exception {
        try (PoolSession session = session(true)) {
            PoolSession.Answer wrong = session.send("autoscale maybe");
            assertThat(wrong.errorType()).isEqualTo("usage");
            assertThat(wrong.output()).contains("argument state: invalid choice: 'maybe' (choose from 'on', 'off')");

            PoolSession.Answer inverted = session.send("autoscale --min 9");
            assertThat(inverted.errorType()).isEqualTo("invalid-argument");

            session.send("use plain");
            PoolSession.Answer none = session.send("autoscale");
            assertThat(none.errorType()).isEqualTo("invalid-state");
            assertThat(none.output()).isEqualTo("plain has no autoscaler; a program gives it one with Autoscaler.builder(pool)");
        }
    }
}
