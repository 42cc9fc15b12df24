package dev.taskpool.queue.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskpool.SimpleTaskPool;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database goes away in the middle of the work and comes back: the workers of two nodes
 * wait, the outage is reported once per node however many attempts fail, and they finish the
 * work with every item done once. A server of its own, since it is stopped.
 */
class DatabaseOutageTest {

    private static final int ITEMS = 400;
    private static final Duration POLL = Duration.ofMillis(20);

    private PostgresServer server;

    @BeforeEach
    void startServer() throws Exception {
        Path bin = PostgresServer.binaries().orElse(null);
        Assumptions.assumeTrue(bin != null, "PostgreSQL's binaries were not found: install PostgreSQL to run this test");
        server = PostgresServer.start(bin);
    }

    @AfterEach
    void removeServer() {
        if (server != null) {
            server.close();
        }
    }

    /** What one node's listener heard. */
    private static final class Heard implements ConnectionListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile int failedAttempts;

        @Override
        public void lost(SQLException cause) {
            events.add("lost");
        }

        @Override
        public void restored(Duration outage, int failedAttempts) {
            this.failedAttempts = failedAttempts;
            events.add("restored");
        }
    }

    @Test
    void workersWaitForTheDatabaseAndFinishWithEveryItemDoneOnce() throws Exception {
        String url = server.createDatabase();
        Heard heardByA = new Heard();
        Heard heardByB = new Heard();
        // Leases longer than the outage would make no difference: shorter ones let items change hands.
        QueueOptions options = QueueOptions.defaults().withLease(Duration.ofSeconds(1))
                .withMaxBackoff(Duration.ofMillis(300)).withPollInterval(Duration.ofMillis(20));
        AtomicLong processed = new AtomicLong();
        ItemHandler work = item -> {
            Thread.sleep(2);
            processed.incrementAndGet();
            return item + 1;
        };
        try (PostgresQueue a = PostgresQueue.open(url, options.withNode("a").withListener(heardByA));
             PostgresQueue b = PostgresQueue.open(url, options.withNode("b").withListener(heardByB))) {
            a.seed(ITEMS, SeedMode.IF_EMPTY);
            SimpleTaskPool onA = SimpleTaskPool.builder(a.worker(work)).name("a").build();
            SimpleTaskPool onB = SimpleTaskPool.builder(b.worker(work)).name("b").build();
            onA.start(3);
            onB.start(3);
            await().pollInterval(POLL).until(() -> a.recordedCount() + b.recordedCount() >= ITEMS / 4);

            server.stop();
            await().pollInterval(POLL).until(() -> heardByA.events.contains("lost") && heardByB.events.contains("lost"));
            long recordedDuringOutage = a.recordedCount() + b.recordedCount();
            // The workers keep trying for a while: more than a few attempts each, not one log line each.
            await().pollInterval(POLL).during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                    .until(() -> a.recordedCount() + b.recordedCount() == recordedDuringOutage);
            server.start();

            a.drained().get();
            b.drained().get();
            onA.gatherAndClose(true);
            onB.gatherAndClose(true);

            assertThat(heardByA.events).containsExactly("lost", "restored");
            assertThat(heardByB.events).containsExactly("lost", "restored");
            assertThat(heardByA.failedAttempts + heardByB.failedAttempts).isGreaterThan(4);
            QueueStatus status = a.status();
            assertThat(status).extracting(QueueStatus::pending, QueueStatus::leased, QueueStatus::done,
                    QueueStatus::duplicates).containsExactly(0L, 0L, (long) ITEMS, 0L);
            assertThat(status.nodes().get("a").done() + status.nodes().get("b").done()).isEqualTo(ITEMS);
            assertThat(processed.get()).as("items processed, some twice after their lease ran out")
                    .isGreaterThanOrEqualTo(ITEMS);
        }
    }
}
