package dev.taskpool.queue.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The statements behind leases: claim, renew, complete, release. Each method is part of one
 * transaction that the caller commits. Leases are timed by the database's clock
 * ({@code now()}), so the clocks of the processes sharing a queue need not agree.
 */
final class LeaseSql {

    /** One claimed item. */
    record Claimed(long item, long token, int attempt) {
    }

    /** How a completion ended. */
    enum Completion {
        /** The result was recorded now. */
        RECORDED,
        /** An earlier attempt had recorded it already: its commit went through, its answer was lost. */
        RECORDED_BEFORE,
        /** The lease had been taken over: refused, and counted as late. */
        LATE
    }

    private static final String CLAIM = """
            WITH picked AS (
                SELECT id FROM taskpool_items
                WHERE done_at IS NULL AND (lease_expires IS NULL OR lease_expires <= now())
                ORDER BY id
                LIMIT ?
                FOR UPDATE SKIP LOCKED)
            UPDATE taskpool_items i
            SET lease_owner = ?, lease_token = nextval('taskpool_lease_tokens'),
                lease_expires = now() + make_interval(secs => ?), attempts = i.attempts + 1
            FROM picked WHERE i.id = picked.id
            RETURNING i.id, i.lease_token, i.attempts""";

    private static final String EXTEND = """
            UPDATE taskpool_items SET lease_expires = now() + make_interval(secs => ?)
            WHERE lease_token = ANY (?) AND done_at IS NULL
            RETURNING lease_token""";

    private static final String MARK_DONE = """
            UPDATE taskpool_items SET done_at = now(), lease_expires = NULL
            WHERE id = ? AND lease_token = ? AND done_at IS NULL""";

    private static final String RECORD = """
            INSERT INTO taskpool_results (item_id, node, worker, result, lease_token) VALUES (?, ?, ?, ?, ?)""";

    private static final String RECORDED_BY = "SELECT lease_token FROM taskpool_results WHERE item_id = ?";

    private static final String REFUSE = """
            INSERT INTO taskpool_late_completions (item_id, lease_token, node) VALUES (?, ?, ?)
            ON CONFLICT DO NOTHING""";

    private static final String RELEASE = """
            UPDATE taskpool_items SET lease_expires = NULL, lease_owner = NULL
            WHERE id = ? AND lease_token = ? AND done_at IS NULL""";

    private static final String ANYTHING_OPEN = "SELECT EXISTS (SELECT 1 FROM taskpool_items WHERE done_at IS NULL)";

    private LeaseSql() {
    }

    /**
     * Leases up to {@code limit} items nobody holds, lowest numbers first, skipping rows other
     * transactions have locked instead of waiting for them.
     */
    static List<Claimed> claim(Connection connection, String node, int limit, Duration lease) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            statement.setInt(1, limit);
            statement.setString(2, node);
            statement.setDouble(3, seconds(lease));
            List<Claimed> claimed = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    claimed.add(new Claimed(rows.getLong(1), rows.getLong(2), rows.getInt(3)));
                }
            }
            return claimed;
        }
    }

    /** Renews the leases with these tokens; returns the tokens still held (the others were taken over or done). */
    static Set<Long> extend(Connection connection, Collection<Long> tokens, Duration lease) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(EXTEND)) {
            statement.setDouble(1, seconds(lease));
            Array array = connection.createArrayOf("bigint", tokens.toArray());
            statement.setArray(2, array);
            Set<Long> held = new HashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    held.add(rows.getLong(1));
                }
            }
            return held;
        }
    }

    /**
     * Marks the item done and records its result, if the lease {@code token} still holds it;
     * otherwise records a late completion, once per lease. An item whose result this lease
     * recorded already (an earlier attempt committed, its answer was lost) is left as it is.
     */
    static Completion complete(Connection connection, long item, long token, String node, String worker, long result)
            throws SQLException {
        try (PreparedStatement done = connection.prepareStatement(MARK_DONE)) {
            done.setLong(1, item);
            done.setLong(2, token);
            if (done.executeUpdate() == 1) {
                try (PreparedStatement record = connection.prepareStatement(RECORD)) {
                    record.setLong(1, item);
                    record.setString(2, node);
                    record.setString(3, worker);
                    record.setLong(4, result);
                    record.setLong(5, token);
                    record.executeUpdate();
                }
                return Completion.RECORDED;
            }
        }
        try (PreparedStatement recordedBy = connection.prepareStatement(RECORDED_BY)) {
            recordedBy.setLong(1, item);
            try (ResultSet rows = recordedBy.executeQuery()) {
                if (rows.next() && rows.getLong(1) == token) {
                    return Completion.RECORDED_BEFORE;
                }
            }
        }
        try (PreparedStatement refuse = connection.prepareStatement(REFUSE)) {
            refuse.setLong(1, item);
            refuse.setLong(2, token);
            refuse.setString(3, node);
            refuse.executeUpdate();
        }
        return Completion.LATE;
    }

    /** Gives the item back to the queue at once, if the lease still holds it. */
    static boolean release(Connection connection, long item, long token) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RELEASE)) {
            statement.setLong(1, item);
            statement.setLong(2, token);
            return statement.executeUpdate() == 1;
        }
    }

    /** Whether any item is not done, leased or not. */
    static boolean anythingOpen(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ANYTHING_OPEN);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
