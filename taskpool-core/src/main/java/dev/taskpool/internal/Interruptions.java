package dev.taskpool.internal;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;

/** Tells whether an exception is how a task reacted to being interrupted. */
final class Interruptions {

    private Interruptions() {
    }

    /**
     * Whether {@code error}, or one of its causes, is the kind of exception an interrupted
     * blocking call throws. A cancelled task ending that way was cancelled, not failed.
     */
    static boolean isInterruption(Throwable error) {
        // Bounded, since a cause chain may be cyclic.
        Throwable t = error;
        for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
            if (t instanceof InterruptedException
                    || t instanceof InterruptedIOException
                    || t instanceof ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }
}
