package dev.taskpool;

/**
 * A new task group was given the name of a group that already exists in the pool.
 */
public class DuplicateGroupException extends TaskPoolException {

    public DuplicateGroupException(String message) {
        super(message);
    }
}
