package dev.taskpool.queue.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.taskpool.SimpleTaskPool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresQueueTest {

    private static final Duration POLL = Duration.ofMillis(20);

    private String url;
    private final List<PostgresQueue> queues = new ArrayList<>();

    @BeforeEach
    void freshDatabase(PostgresServer server) {
        url = server.createDatabase();
    }

    @AfterEach
    void closeQueues() {
        queues.forEach(PostgresQueue::close);
    }

    private PostgresQueue open(String node, QueueOptions options) {
        PostgresQueue queue = PostgresQueue.open(url, options.withNode(node).withPollInterval(Duration.ofMillis(20)));
        queues.add(queue);
        return queue;
    }

    private PostgresQueue open(String node) {
        return open(node, QueueOptions.defaults());
    }

    @Test
    void processesOpeningAtOnceCreateTheTablesOnce() throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<PostgresQueue>> opening = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String node = "node-" + i;
                opening.add(executor.submit(() -> open(node)));
            }
            for (Future<PostgresQueue> queue : opening) {
                assertThat(queue.get().status().total()).isZero();
            }
        }
    }

    @Test
    void seedingRefusesAQueueWithItemsUnlessToAppendOrReplace() {
        PostgresQueue queue = open("a");
        assertThat(queue.seed(5, SeedMode.IF_EMPTY)).isZero();
        assertThatThrownBy(() -> queue.seed(5, SeedMode.IF_EMPTY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has 5 items already");
        assertThat(queue.seed(3, SeedMode.APPEND)).isEqualTo(5);
        assertThat(queue.status().pending()).isEqualTo(8);
        assertThat(queue.seed(2, SeedMode.REPLACE)).isZero();
        assertThat(queue.status().pending()).isEqualTo(2);
    }

    @Test
    void aClaimLeasesABatchAndHandsItOutOneByOne() throws Exception {
        PostgresQueue queue = open("a", QueueOptions.defaults().withBatchSize(3));
        queue.seed(5, SeedMode.IF_EMPTY);
        Lease first = queue.take();
        assertThat(first.item()).isZero();
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(queue.status()).extracting(QueueStatus::pending, QueueStatus::leased).containsExactly(2L, 3L);
        assertThat(queue.take().item()).isEqualTo(1);
    }

    @Test
    void completingRecordsTheResultAndMarksTheItemDone() throws Exception {
        PostgresQueue queue = open("a", QueueOptions.defaults().withBatchSize(1));
        queue.seed(2, SeedMode.IF_EMPTY);
        Lease lease = queue.take();
        assertThat(lease.complete("worker-1", 42)).isTrue();
        assertThat(lease.release()).isFalse();
        assertThat(queue.status()).extracting(QueueStatus::pending, QueueStatus::leased, QueueStatus::done)
                .containsExactly(1L, 0L, 1L);
        assertThat(queue.status().nodes().get("a").done()).isEqualTo(1);
        assertThat(queryLong("SELECT result FROM taskpool_results WHERE item_id = 0")).isEqualTo(42);
        assertThatThrownBy(() -> lease.complete("worker-1", 43)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReleasedItemIsPendingAgainAtOnceAndClaimedAgain() throws Exception {
        PostgresQueue queue = open("a", QueueOptions.defaults().withBatchSize(1));
        queue.seed(1, SeedMode.IF_EMPTY);
        Lease lease = queue.take();
        assertThat(lease.release()).isTrue();
        assertThat(queue.status().pending()).isEqualTo(1);
        assertThat(queue.releasedCount()).isEqualTo(1);
        Lease again = queue.take();
        assertThat(again.item()).isZero();
        assertThat(again.attempt()).isEqualTo(2);
    }

    @Test
    void anExpiredLeaseGoesToAnotherNodeAndTheLateCompletionIsRefused() throws Exception {
        PostgresQueue a = open("a", QueueOptions.defaults().withBatchSize(1));
        PostgresQueue b = open("b", QueueOptions.defaults().withBatchSize(1));
        a.seed(1, SeedMode.IF_EMPTY);
        Lease stalled = a.take();
        // As if a's heartbeat had stalled for longer than the lease.
        execute("UPDATE taskpool_items SET lease_expires = now() - interval '1 second'");
        Lease takenOver = b.take();
        assertThat(takenOver.item()).isEqualTo(stalled.item());
        assertThat(takenOver.complete("b-worker", 2)).isTrue();

        assertThat(stalled.complete("a-worker", 1)).isFalse();

        QueueStatus status = a.status();
        assertThat(status).extracting(QueueStatus::done, QueueStatus::late, QueueStatus::duplicates)
                .containsExactly(1L, 1L, 0L);
        assertThat(a.lateCount()).isEqualTo(1);
        assertThat(queryLong("SELECT result FROM taskpool_results WHERE item_id = 0")).isEqualTo(2);
    }

    @Test
    void aSecondResultForAnItemBreaksTheUniqueConstraint() throws Exception {
        PostgresQueue queue = open("a", QueueOptions.defaults().withBatchSize(1));
        queue.seed(1, SeedMode.IF_EMPTY);
        queue.take().complete("w", 1);
        assertThatThrownBy(() -> execute(
                "INSERT INTO taskpool_results (item_id, node, worker, result, lease_token) VALUES (0, 'x', 'x', 2, 0)"))
                .isInstanceOf(SQLException.class).hasMessageContaining("taskpool_results_once");
    }

    @Test
    void theHeartbeatKeepsALeaseBeyondItsTimeWhileItsNodeLives() throws Exception {
        Duration lease = Duration.ofMillis(600);
        PostgresQueue a = open("a", QueueOptions.defaults().withLease(lease).withBatchSize(1));
        PostgresQueue b = open("b", QueueOptions.defaults().withLease(lease).withBatchSize(1));
        a.seed(1, SeedMode.IF_EMPTY);
        Lease held = a.take();
        CompletableFuture<Lease> other = CompletableFuture.supplyAsync(() -> {
            try {
                return b.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, Executors.newVirtualThreadPerTaskExecutor());
        await().pollInterval(POLL).during(lease.multipliedBy(4)).atMost(lease.multipliedBy(6))
                .until(() -> !other.isDone() && a.status().leased() == 1);
        assertThat(held.complete("a-worker", 7)).isTrue();
        assertThat(other.get()).as("b finds nothing left").isNull();
        assertThat(a.status().late()).isZero();
    }

    @Test
    void anInterruptedWorkerHandsItsItemBackAtOnce() throws Exception {
        PostgresQueue queue = open("a", QueueOptions.defaults().withLease(Duration.ofMinutes(5)).withBatchSize(1));
        queue.seed(3, SeedMode.IF_EMPTY);
        CountDownLatch working = new CountDownLatch(1);
        SimpleTaskPool workers = SimpleTaskPool.builder(queue.worker(item -> {
            working.countDown();
            Thread.sleep(Long.MAX_VALUE);
            return item;
        })).name("workers").build();
        workers.start(1);
        working.await();
        assertThat(queue.status().leased()).isEqualTo(1);

        workers.stopAll();
        workers.gatherAndClose(true);

        assertThat(queue.status()).extracting(QueueStatus::pending, QueueStatus::leased).containsExactly(3L, 0L);
        assertThat(queue.releasedCount()).isEqualTo(1);
    }

    @Test
    void workersOfTwoNodesShareTheItemsAndRecordEachResultOnce() throws Exception {
        int items = 300;
        PostgresQueue a = open("a");
        PostgresQueue b = open("b");
        a.seed(items, SeedMode.IF_EMPTY);
        ItemHandler work = item -> {
            Thread.sleep(1);
            return item * 3;
        };
        SimpleTaskPool onA = SimpleTaskPool.builder(a.worker(work)).name("a").build();
        SimpleTaskPool onB = SimpleTaskPool.builder(b.worker(work)).name("b").build();
        onA.start(4);
        onB.start(4);
        a.drained().get();
        b.drained().get();
        onA.gatherAndClose(true);
        onB.gatherAndClose(true);

        QueueStatus status = a.status();
        assertThat(status).extracting(QueueStatus::pending, QueueStatus::leased, QueueStatus::done,
                QueueStatus::duplicates).containsExactly(0L, 0L, (long) items, 0L);
        assertThat(status.nodes().get("a").done() + status.nodes().get("b").done()).isEqualTo(items);
        assertThat(a.recordedCount() + b.recordedCount()).isEqualTo(items);
        assertThat(queryLong("SELECT sum(result) FROM taskpool_results")).isEqualTo(3L * items * (items - 1) / 2);
    }

    @Test
    void aRegisteredNodeIsLiveWhileItRenewsAndDropsOutWhenItStops() {
        QueueOptions quick = QueueOptions.defaults().withNodeTimeout(Duration.ofMillis(900));
        PostgresQueue a = open("a", quick);
        PostgresQueue b = open("b", quick);
        a.register("tcp:127.0.0.1:1001");
        b.register("unix:/tmp/b.sock");
        await().pollInterval(POLL).during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> a.liveNodes().size() == 2);
        assertThat(a.liveNodes()).extracting(NodeEntry::name, NodeEntry::endpoint)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "tcp:127.0.0.1:1001"),
                        org.assertj.core.groups.Tuple.tuple("b", "unix:/tmp/b.sock"));

        b.abandon();
        await().pollInterval(POLL).atMost(Duration.ofSeconds(5))
                .until(() -> a.liveNodes().stream().map(NodeEntry::name).toList().equals(List.of("a")));
        assertThat(a.status().nodes().get("b").live()).isFalse();

        a.close();
        PostgresQueue observer = open("observer");
        assertThat(observer.status().nodes()).doesNotContainKey("a");
    }

    @Test
    void anUrlThatIsNotPostgresIsRefusedWithoutItsPassword() {
        assertThatThrownBy(() -> PostgresQueue.open("jdbc:mysql://h/db?password=secret", QueueOptions.defaults()))
                .isInstanceOf(QueueException.class).hasMessageContaining("not a PostgreSQL JDBC URL")
                .hasMessageNotContaining("secret");
    }

    @Test
    void aDatabaseThatCannotBeReachedIsSaidSo() {
        assertThatThrownBy(() -> PostgresQueue.open("jdbc:postgresql://127.0.0.1:1/x?user=x&connectTimeout=1",
                QueueOptions.defaults())).isInstanceOf(QueueException.class)
                .hasMessageStartingWith("cannot open the work queue:");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long queryLong(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
