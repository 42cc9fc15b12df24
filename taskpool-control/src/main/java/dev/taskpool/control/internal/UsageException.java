package dev.taskpool.control.internal;

/** A command line that does not fit its command: the client gets the usage line and this message. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message, null, false, false);
    }
}
