package dev.taskpool.internal;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;

/** How the pool interrupts its threads, and how it recognises a thread's reaction to that. */
final class Interrupts {

    private Interrupts() {
    }

    /**
     * Interrupts {@code target}, then runs {@code then}, without making the caller wait for
     * the target. {@link Thread#interrupt()} itself waits when the target is blocked in an
     * interruptible channel whose closing waits for the operation, such as a
     * {@code FileChannel} read from a pipe: it returns only when the read does. A thread
     * that is runnable may be in such an operation, so it is interrupted from a thread of its
     * own; a thread that waits or sleeps is interrupted at once.
     */
    static void deliver(Thread target, Runnable then) {
        if (target == Thread.currentThread() || target.getState() != Thread.State.RUNNABLE) {
            target.interrupt();
            then.run();
            return;
        }
        Thread.ofVirtual().name(target.getName() + "_Interrupt").start(() -> {
            target.interrupt();
            then.run();
        });
    }

    /**
     * Whether {@code error}, or one of its causes, is the kind of exception an interrupted
     * blocking call throws. A cancelled task or spawner ending that way was cancelled, not
     * failed.
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
