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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures how long it takes to cancel {@code tasks} sleeping tasks and wait until all of
 * them have stopped:
 * <ul>
 *   <li>{@link #taskPool}: {@code SimpleTaskPool.stopAll()} then {@code gatherAndClose()};</li>
 *   <li>{@link #executor}: {@code Future.cancel(true)} on each future of a
 *       {@code newVirtualThreadPerTaskExecutor()}, then {@code close()};</li>
 *   <li>{@link #bareThreads}: {@code interrupt()} then {@code join()} on each virtual thread.</li>
 * </ul>
 * Starting the tasks is setup, not measured: each invocation starts them afresh and waits
 * until every body has begun to sleep (a latch counted down by the body itself, which is the
 * same in all three variants), then runs a full GC so that garbage of the previous invocation
 * is not collected on the clock. Single-shot: one invocation is one cancellation of all tasks.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 2, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class CancelBenchmark {

    /** The parameters, and the wait until every task is asleep, shared by the three variants. */
    @State(Scope.Thread)
    public abstract static class Sleepers {
        @Param("100000")
        public int tasks;

        @Param({"SLEEP", "PARK"})
        public Sleep sleep;

        CountDownLatch asleep;

        /** The body every variant runs: tells the setup it has started, then sleeps. */
        final void body() throws InterruptedException {
            asleep.countDown();
            sleep.untilInterrupted();
        }

        final void awaitAllAsleep() throws InterruptedException {
            asleep.await();
            // The latch is counted down just before the body parks; give the last ones time
            // to get there, and collect the previous invocation's garbage off the clock.
            Thread.sleep(50);
            System.gc();
        }
    }

    /** One {@link SimpleTaskPool} with {@code tasks} sleeping tasks. */
    public static class PoolState extends Sleepers {
        SimpleTaskPool pool;

        @Setup(Level.Invocation)
        public void start() throws InterruptedException {
            asleep = new CountDownLatch(tasks);
            pool = SimpleTaskPool.builder(this::body).name("cancel-bench").build();
            pool.start(tasks);
            awaitAllAsleep();
            if (pool.numRunning() != tasks) {
                throw new IllegalStateException("running: " + pool.numRunning() + " of " + tasks);
            }
        }

        @TearDown(Level.Invocation)
        public void check() {
            if (!pool.isClosed()) {
                throw new IllegalStateException("pool not closed");
            }
        }
    }

    /** A virtual-thread-per-task executor with {@code tasks} sleeping futures. */
    public static class ExecutorState extends Sleepers {
        ExecutorService executor;
        List<Future<?>> futures;

        @Setup(Level.Invocation)
        public void start() throws InterruptedException {
            asleep = new CountDownLatch(tasks);
            executor = Executors.newVirtualThreadPerTaskExecutor();
            futures = new ArrayList<>(tasks);
            for (int i = 0; i < tasks; i++) {
                futures.add(executor.submit(() -> {
                    body();
                    return null;
                }));
            }
            awaitAllAsleep();
        }

        @TearDown(Level.Invocation)
        public void check() {
            if (!executor.isTerminated()) {
                throw new IllegalStateException("executor not terminated");
            }
        }
    }

    /** {@code tasks} sleeping virtual threads, started directly. */
    public static class ThreadsState extends Sleepers {
        Thread[] threads;

        @Setup(Level.Invocation)
        public void start() throws InterruptedException {
            asleep = new CountDownLatch(tasks);
            threads = new Thread[tasks];
            for (int i = 0; i < tasks; i++) {
                threads[i] = Thread.ofVirtual().start(() -> {
                    asleep.countDown();
                    sleep.quietlyUntilInterrupted();
                });
            }
            awaitAllAsleep();
        }
    }

    @Benchmark
    public int taskPool(PoolState state) throws InterruptedException {
        int stopped = state.pool.stopAll().size();
        state.pool.gatherAndClose();
        return stopped;
    }

    @Benchmark
    public void executor(ExecutorState state) {
        for (Future<?> future : state.futures) {
            future.cancel(true);
        }
        state.executor.close();
    }

    @Benchmark
    public void bareThreads(ThreadsState state) throws InterruptedException {
        for (Thread thread : state.threads) {
            thread.interrupt();
        }
        for (Thread thread : state.threads) {
            thread.join();
        }
    }
}
