package dev.taskpool.benchmarks;

import dev.taskpool.SimpleTaskPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Measures starting {@code tasks} sleeping tasks until every one of them is running (its body
 * has begun):
 * <ul>
 *   <li>{@link #taskPool}: {@code SimpleTaskPool.start(tasks)}, with and without thread names;</li>
 *   <li>{@link #bareThreads}: {@code Thread.ofVirtual().start(body)} {@code tasks} times.</li>
 * </ul>
 * The wait is the same for both: a latch that each body counts down. Stopping the tasks is
 * teardown, not measured. Single-shot: one invocation starts all tasks once.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 2, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class StartBenchmark {

    /** The parameters and the latch, shared by both variants. */
    @State(Scope.Thread)
    public abstract static class Starting {
        @Param("100000")
        public int tasks;

        CountDownLatch started;

        final void body() throws InterruptedException {
            started.countDown();
            Sleep.SLEEP.untilInterrupted();
        }
    }

    /**
     * A fresh {@link SimpleTaskPool} per invocation, stopped and closed after it; its task
     * threads named (the default) or not ({@code threadNames=false}).
     */
    public static class PoolState extends Starting {
        @Param({"true", "false"})
        public boolean threadNames;

        SimpleTaskPool pool;

        @Setup(Level.Invocation)
        public void create() {
            System.gc();
            started = new CountDownLatch(tasks);
            pool = SimpleTaskPool.builder(this::body).name("start-bench").threadNames(threadNames).build();
        }

        @TearDown(Level.Invocation)
        public void stop() throws InterruptedException {
            pool.stopAll();
            pool.gatherAndClose();
        }
    }

    /** Room for {@code tasks} bare virtual threads, interrupted and joined after each invocation. */
    public static class ThreadsState extends Starting {
        Thread[] threads;

        @Setup(Level.Invocation)
        public void create() {
            System.gc();
            started = new CountDownLatch(tasks);
            threads = new Thread[tasks];
        }

        @TearDown(Level.Invocation)
        public void stop() throws InterruptedException {
            for (Thread thread : threads) {
                thread.interrupt();
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }

    @Benchmark
    public void taskPool(PoolState state) throws InterruptedException {
        state.pool.start(state.tasks);
        state.started.await();
    }

    @Benchmark
    public void bareThreads(ThreadsState state) throws InterruptedException {
        Thread[] threads = state.threads;
        for (int i = 0; i < threads.length; i++) {
            threads[i] = Thread.ofVirtual().start(() -> {
                state.started.countDown();
                Sleep.SLEEP.quietlyUntilInterrupted();
            });
        }
        state.started.await();
    }
}
