package dev.taskpool.benchmarks;

import dev.taskpool.SimpleTaskPool;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures how many sleeping tasks one {@link SimpleTaskPool} holds in the heap (virtual
 * thread stacks live there too), how much heap each takes, how long starting them takes,
 * and how long {@code stopAll()} plus {@code gatherAndClose()} take to stop them all.
 *
 * <p>Starts tasks in batches until {@code --count} are running or, after a full GC, the heap
 * is fuller than {@code --limit} (a fraction of {@code -Xmx}); near the limit the batches get
 * smaller. Not a JMH benchmark: one run, one measurement.
 *
 * <pre>
 * java -Xmx1g -cp benchmarks.jar dev.taskpool.benchmarks.MemoryCapacity [--count N]
 *      [--batch N] [--limit 0.95] [--sleep SLEEP|PARK] [--bare | --unnamed]
 * </pre>
 * {@code --bare} starts bare virtual threads instead, to show what the pool adds per task;
 * {@code --unnamed} leaves the pool's task threads unnamed ({@code threadNames(false)}).
 */
public final class MemoryCapacity {

    private final long count;
    private final int batch;
    private final double limit;
    private final Sleep sleep;
    private final boolean bare;
    private final boolean threadNames;
    private final LongAdder asleep = new LongAdder();
    private final Runtime runtime = Runtime.getRuntime();
    private long gcNanos;
    /** Freed when stopping fails for want of memory, so that the failure can still be reported. */
    private byte[] reserve = new byte[8 << 20];

    private MemoryCapacity(long count, int batch, double limit, Sleep sleep, boolean bare, boolean threadNames) {
        this.count = count;
        this.batch = batch;
        this.limit = limit;
        this.sleep = sleep;
        this.bare = bare;
        this.threadNames = threadNames;
    }

