package dev.taskpool.control;

import dev.taskpool.control.command.CommandInterpreter;
import dev.taskpool.control.command.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A command interpreter for transport tests, with a handful of commands that each exercise one
 * path: {@code echo X} answers X, {@code fail} an error, {@code boom} throws, {@code block} waits
 * until {@link #releaseBlocked()}, {@code lines N} answers N lines, {@code big N} a text-mode
 * answer of N bytes, {@code width} the session's terminal width, {@code value} a structured
 * value, {@code run-hook} the {@linkplain #setHook hook}; anything else is an unknown command.
 *
 * <p>Thread-safe; records what it was asked so tests can check what never happened.
 */
public final class FakeInterpreter implements CommandInterpreter {

    public static final String GREETING = "FakePool-0";

    private final AtomicInteger sessionsOpened = new AtomicInteger();
    private final List<String> executed = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger blocked = new AtomicInteger();
    private final AtomicInteger interrupted = new AtomicInteger();
    private volatile Runnable hook = () -> { };

    @Override
    public String greeting() {
        return GREETING;
    }

    @Override
    public Map<String, Object> handshakeInfo() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("pools", List.of(GREETING));
        info.put("commands", List.of("echo", "fail"));
        info.put("status", "must not override the server's status");
        return info;
    }

    @Override
    public Session openSession(int terminalWidth, String connection) {
        sessionsOpened.incrementAndGet();
        return line -> execute(line, terminalWidth);
    }

    private Reply execute(String line, int terminalWidth) {
        executed.add(line);
        String[] words = line.split(" ", 2);
        return switch (words[0]) {
            case "echo" -> Reply.ok(words.length > 1 ? words[1] : "", words.length > 1 ? words[1] : "");
            case "fail" -> Reply.error(ErrorType.USAGE, "fail: always fails");
            case "boom" -> throw new IllegalStateException("secret detail that must stay on the server");
            case "block" -> block();
            case "lines" -> lines(Integer.parseInt(words[1]));
            case "big" -> Reply.ok("x".repeat(Integer.parseInt(words[1]) - 1), null);
            case "width" -> Reply.ok(Integer.toString(terminalWidth), terminalWidth);
            case "value" -> Reply.ok("2 running", Map.of("running", 2));
            case "unrepresentable" -> Reply.ok("odd", new Object());
            case "run-hook" -> {
                hook.run();
                yield Reply.ok("hook ran", null);
            }
            default -> Reply.error(ErrorType.UNKNOWN_COMMAND, "unknown command: " + line);
        };
    }

    private Reply block() {
        blocked.incrementAndGet();
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                return Reply.error(ErrorType.TIMEOUT, "never released");
            }
            return Reply.ok("released", null);
        } catch (InterruptedException e) {
            interrupted.incrementAndGet();
            Thread.currentThread().interrupt();
            return Reply.error(ErrorType.INTERRUPTED, "interrupted");
        } finally {
            blocked.decrementAndGet();
        }
    }

    private static Reply lines(int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            lines.add("line " + i);
        }
        return Reply.ok(String.join("\n", lines), lines);
    }

    /** What the {@code run-hook} command runs, on the session's thread. */
    public void setHook(Runnable hook) {
        this.hook = hook;
    }

    /** Lets every {@code block} command return. */
    public void releaseBlocked() {
        release.countDown();
    }

    /** How many {@code block} commands are waiting right now. */
    public int blockedCount() {
        return blocked.get();
    }

    /** How many {@code block} commands were interrupted. */
    public int interruptedCount() {
        return interrupted.get();
    }

    public int sessionsOpened() {
        return sessionsOpened.get();
    }

    /** Every command line executed so far, in order. */
    public List<String> executed() {
        return List.copyOf(executed);
    }
}
