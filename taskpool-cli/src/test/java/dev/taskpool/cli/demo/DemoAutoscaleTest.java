package dev.taskpool.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.taskpool.control.ControlClient;
import dev.taskpool.control.ControlEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demo's {@code --autoscale}: its workers follow the queue, and {@code refill} gives them more. */
class DemoAutoscaleTest {

    private final StringWriter output = new StringWriter();
    private DemoDaemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.shutdown("test over");
        }
    }

    /** Items that take long enough that the workers are still at it while the test looks. */
    private DemoDaemon start(int items, DemoConfig.Autoscale autoscale) throws IOException {
        DemoConfig config = new DemoConfig("127.0.0.1", 0, null, 1, items, null,
                Duration.ofSeconds(5), Duration.ofSeconds(5), DemoConfig.Progress.OFF, Duration.ZERO, null)
                .withAutoscale(autoscale);
        daemon = DemoDaemon.start(config, new PrintWriter(output));
        return daemon;
    }

    @Test
    void theWorkersGrowToTheMaximumForABacklogAndTheStateSaysWhy() throws Exception {
        start(500, new DemoConfig.Autoscale(1, 4));

        await().until(() -> daemon.workers().numRunning() == 4);
        try (ControlClient client = ControlClient.connect(ControlEndpoint.loopback(daemon.port()),
                ControlClient.Options.defaults())) {
            Map<?, ?> state = (Map<?, ?>) client.send("autoscale").value();
            assertThat(state.get("on")).isEqualTo(true);
            assertThat(state.get("workers")).isEqualTo(4);
            assertThat(client.send("autoscale").output()).contains("backlog");
        }
        assertThat(output.toString()).contains("Autoscaling: 1 to 4 workers, one per 20 items waiting");
    }

    @Test
    void refillAddsItemsFromTheJobsPool() throws Exception {
        start(10, new DemoConfig.Autoscale(1, 2));
        try (ControlClient client = ControlClient.connect(ControlEndpoint.loopback(daemon.port()),
                ControlClient.Options.defaults())) {
            client.send("use jobs");
            assertThat(client.send("apply refill -a (100,)").ok()).isTrue();
        }

        await().until(() -> output.toString().contains("refill: added 100 items"));
        assertThat(daemon.queue().size()).isEqualTo(110);
    }

    @Test
    void itemsAddedBeforeTheLastIsDoneKeepTheQueueGoing() throws Exception {
        WorkQueue queue = new WorkQueue(1);
        WorkQueue.Claim first = queue.take();

        queue.add(1);
        first.complete("w", 0);

        assertThat(queue.allDone()).isNotDone();
        queue.take().complete("w", 0);
        assertThat(queue.allDone()).isDone();
        assertThat(queue.doneCount()).isEqualTo(2);
    }

    @Test
    void aFiniteQueueRefusesToGrowOnceItIsDone() {
        WorkQueue queue = new WorkQueue(0);

        assertThatThrownBy(() -> queue.add(5)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the queue is done: the demo is ending");
        assertThatThrownBy(() -> WorkQueue.endless().add(5)).isInstanceOf(IllegalStateException.class);
    }
}
