package dev.taskpool.control.command;

/**
 * A command line that cannot run as written. Its message is the whole reply, framed as
 * argparse frames an error: the usage line, {@code <command>: error: <what was wrong>} and a
 * newline.
 */
final class UsageException extends RuntimeException {

    private final String errorType;

    /**
     * @param reply     the complete reply text
     * @param errorType the framed mode's error type: {@code usage}, {@code unknown-command},
     *                  {@code syntax} or {@code refused}
     */
    UsageException(String reply, String errorType) {
        super(reply, null, false, false);
        this.errorType = errorType;
    }

    String errorType() {
        return errorType;
    }
}
