package dev.taskpool;

/**
 * The task asked to be cancelled has been cancelled before.
 */
public class AlreadyCancelledException extends TaskPoolException {

    public AlreadyCancelledException(String message) {
        super(message);
    }
}
