package dev.taskpool.control.command;

import dev.taskpool.control.ErrorType;
/**
 * A command line that cannot run as written. Its message is the whole reply, framed as
 * argparse frames an error: the usage line, {@code <command>: error: <what was wrong>} and a
 * newline.
 */
final class UsageException extends RuntimeException {

    private final ErrorType errorType;

    /**
     * @param reply     the complete reply text
     * @param errorType its kind: {@link ErrorType#USAGE}, {@link ErrorType#UNKNOWN_COMMAND},
     *                  {@link ErrorType#SYNTAX} or {@link ErrorType#REFUSED}
     */
    UsageException(String reply, ErrorType errorType) {
        super(reply, null, false, false);
        this.errorType = errorType;
    }

    ErrorType errorType() {
        return errorType;
    }
}
