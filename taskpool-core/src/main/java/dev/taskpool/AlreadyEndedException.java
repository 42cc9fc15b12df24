package dev.taskpool;

/**
 * The task asked to be cancelled has already finished running.
 */
public class AlreadyEndedException extends TaskPoolException {

    public AlreadyEndedException(String message) {
        super(message);
    }
}
