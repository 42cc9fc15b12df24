package dev.taskpool.queue.postgres;

import java.time.Instant;
import java.util.Objects;

/**
 * A process registered with a queue and still renewing its registration.
 *
 * @param name     the node's name
 * @param endpoint where its control server listens: {@code tcp:HOST:PORT} or {@code unix:PATH}
 * @param lastSeen when it last renewed its registration, by the database's clock
 */
public record NodeEntry(String name, String endpoint, Instant lastSeen) {
    public NodeEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }
}
