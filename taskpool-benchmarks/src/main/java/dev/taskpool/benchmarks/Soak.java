package dev.taskpool.benchmarks;

import dev.taskpool.TaskPool;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Iterator;
import java.util.Locale;

/**
 * A long run of one endless {@code map} at full speed, as a program that runs for months
 * would drive a pool: no-op tasks, {@code numConcurrent} at a time, and a {@code flush()}
 * once a second, as such a program does to forget finished tasks. Once a minute it reports
 * the tasks finished in that minute and the heap in use right after a full GC, so that
 * minute 1 and the last minute can be compared: the heap must stay flat and the throughput
 * must not fall.
 *
 * <p>It also shows, each minute, how many of the group's tasks the pool still knows (not yet
 * flushed). Not a JMH benchmark: one run, one line per minute.
 *
 * <pre>
 * java -Xmx512m -cp benchmarks.jar dev.taskpool.benchmarks.Soak [--minutes 10] [--concurrency 64]
 * </pre>
 */
public final class Soak {

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        int minutes = 10;
        int concurrency = 64;
        long interval = 60_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--minutes" -> minutes = Integer.parseInt(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--interval-ms" -> interval = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: Soak [--minutes N] [--concurrency N] [--interval-ms MS]");
                    System.exit(2);
                }
            }
        }
        Iterable<Long> endless = () -> new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Long next() {
                return next++;
            }
        };
        TaskPool pool = new TaskPool(TaskPool.UNBOUNDED, "soak");
        pool.map(item -> { }, endless, concurrency, "endless");
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.out.printf(Locale.ROOT, "%-8s %14s %16s %14s %10s%n",
                "period", "tasks", "tasks/s", "heap after GC", "not flushed");
        long before = pool.stats().completed();
        long start = System.nanoTime();
        for (int period = 1; period <= minutes; period++) {
            long periodEnd = start + period * interval * 1_000_000L;
            while (System.nanoTime() < periodEnd) {
                Thread.sleep(Math.min(1_000, Math.max(1, (periodEnd - System.nanoTime()) / 1_000_000)));
                pool.flush();
            }
            long now = pool.stats().completed();
            int groupIds = pool.getGroupIds("endless").size();
            System.gc();
            long heap = memory.getHeapMemoryUsage().getUsed();
            System.out.printf(Locale.ROOT, "%-8d %,14d %,16.0f %,11d KiB %,10d%n", period, now - before,
                    (now - before) * 1000.0 / interval, heap >> 10, groupIds);
            before = now;
        }
        pool.cancelAll();
        pool.gatherAndClose(true);
        System.out.printf(Locale.ROOT, "%,d tasks completed in all; the pool started %,d%n", pool.stats().completed(),
                pool.stats().started());
    }
}
