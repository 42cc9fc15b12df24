package dev.taskpool.control.literal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * The CPU time a piece of work takes on the calling thread, so that a test of how work grows with its input does
 * not fail because other processes share the machine.
 */
final class CpuTime {

    private CpuTime() {
    }

    /** The least CPU time of three runs, which leaves out compilation and collection pauses of the first. */
    static Duration leastOfThree(Runnable work) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long least = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long start = threads.getCurrentThreadCpuTime();
            work.run();
            least = Math.min(least, threads.getCurrentThreadCpuTime() - start);
        }
        return Duration.ofNanos(least);
    }
}
