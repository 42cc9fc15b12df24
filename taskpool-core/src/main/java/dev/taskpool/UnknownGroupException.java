package dev.taskpool;

/**
 * No task group with the given name exists in the pool.
 */
public class UnknownGroupException extends TaskPoolException {

    public UnknownGroupException(String message) {
        super(message);
    }
}