    public static void main(String[] args) throws InterruptedException {
        long count = 1_000_000;
        int batch = 10_000;
        double limit = 0.95;
        Sleep sleep = Sleep.SLEEP;
        boolean bare = false;
        boolean threadNames = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--count" -> count = Long.parseLong(args[++i].replace("_", ""));
                case "--batch" -> batch = Integer.parseInt(args[++i].replace("_", ""));
                case "--limit" -> limit = Double.parseDouble(args[++i]);
                case "--sleep" -> sleep = Sleep.valueOf(args[++i].toUpperCase(Locale.ROOT));
                case "--bare" -> bare = true;
                case "--unnamed" -> threadNames = false;
                default -> {
                    System.err.println("usage: MemoryCapacity [--count N] [--batch N] [--limit F]"
                            + " [--sleep SLEEP|PARK] [--bare | --unnamed]");
                    System.exit(2);
                }
            }
        }
        new MemoryCapacity(count, batch, limit, sleep, bare, threadNames).run();
    }

    private void run() throws InterruptedException {
        long max = runtime.maxMemory();
        System.out.printf("%s, %s tasks (%s), max heap %s, up to %,d tasks or %.0f%% of the heap%n",
                Runtime.version(),
                bare ? "bare virtual-thread" : threadNames ? "SimpleTaskPool" : "SimpleTaskPool (unnamed threads)", sleep,
                mib(max), count, limit * 100);
        warmUp();
        long baseline = usedAfterGc();
        Population tasks = bare ? new BareThreads() : new PoolTasks();

        long started = 0;
        int step = batch;
        long perTask = 0;
        String stoppedBy = "count reached";
        long t0 = System.nanoTime();
        try {
            while (started < count) {
                int n = (int) Math.min(step, count - started);
                tasks.start(n);
                started += n;
                awaitAsleep(started);
                if (perTask == 0 && started >= 10L * batch) {
                    perTask = (usedAfterGc() - baseline) / started;
                }
                // Full GCs are slow with a million threads: force one only when the live heap,
                // estimated from the tasks so far, may be near the limit.
                long estimate = perTask > 0 ? baseline + started * perTask : used();
                if (estimate > 0.9 * limit * max) {
                    long used = usedAfterGc();
                    perTask = (used - baseline) / started;
                    if (used > limit * max) {
                        stoppedBy = String.format("heap %.1f%% full after GC", 100.0 * used / max);
                        break;
                    }
                    step = Math.max(1_000, batch / 2);
                }
            }
        } catch (OutOfMemoryError e) {
            stoppedBy = "OutOfMemoryError: " + e.getMessage();
            awaitAsleep(tasks.numRunning());
        }
        long startNanos = System.nanoTime() - t0 - gcNanos;
        long running = tasks.numRunning();
        long used = usedAfterGc();
        System.out.printf("stopped by: %s%n", stoppedBy);
        System.out.printf("running: %,d tasks (%,d asleep)%n", running, asleep.sum());
        System.out.printf("heap used: %s of %s (%.1f%%), %s before the first task%n",
                mib(used), mib(max), 100.0 * used / max, mib(baseline));
        System.out.printf("heap per task: %,d bytes%n", (used - baseline) / Math.max(1, running));
        System.out.printf("start time: %,d ms (%.2f µs per task; forced GCs, %,d ms, not counted)%n",
                startNanos / 1_000_000, startNanos / 1e3 / Math.max(1, running), gcNanos / 1_000_000);

        long t1 = System.nanoTime();
        try {
            tasks.stopAndAwait();
            System.out.printf("stop time: %,d ms (%s)%n", (System.nanoTime() - t1) / 1_000_000,
                    bare ? "interrupt + join each" : "stopAll + gatherAndClose");
        } catch (OutOfMemoryError e) {
            long failedAfter = System.nanoTime() - t1;
            reserve = null; // room to report in, unless the waking tasks take it first
            try {
                System.out.printf("stop failed after %,d ms: %s, thrown at%n",
                        failedAfter / 1_000_000, e);
                for (StackTraceElement frame : e.getStackTrace()) {
                    System.out.println("    " + frame);
                }
            } catch (OutOfMemoryError again) {
                System.out.println("stop failed: OutOfMemoryError");
            }
            System.exit(1);
        }
    }

    /** Waits until {@code n} task bodies have begun (they count themselves before sleeping). */
    private void awaitAsleep(long n) {
        while (asleep.sum() < n) {
            LockSupport.parkNanos(100_000);
        }
    }

    private long used() {
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private long usedAfterGc() {
        long t = System.nanoTime();
        System.gc();
        gcNanos += System.nanoTime() - t;
        return used();
    }

    private static String mib(long bytes) {
        return String.format("%,.1f MiB", bytes / 1024.0 / 1024.0);
    }

    /**
     * Starts and stops a few rounds of tasks first. A sleeping task's stack is kept on the
     * heap, and its size depends on whether the code below the sleep was still interpreted
     * when the task went to sleep: without this, the first batches of a run measure the
     * interpreter rather than the tasks.
     */
    private void warmUp() throws InterruptedException {
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            Population warm = bare ? new BareThreads() : new PoolTasks();
            warm.start(WARM_UP_TASKS);
            awaitAsleep(WARM_UP_TASKS);
            warm.stopAndAwait();
            asleep.reset();
        }
    }

    private static final int WARM_UP_ROUNDS = 5;
    private static final int WARM_UP_TASKS = 20_000;

    /** The tasks being counted: started in batches, then all stopped at once. */
    private interface Population {
        void start(int n);

        long numRunning();

        void stopAndAwait() throws InterruptedException;
    }

    /** All tasks in one pool, started by {@code start(n)} once per batch. */
    private final class PoolTasks implements Population {
        private final SimpleTaskPool pool = SimpleTaskPool.builder(() -> {
            asleep.increment();
            sleep.untilInterrupted();
        }).name("capacity").threadNames(threadNames).build();

        @Override
        public void start(int n) {
            pool.start(n);
        }

        @Override
        public long numRunning() {
            return pool.numRunning();
        }

        @Override
        public void stopAndAwait() throws InterruptedException {
            pool.stopAll();
            pool.gatherAndClose();
        }
    }

    /** Bare virtual threads in a growable array: the floor any pool is measured against. */
    private final class BareThreads implements Population {
        private Thread[] threads = new Thread[1024];
        private int size;

        @Override
        public void start(int n) {
            for (int i = 0; i < n; i++) {
                if (size == threads.length) {
                    threads = Arrays.copyOf(threads, size * 2);
                }
                threads[size++] = Thread.ofVirtual().start(() -> {
                    asleep.increment();
                    sleep.quietlyUntilInterrupted();
                });
            }
        }

        @Override
        public long numRunning() {
            return size;
        }

        @Override
        public void stopAndAwait() throws InterruptedException {
            for (int i = 0; i < size; i++) {
                threads[i].interrupt();
            }
            for (int i = 0; i < size; i++) {
                threads[i].join();
            }
        }
    }
}
