package dev.taskpool.control.internal;

/** A request the server refuses on principle, such as naming a function that is not registered. */
final class RefusedException extends RuntimeException {

    RefusedException(String message) {
        super(message, null, false, false);
    }
}
