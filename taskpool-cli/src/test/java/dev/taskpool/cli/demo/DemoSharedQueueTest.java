package dev.taskpool.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskpool.cli.CliEnvironment;
import dev.taskpool.cli.Main;
import dev.taskpool.cli.Terminals;
import dev.taskpool.queue.postgres.PostgresExtension;
import dev.taskpool.queue.postgres.PostgresQueue;
import dev.taskpool.queue.postgres.PostgresServer;
import dev.taskpool.queue.postgres.QueueOptions;
import dev.taskpool.queue.postgres.QueueStatus;
import dev.taskpool.queue.postgres.SeedMode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Demos sharing a work queue in a real PostgreSQL ({@code --queue}): they split the items, a
 * demo killed mid-work loses none of them, since its leases run out and another demo takes its
 * items over, and {@code control fleet} reaches every live demo through the database.
 */
@ExtendWith(PostgresExtension.class)
class DemoSharedQueueTest {

    private static final int ITEMS = 300;
    private static final Duration LEASE = Duration.ofMillis(800);
    private static final Duration POLL = Duration.ofMillis(20);

    @TempDir
    Path home;

    private String url;
    private final List<DemoDaemon> daemons = new ArrayList<>();
    private final StringWriter output = new StringWriter();

    @BeforeEach
    void freshDatabase(PostgresServer server) {
        url = server.createDatabase();
    }

    @AfterEach
    void stopDaemons() {
        daemons.forEach(daemon -> daemon.shutdown("test over"));
    }

    private DemoDaemon start(String node, int workers, ItemProcessor processor) throws IOException {
        DemoConfig config = new DemoConfig("127.0.0.1", 0, null, workers, 0, null, Duration.ZERO, Duration.ZERO,
                DemoConfig.Progress.OFF, Duration.ZERO, null)
                .withSharedQueue(new DemoConfig.SharedQueue(url, node, LEASE));
        DemoDaemon daemon = DemoDaemon.startBesideAnother(config, processor, new PrintWriter(output, true));
        daemons.add(daemon);
        return daemon;
    }

    private QueueStatus status() {
        try (PostgresQueue queue = PostgresQueue.open(url, QueueOptions.defaults().withNode("observer"))) {
            return queue.status();
        }
    }

    private void seed(int items) {
        try (PostgresQueue queue = PostgresQueue.open(url, QueueOptions.defaults().withNode("seeder"))) {
            queue.seed(items, SeedMode.IF_EMPTY);
        }
    }

    @Test
    void twoDemosShareTheItemsAndWhenOneIsKilledTheOtherFinishesItsWorkWithEachItemDoneOnce() throws Exception {
        seed(ITEMS);
        AtomicIntegerArray finished = new AtomicIntegerArray(ITEMS);
        ItemProcessor work = item -> {
            Thread.sleep(5 + item % 10);
            finished.incrementAndGet((int) item);
            return SimulatedWork.result(item);
        };
        DemoDaemon a = start("a", 3, work);
        DemoDaemon b = start("b", 3, work);
        await().pollInterval(POLL).until(() -> a.sharedQueue().doneCount() >= 30 && b.sharedQueue().doneCount() >= 30);

        a.halt();
        QueueStatus justAfter = status();
        assertThat(justAfter.leased()).as("items a held when it was killed, leased until their leases run out")
                .isPositive();

        assertThat(b.awaitEnd(Duration.ofSeconds(60))).as("b finds no item left").isTrue();
        DemoDaemon.Summary summaryOfB = b.shutdown("all items done");

        QueueStatus status = status();
        assertThat(status).extracting(QueueStatus::pending, QueueStatus::leased, QueueStatus::done,
                QueueStatus::duplicates).containsExactly(0L, 0L, (long) ITEMS, 0L);
        long doneByA = status.nodes().get("a").done();
        long doneByB = status.nodes().get("b").done();
        assertThat(doneByA + doneByB).isEqualTo(ITEMS);
        assertThat(doneByA).isEqualTo(a.sharedQueue().doneCount());
        assertThat(summaryOfB.done()).isEqualTo(doneByB);
        assertThat(a.sharedQueue().resultSum() + b.sharedQueue().resultSum())
                .as("the checksum of all results, each counted once").isEqualTo(SimulatedWork.expectedSum(ITEMS));
        for (int item = 0; item < ITEMS; item++) {
            assertThat(finished.get(item)).as("times item %d was finished", item).isBetween(1, 2);
        }
        assertThat(status.nodes().get("a").live()).as("a's registration after its kill").isTrue();
        assertThat(status.nodes().get("b")).as("b, stopped gracefully").extracting(QueueStatus.Node::endpoint,
                QueueStatus.Node::live).containsExactly(null, false);
    }

    @Test
    void controlFleetAsksEveryLiveDemoAndReportsADeadTargetWithStatusTwo() throws Exception {
        DemoDaemon a = start("demo-a", 0, item -> item);
        DemoDaemon b = start("demo-b", 0, item -> item);
        int dead;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = socket.getLocalPort();
        }
        String deadTarget = "tcp:127.0.0.1:" + dead;

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"control", "fleet", url, "--target", deadTarget,
                "-c", "pool-size 2", "-c", "pool-size"}, new CliEnvironment(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(), home, Terminals.none()));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                > pool-size 2
                demo-a: ok
                demo-b: ok
                %1$s: no answer: connection refused: nothing listens on 127.0.0.1:%2$d
                > pool-size
                demo-a: 2
                demo-b: 2
                %1$s: no answer: connection refused: nothing listens on 127.0.0.1:%2$d
                """.formatted(deadTarget, dead));
        assertThat(status).isEqualTo(2);
        assertThat(a.workers().poolSize()).isEqualTo(2);
        assertThat(b.workers().poolSize()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void eachDemoRegistersItsControlServerAndAGracefulStopRemovesIt() throws Exception {
        DemoDaemon a = start("demo-a", 0, item -> item);
        assertThat(status().nodes().get("demo-a").endpoint()).isEqualTo("tcp:127.0.0.1:" + a.port());
        assertThat(output.toString()).contains("work items in a queue shared with other demos, as node demo-a");

        a.shutdown("test over");

        assertThat(status().nodes()).doesNotContainKey("demo-a");
    }

    @Test
    void refillAppendsToTheSharedQueueWhoseBacklogIsItsPendingItems() throws Exception {
        seed(10);
        DemoDaemon a = start("demo-a", 0, item -> item);

        assertThat(DemoJobs.refill(100)).isEqualTo("refill: added 100 items; 110 waiting");

        assertThat(status().pending()).isEqualTo(110);
        assertThat(a.sharedQueue().size()).isEqualTo(110);
    }
}
