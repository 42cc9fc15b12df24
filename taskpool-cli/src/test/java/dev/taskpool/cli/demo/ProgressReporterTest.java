package dev.taskpool.cli.demo;

import dev.taskpool.control.Durations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line and the console it is shown on, with a clock the test moves by hand. */
class ProgressReporterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicInteger workers = new AtomicInteger(3);
    private final AtomicInteger jobsCancelled = new AtomicInteger();
    private final StringWriter written = new StringWriter();

    private ProgressReporter reporter(WorkQueue queue, boolean live) {
        Console console = new Console(new PrintWriter(written), live);
        return new ProgressReporter(console, new ProgressReporter.Sources(queue, workers::get, () -> 1, jobsCancelled::get), nanos::get);
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    private static void complete(WorkQueue queue, int items) throws InterruptedException {
        for (int i = 0; i < items; i++) {
            queue.take().complete("w", 0);
        }
    }

    @Test
    void showsDoneOfTotalRateRunningTasksAndEta() throws Exception {
        WorkQueue queue = new WorkQueue(1000);
        ProgressReporter reporter = reporter(queue, false);

        assertThat(reporter.line()).isEqualTo("[0/1000 0.0%] 0.0 items/s | 3 workers | 1 job | ETA -");
        advance(Duration.ofSeconds(2));
        complete(queue, 100);
        assertThat(reporter.line()).isEqualTo("[100/1000 10.0%] 50.0 items/s | 3 workers | 1 job | ETA 18.0s");
    }

    @Test
    void theRateFollowsTheLastSecondsOnly() throws Exception {
        WorkQueue queue = new WorkQueue(10_000);
        ProgressReporter reporter = reporter(queue, false);
        // A fast start...
        for (int second = 0; second < 10; second++) {
            advance(Duration.ofSeconds(1));
            complete(queue, 100);
            reporter.line();
        }
        // ...then the workers are stopped.
        workers.set(0);
        for (int second = 0; second < 6; second++) {
            advance(Duration.ofSeconds(1));
            reporter.line();
        }

        assertThat(reporter.line()).isEqualTo("[1000/10000 10.0%] 0.0 items/s | 0 workers | 1 job | ETA -");
    }

    @Test
    void saysAllDoneAtTheEnd() throws Exception {
        WorkQueue queue = new WorkQueue(4);
        ProgressReporter reporter = reporter(queue, false);
        advance(Duration.ofMillis(500));
        complete(queue, 4);
        workers.set(1);

        assertThat(reporter.line()).isEqualTo("[4/4 100.0%] 8.0 items/s | 1 worker | 1 job | all done");
    }

    @Test
    void anEndlessQueueShowsItemsDoneAndTheRateWithoutTotalOrEta() throws Exception {
        WorkQueue queue = WorkQueue.endless();
        ProgressReporter reporter = reporter(queue, false);
        advance(Duration.ofSeconds(2));
        complete(queue, 100);

        assertThat(reporter.line()).isEqualTo("[100 done] 50.0 items/s | 3 workers | 1 job | endless");
    }

    @Test
    void countsCancelledJobsOnceThereAreAny() throws Exception {
        WorkQueue queue = new WorkQueue(1000);
        ProgressReporter reporter = reporter(queue, false);
        jobsCancelled.set(2);

        assertThat(reporter.line()).isEqualTo("[0/1000 0.0%] 0.0 items/s | 3 workers | 1 job, 2 cancelled | ETA -");
    }

    @Test
    void withoutATerminalEachReportIsALine() throws Exception {
        WorkQueue queue = new WorkQueue(10);
        ProgressReporter reporter = reporter(queue, false);

        reporter.report();
        reporter.report();
        reporter.close();

        assertThat(written.toString()).doesNotContain("\r").hasLineCount(2);
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAndMessagesGoAboveIt() {
        Console console = new Console(new PrintWriter(written), true);

        console.status("[1/10] long status");
        console.status("[2/10] short");
        console.println("greet: Hello!");
        console.endStatus();
        console.println("Summary");

        assertThat(written.toString()).isEqualTo(
                "\r[1/10] long status"
                        + "\r[2/10] short      \r[2/10] short"
                        + "\r            \rgreet: Hello!\n[2/10] short"
                        + "\nSummary\n");
    }

    @Test
    void durationsReadNaturally() {
        assertThat(Durations.format(Duration.ofMillis(800))).isEqualTo("0.8s");
        assertThat(Durations.format(Duration.ofSeconds(187))).isEqualTo("3m07s");
        assertThat(Durations.format(Duration.ofMinutes(125))).isEqualTo("2h05m");
    }
}
