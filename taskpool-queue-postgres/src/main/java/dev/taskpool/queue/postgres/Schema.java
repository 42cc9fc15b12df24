package dev.taskpool.queue.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The queue's tables, created on first use. Every statement is {@code IF NOT EXISTS}, and they
 * run in one transaction holding an advisory lock, so that processes starting at once against a
 * new database neither fail on each other's half-made tables nor see them half made.
 * {@code docs/queue-postgres.md} describes every column.
 */
final class Schema {

    /** The advisory lock key: "taskpool" in ASCII. */
    static final long LOCK_KEY = 0x7461736b706f6f6cL;

    static final String ITEMS = "taskpool_items";
    static final String RESULTS = "taskpool_results";
    static final String LATE = "taskpool_late_completions";
    static final String NODES = "taskpool_nodes";

    private static final List<String> STATEMENTS = List.of(
            """
            CREATE TABLE IF NOT EXISTS taskpool_items (
                id            bigint PRIMARY KEY,
                lease_owner   text,
                lease_token   bigint,
                lease_expires timestamptz,
                attempts      integer NOT NULL DEFAULT 0,
                done_at       timestamptz
            )""",
            "CREATE INDEX IF NOT EXISTS taskpool_items_open ON taskpool_items (id) WHERE done_at IS NULL",
            "CREATE SEQUENCE IF NOT EXISTS taskpool_lease_tokens",
            """
            CREATE TABLE IF NOT EXISTS taskpool_results (
                item_id     bigint NOT NULL REFERENCES taskpool_items (id) ON DELETE CASCADE,
                node        text NOT NULL,
                worker      text NOT NULL,
                result      bigint NOT NULL,
                lease_token bigint NOT NULL,
                recorded_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT taskpool_results_once UNIQUE (item_id)
            )""",
            """
            CREATE TABLE IF NOT EXISTS taskpool_late_completions (
                item_id     bigint NOT NULL REFERENCES taskpool_items (id) ON DELETE CASCADE,
                lease_token bigint NOT NULL,
                node        text NOT NULL,
                refused_at  timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (item_id, lease_token)
            )""",
            """
            CREATE TABLE IF NOT EXISTS taskpool_nodes (
                name        text PRIMARY KEY,
                endpoint    text NOT NULL,
                started_at  timestamptz NOT NULL,
                last_seen   timestamptz NOT NULL,
                stale_after interval NOT NULL
            )""");

    private Schema() {
    }

    /** Creates whatever is missing; the caller commits. */
    static Void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
            for (String sql : STATEMENTS) {
                statement.execute(sql);
            }
        }
        return null;
    }
}
