package dev.taskpool.control;

import dev.taskpool.Param;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Functions a test server allows clients to start; each records its call and then waits. */
public final class Jobs {

    /** Every call, as {@code name(arguments)}. */
    public static final ConcurrentLinkedQueue<String> CALLS = new ConcurrentLinkedQueue<>();

    private Jobs() {
    }

    public static void worker(@Param("what to work on") String item) throws InterruptedException {
        CALLS.add("worker(" + item + ")");
        Thread.sleep(Long.MAX_VALUE);
    }

    public static void two(int a, int b) throws InterruptedException {
        CALLS.add("two(" + a + ", " + b + ")");
        Thread.sleep(Long.MAX_VALUE);
    }

    public static void greet(String greeting, List<String> names) {
        CALLS.add("greet(" + greeting + ", " + names + ")");
    }

    public static void ended(int taskId) {
        CALLS.add("ended(" + taskId + ")");
    }
}
