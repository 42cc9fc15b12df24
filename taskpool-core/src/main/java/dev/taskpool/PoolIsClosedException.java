package dev.taskpool;

/**
 * A start was refused because the pool has been closed by {@link BaseTaskPool#gatherAndClose()}; a closed pool never reopens.
 */
public class PoolIsClosedException extends TaskPoolException {

    public PoolIsClosedException(String message) {
        super(message);
    }
}
