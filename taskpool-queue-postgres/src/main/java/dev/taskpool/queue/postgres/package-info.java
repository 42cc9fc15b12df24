/**
 * A durable work queue in PostgreSQL that pools of workers, in any number of processes on any
 * number of machines, drain together: {@link dev.taskpool.queue.postgres.PostgresQueue}.
 * Workers claim items with a lease ({@code SELECT ... FOR UPDATE SKIP LOCKED}), extend it while
 * they work, and record each item's result in the same transaction that marks it done; an item
 * whose lease runs out, because its process died, goes back to the queue, and a result that
 * arrives after its item was taken over is refused and counted. So every item's result is
 * recorded exactly once. The tables, and what each guarantee rests on, are described in
 * {@code docs/queue-postgres.md}.
 */
package dev.taskpool.queue.postgres;
