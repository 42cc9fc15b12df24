package dev.taskpool;

/**
 * A start was refused because the pool is locked (see {@link BaseTaskPool#lock()}). Tasks already running or queued are not affected.
 */
public class PoolIsLockedException extends TaskPoolException {

    public PoolIsLockedException(String message) {
        super(message);
    }
}
