package dev.taskpool.cli.demo;

import dev.taskpool.control.Durations;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Shows how the demo is doing, at a fixed interval, on the {@link Console}'s status line:
 *
 * <pre>[1234/5000 24.7%] 61.3 items/s | 3 workers | 0 jobs | ETA 1m01s</pre>
 *
 * ({@code | 1 job, 2 cancelled |} once jobs have been cancelled), or, for an endless queue:
 *
 * <pre>[1234 done] 61.3 items/s | 3 workers | 0 jobs | endless</pre>
 *
 * or, for a queue shared with other demos, of which this demo does a share:
 *
 * <pre>[1234 done here] 61.3 items/s | 3 workers | 0 jobs | shared queue</pre>
 *
 * <p>The rate is measured over the last few seconds, so it follows workers being started and
 * stopped. Thread-safe; {@link #close()} stops the reporting and leaves the last line shown.
 */
final class ProgressReporter implements AutoCloseable {

    /** How far back the rate looks: long enough to be steady, short enough to follow changes. */
    static final Duration RATE_WINDOW = Duration.ofSeconds(5);

    /**
     * What the reporter reads: the queue, how many tasks run in each pool and how many jobs
     * were cancelled (since the jobs pool was last flushed).
     */
    record Sources(DemoQueue queue, IntSupplier workersRunning, IntSupplier jobsRunning, LongSupplier jobsCancelled) {
        Sources {
            Objects.requireNonNull(queue, "queue");
            Objects.requireNonNull(workersRunning, "workersRunning");
            Objects.requireNonNull(jobsRunning, "jobsRunning");
            Objects.requireNonNull(jobsCancelled, "jobsCancelled");
        }
    }

    private record Sample(long nanos, long done) {
    }

    private final Console console;
    private final Sources sources;
    private final LongSupplier clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private ScheduledExecutorService scheduler;

    /**
     * @param clock nanoseconds, as {@link System#nanoTime()}; tests pass their own
     */
    ProgressReporter(Console console, Sources sources, LongSupplier clock) {
        this.console = Objects.requireNonNull(console, "console");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.clock = Objects.requireNonNull(clock, "clock");
        samples.add(new Sample(clock.getAsLong(), sources.queue().doneCount()));
    }

    /** Shows the progress every {@code interval}, the first time after one interval. */
    void start(Duration interval) {
        lock.lock();
        try {
            if (scheduler != null) {
                throw new IllegalStateException("already started");
            }
            scheduler = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofVirtual().name("demo-progress").factory());
            long millis = Math.max(1, interval.toMillis());
            scheduler.scheduleAtFixedRate(this::report, millis, millis, TimeUnit.MILLISECONDS);
        } finally {
            lock.unlock();
        }
    }

    /** Shows the progress now. */
    void report() {
        console.status(line());
    }

    /** The progress line as of now; also records a sample for the rate. */
    String line() {
        DemoQueue queue = sources.queue();
        long done = queue.doneCount();
        long total = queue.size();
        double rate = rate(clock.getAsLong(), done);
        int workers = sources.workersRunning().getAsInt();
        int jobs = sources.jobsRunning().getAsInt();
        long cancelled = sources.jobsCancelled().getAsLong();
        String running = String.format(Locale.ROOT, "%.1f items/s | %d worker%s | %d job%s%s | ",
                rate, workers, workers == 1 ? "" : "s", jobs, jobs == 1 ? "" : "s",
                cancelled > 0 ? ", " + cancelled + " cancelled" : "");
        if (queue.isEndless()) {
            return "[" + done + " done] " + running + "endless";
        }
        if (queue.isShared()) {
            return "[" + done + " done here] " + running + "shared queue";
        }
        double percent = total == 0 ? 100 : 100.0 * done / total;
        String eta;
        if (done == total) {
            eta = "all done";
        } else if (rate > 0) {
            eta = "ETA " + Durations.format(Duration.ofMillis(Math.round((total - done) / rate * 1000)));
        } else {
            eta = "ETA -";
        }
        return String.format(Locale.ROOT, "[%d/%d %.1f%%] ", done, total, percent) + running + eta;
    }

    /** Items per second over the last {@link #RATE_WINDOW}, from the samples taken so far. */
    private double rate(long now, long done) {
        lock.lock();
        try {
            samples.addLast(new Sample(now, done));
            // Keep at least the previous sample, however old, so there is always a span.
            while (samples.size() > 2 && now - samples.peekFirst().nanos() > RATE_WINDOW.toNanos()) {
                samples.removeFirst();
            }
            Sample oldest = samples.peekFirst();
            long span = now - oldest.nanos();
            return span <= 0 ? 0 : (done - oldest.done()) * 1e9 / span;
        } finally {
            lock.unlock();
        }
    }

    /** Stops reporting; the last line stays shown and output continues below it. */
    @Override
    public void close() {
        lock.lock();
        ScheduledExecutorService running;
        try {
            running = scheduler;
            scheduler = null;
        } finally {
            lock.unlock();
        }
        if (running != null) {
            running.shutdownNow();
            boolean interrupted = false;
            while (true) {
                try {
                    running.awaitTermination(1, TimeUnit.MINUTES);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        console.endStatus();
    }
}
