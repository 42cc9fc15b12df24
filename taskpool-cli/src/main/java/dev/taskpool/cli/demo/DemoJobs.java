package dev.taskpool.cli.demo;

import dev.taskpool.Param;
import dev.taskpool.TaskFunction;
import dev.taskpool.control.FunctionRegistry;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The functions a control client may start in the demo's {@code jobs} pool, with
 * {@code apply}, {@code map}, {@code starmap} or {@code doublestarmap}:
 *
 * <pre>
 * use jobs
 * apply greet -a ('world', 2)
 * map fib [10, 20, 30]
 * starmap greet [('Ada', 1), ('Alan', 2)]
 * doublestarmap sleep [{'seconds': 0.5}]
 * </pre>
 *
 * <p>Each answers to its short name ({@code greet}) and to its full one
 * ({@code dev.taskpool.cli.demo.DemoJobs.greet}). Each returns its result and also announces
 * it on the demo's output, since a pool keeps no return values. Every public static method of
 * this class becomes such a function, so nothing else here may be public and static.
 *
 * <p>Thread-safe.
 */
public final class DemoJobs {

    /** Where results are announced; the running demo points it at its console. */
    private static final AtomicReference<Consumer<String>> OUTPUT = new AtomicReference<>(System.out::println);

    /** The largest {@code n} {@link #fib} accepts: its result has about 20,899 digits. */
    static final int MAX_FIB = 100_000;
    /** Results longer than this are shortened when announced. */
    private static final int MAX_SHOWN_DIGITS = 40;

    private static final Map<String, String> DESCRIPTIONS = descriptions();

    /** The running demo's queue, which {@link #refill} adds to; {@code null} when none runs. */
    private static final AtomicReference<DemoQueue> QUEUE = new AtomicReference<>();

    private DemoJobs() {
    }

    /**
     * Sleeps, then announces it: a job that only takes time, handy to watch {@code tasks} and
     * try {@code cancel}.
     */
    public static double sleep(@Param("how long to sleep, in seconds (0 to 3600)") double seconds)
            throws InterruptedException {
        if (!(seconds >= 0 && seconds <= 3600)) {
            throw new IllegalArgumentException("seconds must be between 0 and 3600, got " + seconds);
        }
        Thread.sleep(Math.round(seconds * 1000));
        announce("sleep: slept " + seconds + " s");
        return seconds;
    }

    /** Greets someone, {@code times} times, a tenth of a second apart. */
    public static String greet(@Param("whom to greet") String who,
                               @Param("how many greetings (1 to 100)") int times) throws InterruptedException {
        if (times < 1 || times > 100) {
            throw new IllegalArgumentException("times must be between 1 and 100, got " + times);
        }
        String greeting = "Hello, " + who + "!";
        for (int i = 1; i <= times; i++) {
            if (i > 1) {
                Thread.sleep(100);
            }
            announce("greet: " + greeting + (times > 1 ? " (" + i + "/" + times + ")" : ""));
        }
        return greeting;
    }

    /** The SHA-256 of a text's UTF-8 bytes, in hex. */
    public static String checksum(@Param("the text to hash") String text) {
        String hex = HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
        announce("checksum: sha256(" + shorten(text) + ") = " + hex);
        return hex;
    }

    /** The n-th Fibonacci number, computed step by step; stops promptly when cancelled. */
    public static BigInteger fib(@Param("which Fibonacci number (0 to 100000)") int n) throws InterruptedException {
        if (n < 0 || n > MAX_FIB) {
            throw new IllegalArgumentException("n must be between 0 and " + MAX_FIB + ", got " + n);
        }
        BigInteger previous = BigInteger.ZERO;
        BigInteger current = BigInteger.ONE;
        for (int i = 0; i < n; i++) {
            if ((i & 1023) == 0 && Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("fib(" + n + ") cancelled");
            }
            BigInteger next = previous.add(current);
            previous = current;
            current = next;
        }
        announce("fib: fib(" + n + ") = " + shorten(previous.toString()));
        return previous;
    }

    /**
     * Adds items to the demo's work queue: with {@code --autoscale}, the workers follow.
     */
    public static String refill(@Param("how many items to add (1 to 10000000)") int items) {
        if (items < 1 || items > 10_000_000) {
            throw new IllegalArgumentException("items must be between 1 and 10000000, got " + items);
        }
        DemoQueue queue = QUEUE.get();
        if (queue == null) {
            throw new IllegalStateException("no demo queue to refill");
        }
        queue.add(items);
        String message = "refill: added " + items + " items; " + queue.waitingCount() + " waiting";
        announce(message);
        return message;
    }

    /**
     * A registry allowing this class's functions, under their full and their short names, the
     * short ones with a description for the {@code functions} command.
     */
    static FunctionRegistry functions() {
        FunctionRegistry registry = new FunctionRegistry().allowClass(DemoJobs.class);
        String prefix = DemoJobs.class.getCanonicalName() + ".";
        for (Map.Entry<String, TaskFunction> entry : registry.functions().entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                TaskFunction function = entry.getValue();
                registry.register(function.name(),
                        function.withDescription(DESCRIPTIONS.getOrDefault(function.name(), "")));
            }
        }
        return registry;
    }

    /**
     * Sends announcements to {@code output} from now on.
     *
     * @return where they went before, to restore it with {@link #restoreOutput}
     */
    static Consumer<String> redirectOutput(Consumer<String> output) {
        return OUTPUT.getAndSet(Objects.requireNonNull(output, "output"));
    }

    /** Makes {@code queue} the one {@link #refill} adds to; {@code null} for none. */
    static void useQueue(DemoQueue queue) {
        QUEUE.set(queue);
    }

    /** Puts back {@code previous} as the output, unless someone redirected it since {@code current}. */
    static void restoreOutput(Consumer<String> current, Consumer<String> previous) {
        OUTPUT.compareAndSet(current, previous);
    }

    private static void announce(String message) {
        OUTPUT.get().accept(message);
    }

    private static String shorten(String text) {
        if (text.length() <= MAX_SHOWN_DIGITS) {
            return text;
        }
        return text.substring(0, MAX_SHOWN_DIGITS / 2) + "..." + text.substring(text.length() - MAX_SHOWN_DIGITS / 2)
                + " (" + text.length() + " characters)";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static Map<String, String> descriptions() {
        Map<String, String> descriptions = new LinkedHashMap<>();
        descriptions.put("sleep", "sleeps, then says so");
        descriptions.put("greet", "says hello, a tenth of a second apart");
        descriptions.put("checksum", "prints the SHA-256 of a text");
        descriptions.put("fib", "prints the n-th Fibonacci number");
        descriptions.put("refill", "adds items to the workers' queue");
        return descriptions;
    }
}
