package dev.taskpool.cli.demo;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The demo's output: messages, one per line, and a status line. On a terminal ({@code live})
 * the status line stays at the bottom and is redrawn in place with {@code \r}; messages are
 * written above it. Elsewhere (a pipe, a file, a log collector) each status is just another
 * line, so nothing fills a log with carriage returns.
 *
 * <p>Thread-safe: workers, jobs and the progress reporter write concurrently, one whole line
 * at a time.
 */
final class Console {

    private final PrintWriter out;
    private final boolean live;
    private final ReentrantLock lock = new ReentrantLock();
    /** The status line on screen, in live mode; empty when none is shown. */
    private String status = "";

    /**
     * @param out  where to write; flushed after every line
     * @param live whether {@code out} is a terminal on which the status line may be redrawn
     */
    Console(PrintWriter out, boolean live) {
        this.out = Objects.requireNonNull(out, "out");
        this.live = live;
    }

    /** Whether the status line is redrawn in place. */
    boolean isLive() {
        return live;
    }

    /** Writes a line of its own, above the status line if one is shown. */
    void println(String message) {
        lock.lock();
        try {
            if (!status.isEmpty()) {
                out.print("\r" + " ".repeat(status.length()) + "\r");
            }
            out.println(message);
            if (!status.isEmpty()) {
                out.print(status);
            }
            out.flush();
        } finally {
            lock.unlock();
        }
    }

    /** Shows {@code line} as the status: redrawn in place when live, else written as a line. */
    void status(String line) {
        if (!live) {
            println(line);
            return;
        }
        lock.lock();
        try {
            // Pad with blanks over the rest of a longer previous status.
            String padding = " ".repeat(Math.max(0, status.length() - line.length()));
            out.print("\r" + line + padding + (padding.isEmpty() ? "" : "\r" + line));
            out.flush();
            status = line;
        } finally {
            lock.unlock();
        }
    }

    /** Leaves the status line on screen as it is and moves below it, so it is no longer redrawn. */
    void endStatus() {
        lock.lock();
        try {
            if (!status.isEmpty()) {
                out.println();
                out.flush();
                status = "";
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether standard output is a terminal. On Java 22 and later {@link System#console()} also
     * returns a console for redirected output, and {@code Console.isTerminal()} (called
     * reflectively, as this code targets Java 21) tells the difference.
     */
    static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // Java 21: a console exists only for a terminal.
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
