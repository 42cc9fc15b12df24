package dev.taskpool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.taskpool.queue.postgres.Lease;
import dev.taskpool.queue.postgres.PostgresExtension;
import dev.taskpool.queue.postgres.PostgresQueue;
import dev.taskpool.queue.postgres.PostgresServer;
import dev.taskpool.queue.postgres.QueueOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code taskpool queue seed} and {@code taskpool queue status} against a throwaway PostgreSQL. */
@ExtendWith(PostgresExtension.class)
class QueueCommandTest {

    @TempDir
    Path home;

    private String url;

    @BeforeEach
    void freshDatabase(PostgresServer server) {
        url = server.createDatabase();
    }

    private CliRun.Result run(String... args) {
        return CliRun.run("", Map.of(), home, args);
    }

    @Test
    void seedFillsAnEmptyQueue() {
        CliRun.Result seeded = run("queue", "seed", url, "--items", "100");

        assertThat(seeded.status()).isZero();
        assertThat(seeded.out()).isEqualTo("Added 100 items, numbered 0 to 99; 100 pending.\n");
    }

    @Test
    void seedRefusesAQueueWithItemsUnlessToldToAppend() {
        run("queue", "seed", url, "--items", "10");

        CliRun.Result refused = run("queue", "seed", url, "--items", "5");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("taskpool: the queue has 10 items already; "
                + "append to it or replace them, or use another database\n");

        CliRun.Result appended = run("queue", "seed", url, "--items", "5", "--append");
        assertThat(appended.status()).isZero();
        assertThat(appended.out()).isEqualTo("Added 5 items, numbered 10 to 14; 15 pending.\n");
    }

    @Test
    void seedTakesAppendOrReplaceNotBoth() {
        CliRun.Result both = run("queue", "seed", url, "--items", "5", "--append", "--replace");
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }

    @Test
    void statusCountsItemsLateCompletionsDuplicatesAndTheWorkOfEachNode() throws Exception {
        run("queue", "seed", url, "--items", "4");
        try (PostgresQueue a = PostgresQueue.open(url, QueueOptions.defaults().withNode("node-a").withBatchSize(1))) {
            a.register("tcp:127.0.0.1:9999");
            a.take().complete("w", 1);
            Lease held = a.take();

            CliRun.Result json = run("queue", "status", url, "--json");
            assertThat(json.status()).isZero();
            assertThat(JSON.std.mapFrom(json.out())).isEqualTo(Map.of("pending", 2, "leased", 1, "done", 1, "late", 0,
                    "duplicates", 0, "nodes", Map.of("node-a", Map.of("done", 1, "live", true,
                            "endpoint", "tcp:127.0.0.1:9999"))));
            assertThat(json.out()).startsWith("{\"pending\":2,\"leased\":1,\"done\":1,\"late\":0,\"duplicates\":0,");

            CliRun.Result table = run("queue", "status", url);
            assertThat(table.out()).isEqualTo("""
                    pending     2
                    leased      1
                    done        1
                    late        0
                    duplicates  0

                    NODE      DONE  LIVE  ENDPOINT
                    node-a       1  yes   tcp:127.0.0.1:9999
                    """);
            held.release();
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedIsOneLineAndStatusOne() {
        CliRun.Result failed = run("queue", "status", "jdbc:postgresql://127.0.0.1:1/none?user=x&connectTimeout=1");

        assertThat(failed.status()).isEqualTo(1);
        assertThat(failed.err()).startsWith("taskpool: cannot open the work queue: ").hasLineCount(1);
        assertThat(failed.out()).isEmpty();
    }

    @Test
    void aUrlThatIsNotPostgresIsSaidSo() {
        CliRun.Result failed = run("queue", "status", "postgres://127.0.0.1/x");

        assertThat(failed.status()).isEqualTo(1);
        assertThat(failed.err()).startsWith("taskpool: not a PostgreSQL JDBC URL");
    }
}
