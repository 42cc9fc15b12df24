package dev.taskpool.benchmarks;

import dev.taskpool.TaskPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Measures running one short task per element of an input, at most {@code concurrency} at a
 * time, until all have ended:
 * <ul>
 *   <li>{@link #taskPool}: {@code TaskPool.map(fn, items, concurrency)} then
 *       {@code gatherAndClose()};</li>
 *   <li>{@link #executor}: the hand-written equivalent, a
 *       {@code newVirtualThreadPerTaskExecutor()} and a {@code Semaphore(concurrency)} acquired
 *       before each {@code submit} and released in the task's {@code finally}, then
 *       {@code close()}.</li>
 * </ul>
 * One operation is the whole run over {@code items} elements, pool or executor created and
 * closed included. The work of a task is either {@link Work#CPU} or {@link Work#PARK}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class MapBenchmark {

    /** What each task does with its element. */
    public enum Work {
        /** {@code Blackhole.consumeCPU(100)}: a few hundred nanoseconds of computation. */
        CPU,
        /** {@code LockSupport.parkNanos(50 µs)}: a short blocking call, such as a fast I/O. */
        PARK
    }

    private static final long PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    @Param("10000")
    public int items;

    @Param({"100", "1000"})
    public int concurrency;

    @Param({"CPU", "PARK"})
    public Work work;

    private List<Integer> inputs;

    @Setup
    public void setUp() throws InterruptedException {
        inputs = IntStream.range(0, items).boxed().toList();
        // Both variants must really run every element once.
        LongAdder poolCount = new LongAdder();
        mapWithPool(element -> poolCount.increment());
        LongAdder executorCount = new LongAdder();
        mapWithExecutor(element -> executorCount.increment());
        if (poolCount.sum() != items || executorCount.sum() != items) {
            throw new IllegalStateException("ran " + poolCount.sum() + " and " + executorCount.sum()
                    + " tasks instead of " + items);
        }
    }

    @Benchmark
    public void taskPool() throws InterruptedException {
        mapWithPool(this::doWork);
    }

    @Benchmark
    public void executor() throws InterruptedException {
        mapWithExecutor(this::doWork);
    }

    private void mapWithPool(IntConsumer task) throws InterruptedException {
        TaskPool pool = new TaskPool();
        pool.map(task::accept, inputs, concurrency);
        pool.gatherAndClose();
    }

    private void mapWithExecutor(IntConsumer task) throws InterruptedException {
        Semaphore running = new Semaphore(concurrency);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Integer element : inputs) {
                running.acquire();
                executor.submit(() -> {
                    try {
                        task.accept(element);
                    } finally {
                        running.release();
                    }
                });
            }
        }
    }

    private void doWork(int element) {
        switch (work) {
            case CPU -> Blackhole.consumeCPU(100);
            case PARK -> LockSupport.parkNanos(PARK_NANOS);
        }
    }
}
