package dev.taskpool.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the number of items does to the demo: its memory does not grow with it, since items are
 * made as they are taken, and 0 items means an endless queue that only a shutdown stops.
 */
class DemoItemCountTest {

    /** Far more than the control servers and the pools need to start, far less than a byte per item. */
    private static final long START_ALLOCATION_LIMIT = 64L * 1024 * 1024;

    private final StringWriter output = new StringWriter();
    private DemoDaemon daemon;

    @AfterEach
    void shutDown() {
        if (daemon != null) {
            daemon.shutdown("test over");
        }
    }

    private DemoDaemon start(int items, int workers) throws IOException {
        DemoConfig config = new DemoConfig("127.0.0.1", 0, null, workers, items, null,
                Duration.ZERO, Duration.ZERO, DemoConfig.Progress.OFF, Duration.ZERO, null);
        daemon = DemoDaemon.start(config, new PrintWriter(output));
        return daemon;
    }

    @Test
    void theLargestItemCountStartsWithoutAllocatingItems() throws Exception {
        long before = allocatedByThisThread();

        start(Integer.MAX_VALUE, 0);

        assertThat(allocatedByThisThread() - before).as("bytes allocated to start the demo")
                .isLessThan(START_ALLOCATION_LIMIT);
        assertThat(daemon.queue().waitingCount()).isEqualTo(Integer.MAX_VALUE);
        assertThat(daemon.queue().retainedItems()).isZero();
        assertThat(output.toString()).contains("Taskpool demo: 2147483647 work items, 0 workers to start with.");
    }

    @Test
    void zeroItemsMeansAnEndlessQueueThatOnlyAShutdownEnds() throws Exception {
        start(0, 3);

        await("workers past a thousand items").atMost(Duration.ofSeconds(30))
                .until(() -> daemon.queue().doneCount() > 1_000);

        assertThat(daemon.awaitEnd(Duration.ZERO)).as("the demo ended by itself").isFalse();
        assertThat(daemon.queue().isEndless()).isTrue();
        assertThat(output.toString())
                .contains("Taskpool demo: endless work items, 3 workers to start with.")
                .contains("The items never run out; Ctrl+C stops the demo.");
    }

    @Test
    void theSummaryOfAnEndlessRunCountsTheItemsDoneWithoutATotal() throws Exception {
        start(0, 3);
        await("some items done").atMost(Duration.ofSeconds(30)).until(() -> daemon.queue().doneCount() > 10);

        DemoDaemon.Summary summary = daemon.shutdown("test over");

        assertThat(summary.total()).as("no total: endless").isZero();
        assertThat(summary.done()).isGreaterThan(10);
        assertThat(summary.expectedSum()).isNull();
        assertThat(output.toString()).containsPattern(
                "Summary: " + summary.done() + " items done by [123] workers? in [0-9.]+s \\([0-9.]+ items/s\\)");
    }

    /** Bytes this thread has allocated so far; a figure that does not depend on timing or on other threads. */
    private static long allocatedByThisThread() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "this JVM measures allocations per thread");
        return threads.getCurrentThreadAllocatedBytes();
    }
}
