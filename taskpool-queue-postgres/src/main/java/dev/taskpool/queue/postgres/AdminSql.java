package dev.taskpool.queue.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The statements of seeding, status and the nodes table; each part of a transaction the caller commits. */
final class AdminSql {

    private static final String COUNTS = """
            SELECT count(*) FILTER (WHERE done_at IS NULL AND (lease_expires IS NULL OR lease_expires <= now())),
                   count(*) FILTER (WHERE done_at IS NULL AND lease_expires > now()),
                   count(*) FILTER (WHERE done_at IS NOT NULL),
                   (SELECT count(*) FROM taskpool_late_completions),
                   (SELECT count(*) FROM (SELECT item_id FROM taskpool_results
                                          GROUP BY item_id HAVING count(*) > 1) AS twice)
            FROM taskpool_items""";

    private static final String DONE_BY_NODE = "SELECT node, count(*) FROM taskpool_results GROUP BY node";

    private static final String NODES = "SELECT name, endpoint, last_seen, last_seen + stale_after > now() FROM taskpool_nodes";

    private static final String LIVE_NODES = """
            SELECT name, endpoint, last_seen FROM taskpool_nodes
            WHERE last_seen + stale_after > now() ORDER BY name""";

    private static final String REGISTER = """
            INSERT INTO taskpool_nodes (name, endpoint, started_at, last_seen, stale_after)
            VALUES (?, ?, now(), now(), make_interval(secs => ?))
            ON CONFLICT (name) DO UPDATE SET endpoint = excluded.endpoint, started_at = now(),
                last_seen = now(), stale_after = excluded.stale_after""";

    private static final String RENEW = "UPDATE taskpool_nodes SET last_seen = now() WHERE name = ?";

    private static final String DEREGISTER = "DELETE FROM taskpool_nodes WHERE name = ?";

    private AdminSql() {
    }

    /** Adds {@code items} items; returns the number of the first. */
    static long seed(Connection connection, long items, SeedMode mode) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // Two seeds at once must not both find the queue empty.
            statement.execute("LOCK TABLE taskpool_items IN EXCLUSIVE MODE");
            if (mode == SeedMode.REPLACE) {
                statement.execute("TRUNCATE taskpool_late_completions, taskpool_results, taskpool_items");
            }
            long existing;
            long next;
            try (ResultSet rows = statement.executeQuery("SELECT count(*), coalesce(max(id) + 1, 0) FROM taskpool_items")) {
                rows.next();
                existing = rows.getLong(1);
                next = rows.getLong(2);
            }
            if (existing > 0 && mode == SeedMode.IF_EMPTY) {
                throw new IllegalStateException("the queue has " + existing + " items already; "
                        + "append to it or replace them, or use another database");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO taskpool_items (id) SELECT g FROM generate_series(?::bigint, ?::bigint) AS g")) {
                insert.setLong(1, next);
                insert.setLong(2, next + items - 1);
                insert.executeUpdate();
            }
            return next;
        }
    }

    static QueueStatus status(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // One snapshot for all the counts.
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
            long pending;
            long leased;
            long done;
            long late;
            long duplicates;
            try (ResultSet rows = statement.executeQuery(COUNTS)) {
                rows.next();
                pending = rows.getLong(1);
                leased = rows.getLong(2);
                done = rows.getLong(3);
                late = rows.getLong(4);
                duplicates = rows.getLong(5);
            }
            Map<String, Long> doneByNode = new TreeMap<>();
            try (ResultSet rows = statement.executeQuery(DONE_BY_NODE)) {
                while (rows.next()) {
                    doneByNode.put(rows.getString(1), rows.getLong(2));
                }
            }
            Map<String, QueueStatus.Node> nodes = new TreeMap<>();
            doneByNode.forEach((name, count) -> nodes.put(name, new QueueStatus.Node(name, count, null, false)));
            try (ResultSet rows = statement.executeQuery(NODES)) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    nodes.put(name, new QueueStatus.Node(name, doneByNode.getOrDefault(name, 0L), rows.getString(2),
                            rows.getBoolean(4)));
                }
            }
            return new QueueStatus(pending, leased, done, late, duplicates, nodes);
        }
    }

    static Void register(Connection connection, String node, String endpoint, Duration timeout) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(REGISTER)) {
            statement.setString(1, node);
            statement.setString(2, endpoint);
            statement.setDouble(3, LeaseSql.seconds(timeout));
            statement.executeUpdate();
        }
        return null;
    }

    /** Renews the node's registration; false if it has none (it was removed meanwhile). */
    static boolean renew(Connection connection, String node) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RENEW)) {
            statement.setString(1, node);
            return statement.executeUpdate() == 1;
        }
    }

    static Void deregister(Connection connection, String node) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(DEREGISTER)) {
            statement.setString(1, node);
            statement.executeUpdate();
        }
        return null;
    }

    static List<NodeEntry> liveNodes(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LIVE_NODES);
             ResultSet rows = statement.executeQuery()) {
            List<NodeEntry> nodes = new ArrayList<>();
            while (rows.next()) {
                nodes.add(new NodeEntry(rows.getString(1), rows.getString(2), rows.getTimestamp(3).toInstant()));
            }
            return nodes;
        }
    }
}
