package dev.taskpool.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskpool.SimpleTaskPool;
import dev.taskpool.control.command.Audit;
import dev.taskpool.control.command.PoolInterpreter;
import dev.taskpool.control.command.Reply;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every command a client runs is audited with its connection (and so its peer), the pool,
 * the line and the outcome; only commands that may change a pool count as changes (the
 * default audit logs those at INFO, the rest at DEBUG).
 */
class AuditTest {

    record Entry(String connection, String pool, String line, boolean changes, String outcome) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final Audit recording = (connection, pool, line, changes, reply) ->
            entries.add(new Entry(connection, pool, line, changes, outcome(reply)));
    private final SimpleTaskPool workers = SimpleTaskPool.builder(() -> Thread.sleep(Long.MAX_VALUE))
            .name("workers").build();
    private final SimpleTaskPool spare = SimpleTaskPool.builder(() -> Thread.sleep(Long.MAX_VALUE))
            .name("spare").build();
    private ControlServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        workers.cancelAll();
        spare.cancelAll();
    }

    private static String outcome(Reply reply) {
        return reply.ok() ? "ok" : reply.errorType().wireName();
    }

    @Test
    void eachCommandIsRecordedWithItsPeerPoolLineAndOutcome() throws Exception {
        Map<String, SimpleTaskPool> pools = new LinkedHashMap<>();
        pools.put("workers", workers);
        pools.put("spare", spare);
        server = ControlServer.start(ControlEndpoint.loopback(0),
                new PoolInterpreter(pools, new FunctionRegistry(), recording), ControlServer.Options.defaults());
        try (PoolSession session = PoolSession.open(server.endpoint(), true)) {
            for (String line : List.of("start 2", "num-running", "pool-size", "pool-size 5", "lock", "start 1",
                    "bogus", "use spare", "stop-all", "tasks -o 1")) {
                session.send(line);
            }
        }

        assertThat(entries).extracting(Entry::pool, Entry::line, Entry::changes, Entry::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("workers", "start 2", true, "ok"),
                org.assertj.core.groups.Tuple.tuple("workers", "num-running", false, "ok"),
                org.assertj.core.groups.Tuple.tuple("workers", "pool-size", false, "ok"),
                org.assertj.core.groups.Tuple.tuple("workers", "pool-size 5", true, "ok"),
                org.assertj.core.groups.Tuple.tuple("workers", "lock", true, "ok"),
                org.assertj.core.groups.Tuple.tuple("workers", "start 1", true, "pool-is-locked"),
                org.assertj.core.groups.Tuple.tuple("workers", "bogus", false, "unknown-command"),
                org.assertj.core.groups.Tuple.tuple("workers", "use spare", false, "ok"),
                org.assertj.core.groups.Tuple.tuple("spare", "stop-all", true, "ok"),
                org.assertj.core.groups.Tuple.tuple("spare", "tasks -o 1", false, "ok"));
        // The connection names the server's endpoint and the client's address and port.
        assertThat(entries).extracting(Entry::connection).allSatisfy(connection ->
                assertThat(connection).matches("#\\d+ on " + java.util.regex.Pattern.quote(server.endpoint().toString())
                        + " from 127\\.0\\.0\\.1:\\d+"));
        assertThat(workers.poolSize()).isEqualTo(5);
    }
}
