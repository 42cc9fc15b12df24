package dev.taskpool.cli.demo;

import dev.taskpool.control.Durations;

import dev.taskpool.BaseTaskPool;
import dev.taskpool.Autoscaler;
import dev.taskpool.cli.EndpointAddress;
import dev.taskpool.PoolStats;
import dev.taskpool.SimpleTaskPool;
import dev.taskpool.TaskFailure;
import dev.taskpool.TaskPool;
import dev.taskpool.control.ControlEndpoint;
import dev.taskpool.control.ControlServer;
import dev.taskpool.control.ControlServerBuilder;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.management.remote.JMXServiceURL;

/**
 * The running demo: a {@link WorkQueue} drained by the {@code workers} pool (an endless one
 * when the configuration asks for 0 items), or a {@link SharedWorkQueue} in PostgreSQL that it
 * drains with other demos, its control server registered there for {@code control fleet}; a
 * {@code jobs} pool running {@link DemoJobs} on request, control servers serving both and the
 * {@link JmxAgent} showing both to JMX tools, from {@link #start} to {@link #shutdown}.
 *
 * <p>The demo ends when every item is done or when {@link #shutdown} is called, by the
 * program's shutdown hook or a test. Shutting down is graceful and happens once: it closes the
 * control servers (removing a UNIX socket file), the JMX agent and the queue, so that workers
 * finish the item in hand and take no other, gives them and the running jobs the configured
 * grace period to finish ({@link BaseTaskPool#shutdown(Duration)}, both pools at once),
 * cancels those still running then (a cancelled worker hands its item back to the queue) and
 * prints a summary,
 * which counts the items done and handed back and the jobs started and cancelled. Failures of
 * tasks that ended before the shutdown are printed with it; those during the grace period are
 * only logged, as a pool's shutdown does.
 *
 * <p>Thread-safe. All its threads are virtual, hence daemon threads: whoever started the demo
 * keeps the JVM alive by waiting in {@link #awaitEnd()}.
 */
public final class DemoDaemon {

    /** At most this many jobs run at once; more wait their turn. */
    static final int JOBS_POOL_SIZE = 4;
    /** With {@code --autoscale}, one worker per this many items waiting: about a second of work. */
    static final int AUTOSCALE_ITEMS_PER_WORKER = 20;

    /** The environment variable a token may come from, named in the connect hint instead of the token. */
    static final String TOKEN_VARIABLE = "TASKPOOL_TOKEN";

    /**
     * What the demo achieved, printed when it stops.
     *
     * @param reason        why it stopped
     * @param done          items done
     * @param total         items in all; 0 for an endless queue
     * @param workers       distinct workers that completed at least one item
     * @param handedBack    how often a stopped worker handed an unfinished item back
     * @param elapsed       from start to the end of the shutdown
     * @param resultSum     the sum of the results of the items done
     * @param expectedSum   the sum the results of all items must have, when all are done;
     *                      {@code null} otherwise
     * @param jobsStarted   jobs the {@code jobs} pool started
     * @param jobsCancelled jobs cancelled, by clients or by the shutdown, since the start
     */
    public record Summary(String reason, long done, long total, int workers, int handedBack, Duration elapsed,
                          long resultSum, Long expectedSum, long jobsStarted, long jobsCancelled) {

        /**
         * The summary line: {@code Summary: 5000 of 5000 items done by 3 workers in 1m23s ...},
         * with the items handed back, the jobs started and cancelled, and the checksum.
         */
        public String describe() {
            double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
            StringBuilder text = new StringBuilder("Summary: ").append(done);
            if (total > 0) {
                text.append(" of ").append(total);
            }
            text.append(String.format(Locale.ROOT, " items done by %d worker%s in %s (%.1f items/s)",
                    workers, workers == 1 ? "" : "s", Durations.format(elapsed), done / seconds));
            if (handedBack > 0) {
                text.append("; ").append(handedBack).append(handedBack == 1 ? " item" : " items")
                        .append(" handed back by stopped workers");
            }
            if (jobsStarted > 0 || jobsCancelled > 0) {
                text.append("; ").append(jobsStarted).append(jobsStarted == 1 ? " job" : " jobs")
                        .append(" started, ").append(jobsCancelled).append(" cancelled");
            }
            if (expectedSum != null) {
                text.append(String.format(Locale.ROOT, "; result checksum %016x, %s", resultSum,
                        expectedSum == resultSum ? "as expected: each item counted once"
                                : String.format(Locale.ROOT, "EXPECTED %016x", expectedSum)));
            }
            return text.append('.').toString();
        }
    }

    private final DemoConfig config;
    private final DemoQueue queue;
    private final SimpleTaskPool workers;
    private final TaskPool jobs;
    private final List<ControlServer> servers;
    private final JmxAgent jmx;
    private final DemoMetrics metrics;
    private volatile Autoscaler autoscaler;
    private final Console console;
    private final Consumer<String> announcer;
    private final ProgressReporter progress;
    private final long startNanos = System.nanoTime();
    private final CountDownLatch end = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CompletableFuture<Summary> summary = new CompletableFuture<>();
    private volatile Consumer<String> previousAnnouncer;

    private DemoDaemon(DemoConfig config, DemoQueue queue, SimpleTaskPool workers, TaskPool jobs,
                       List<ControlServer> servers, JmxAgent jmx, DemoMetrics metrics, Console console) {
        this.config = config;
        this.queue = queue;
        this.workers = workers;
        this.jobs = jobs;
        this.servers = List.copyOf(servers);
        this.jmx = jmx;
        this.metrics = metrics;
        this.console = console;
        this.announcer = console::println;
        this.progress = config.progress() == DemoConfig.Progress.OFF ? null : new ProgressReporter(console,
                new ProgressReporter.Sources(queue, workers::numRunning, jobs::numRunning,
                        () -> jobs.stats().cancelledTotal()),
                System::nanoTime);
    }

    /**
     * Starts the demo with {@link SimulatedWork} items: binds the control servers, registers the
     * pools with JMX and opens the JMX connector if asked to, prints where they listen, starts
     * the workers and the progress display. Returns at once.
     *
     * @param out where the demo writes; flushed after every line
     * @throws IOException if a control server or the JMX connector cannot listen, such as when
     *                     the port is taken ({@link JmxAgent.ConnectorException} for the
     *                     latter); nothing is left running then
     */
    public static DemoDaemon start(DemoConfig config, PrintWriter out) throws IOException {
        return start(config, new SimulatedWork(config.minItemTime(), config.maxItemTime()), out);
    }

    /** Like {@link #start(DemoConfig, PrintWriter)}, processing items with {@code processor}. */
    static DemoDaemon start(DemoConfig config, ItemProcessor processor, PrintWriter out) throws IOException {
        return start(config, processor, out, true);
    }

    /**
     * Like {@link #start(DemoConfig, ItemProcessor, PrintWriter)}, but without registering the
     * pools with JMX, where their names would clash with another demo's: for tests that run
     * several demos in one JVM, sharing a queue.
     */
    static DemoDaemon startBesideAnother(DemoConfig config, ItemProcessor processor, PrintWriter out)
            throws IOException {
        if (config.jmxPort() != null) {
            throw new IllegalArgumentException("a demo beside another has no JMX connector");
        }
        return start(config, processor, out, false);
    }

    private static DemoDaemon start(DemoConfig config, ItemProcessor processor, PrintWriter out, boolean mxBeans)
            throws IOException {
        Objects.requireNonNull(config, "config");
        DemoQueue queue = config.sharedQueue() != null ? SharedWorkQueue.open(config.sharedQueue())
                : config.items() == 0 ? WorkQueue.endless() : new WorkQueue(config.items());
        SimpleTaskPool workers = SimpleTaskPool.builder(new Worker(queue, processor))
                .name("workers").functionName("worker").build();
        TaskPool jobs = new TaskPool(JOBS_POOL_SIZE, "jobs");
        ControlServerBuilder control = ControlServer.forPools(workers, jobs)
                .functions(DemoJobs.functions())
                .options(ControlServer.Options.defaults().withToken(config.token()));
        List<ControlServer> servers = new ArrayList<>();
        JmxAgent jmx;
        DemoMetrics metrics = null;
        try {
            servers.add(control.start(ControlEndpoint.tcp(config.host(), config.port())));
            if (config.unixSocket() != null) {
                servers.add(control.start(ControlEndpoint.unix(config.unixSocket())));
            }
            jmx = JmxAgent.start(mxBeans ? List.of(workers, jobs) : List.of(), config.jmxPort(), config.token());
            if (config.metricsPort() != null) {
                try {
                    metrics = DemoMetrics.start(config.metricsPort(), List.of(workers, jobs));
                } catch (IOException | RuntimeException e) {
                    jmx.close();
                    throw e;
                }
            }
            if (queue instanceof SharedWorkQueue shared) {
                try {
                    // The TCP server: a fleet reaches it from other machines too, given a --host they can reach.
                    shared.queue().register(EndpointAddress.format(servers.get(0).endpoint()));
                } catch (RuntimeException e) {
                    jmx.close();
                    if (metrics != null) {
                        metrics.close();
                    }
                    throw e;
                }
            }
        } catch (IOException | RuntimeException e) {
            servers.forEach(ControlServer::close);
            if (queue instanceof SharedWorkQueue shared) {
                shared.shutdown();
            }
            throw e;
        }
        Console console = new Console(out, config.progress() == DemoConfig.Progress.LIVE);
        DemoDaemon daemon = new DemoDaemon(config, queue, workers, jobs, servers, jmx, metrics, console);
        daemon.begin();
        return daemon;
    }

    private void begin() {
        previousAnnouncer = DemoJobs.redirectOutput(announcer);
        console.println("Taskpool demo: " + (queue.isEndless() ? "endless work items"
                : queue instanceof SharedWorkQueue shared ? queue.size() + " work items in a queue shared with other "
                        + "demos, as node " + shared.queue().node()
                : config.items() + " work items") + ", " + config.workers()
                + " worker" + (config.workers() == 1 ? "" : "s") + " to start with.");
        for (ControlServer server : servers) {
            console.println("Control server listening on " + server.endpoint());
            console.println("Connect with: " + connectCommand(server.endpoint(), config.token(),
                    System.getenv(TOKEN_VARIABLE)));
        }
        console.println("JMX: jconsole " + ProcessHandle.current().pid()
                + " attaches to this process; the pools are under dev.taskpool in its MBeans tab.");
        if (jmx.address() != null) {
            console.println("JMX connector listening on " + jmx.address() + (jmx.requiresPassword()
                    ? " (loopback only; any user name, the control token as password)."
                    : " (loopback only; no password: any local user can connect)."));
        }
        if (metrics != null) {
            console.println("Metrics (Prometheus) at " + metrics.url());
        }
        console.println("Pools: 'workers' drains the queue (try: start 2, stop 1, tasks, pool-size 1);");
        console.println("       'jobs' runs functions (try: use jobs, functions, apply greet -a ('world', 2)).");
        console.println(queue.isEndless() ? "The items never run out; Ctrl+C stops the demo."
                : queue.isShared() ? "The demo stops by itself when no item of the shared queue is left; Ctrl+C "
                        + "stops it sooner, handing its items back to the others."
                : "The demo stops by itself when every item is done; Ctrl+C stops it sooner.");
        queue.allDone().thenRun(end::countDown);
        DemoJobs.useQueue(queue);
        if (config.workers() > 0) {
            workers.start(config.workers());
        }
        if (config.autoscale() != null) {
            // About a second of work a worker: items take 50 ms on average.
            autoscaler = Autoscaler.builder(workers)
                    .limits(config.autoscale().min(), config.autoscale().max())
                    .backlog(queue::waitingCount, AUTOSCALE_ITEMS_PER_WORKER)
                    .stabilizationWindow(Duration.ofSeconds(10)).cooldown(Duration.ofSeconds(5))
                    .build();
            autoscaler.start();
            console.println("Autoscaling: " + config.autoscale().min() + " to " + config.autoscale().max()
                    + " workers, one per " + AUTOSCALE_ITEMS_PER_WORKER + " items waiting (try: autoscale;"
                    + " use jobs, apply refill -a (2000,)).");
        }
        if (progress != null) {
            progress.start(config.progress().interval());
        }
    }

    /**
     * The command that connects the project's control client to {@code endpoint}. The token
     * itself is never shown: the hint names the environment variable when it holds the token,
     * and a placeholder otherwise.
     *
     * @param token         the server's token; {@code null} for none
     * @param tokenVariable the value of {@value #TOKEN_VARIABLE}; {@code null} if unset
     */
    static String connectCommand(ControlEndpoint endpoint, String token, String tokenVariable) {
        String command = switch (endpoint) {
            case ControlEndpoint.Tcp tcp -> "./taskpool control tcp " + tcp.host() + " " + tcp.port();
            case ControlEndpoint.Unix unix -> "./taskpool control unix " + unix.path();
        };
        if (token == null) {
            return command;
        }
        return command + " --token " + (token.equals(tokenVariable) ? "\"$" + TOKEN_VARIABLE + "\"" : "<token>");
    }

    /** The TCP port the control server listens on: the one chosen by the system if 0 was asked for. */
    public int port() {
        return servers.get(0).port();
    }

    /** The port the metrics are served on, the one chosen by the system if 0 was asked for; empty without metrics. */
    public OptionalInt metricsPort() {
        return metrics == null ? OptionalInt.empty() : OptionalInt.of(metrics.port());
    }

    /** Where each control server listens: TCP first, then the UNIX socket if there is one. */
    public List<ControlEndpoint> endpoints() {
        return servers.stream().map(ControlServer::endpoint).toList();
    }

    /**
     * Where JMX clients connect: {@code service:jmx:rmi:///jndi/rmi://127.0.0.1:PORT/jmxrmi};
     * {@code null} without a connector.
     */
    public JMXServiceURL jmxAddress() {
        return jmx.address();
    }

    /** The UNIX socket the second control server listens on, if any. */
    public Path unixSocket() {
        return config.unixSocket();
    }

    /**
     * Waits until every item is done or {@link #shutdown} has begun; with an endless queue, only
     * the latter.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public void awaitEnd() throws InterruptedException {
        end.await();
    }

    /**
     * Waits at most {@code timeout} until every item is done or {@link #shutdown} has begun.
     *
     * @return whether that happened in time
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return end.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Stops the demo gracefully and prints the summary; see the class comment for the steps.
     * Runs once: a concurrent or later call waits for the first one and returns its summary.
     * Never interrupted: if the calling thread is, it still waits and keeps its interrupt status.
     *
     * @param reason why the demo stops, for the output (such as {@code all items done})
     */
    public Summary shutdown(String reason) {
        if (!stopping.compareAndSet(false, true)) {
            return summary.join();
        }
        end.countDown();
        try {
            Summary result = stop(reason);
            summary.complete(result);
            return result;
        } catch (RuntimeException | Error e) {
            summary.completeExceptionally(e);
            throw e;
        }
    }

    private Summary stop(String reason) {
        if (progress != null) {
            if (console.isLive()) {
                progress.report();
            }
            progress.close();
        }
        console.println("Shutting down: " + reason + ".");
        // First, so that it starts no worker while they wind down.
        Autoscaler scaler = autoscaler;
        if (scaler != null) {
            scaler.close();
        }
        servers.forEach(ControlServer::close);
        jmx.close();
        queue.close();
        DemoJobs.useQueue(null);
        List<TaskFailure> failures = new ArrayList<>(workers.flush(true));
        failures.addAll(jobs.flush(true));
        long cancelledBefore = workers.stats().cancelledTotal();
        announceGrace();
        shutdownPools(config.grace());
        if (queue instanceof SharedWorkQueue shared) {
            // After the pools: every worker has settled its item by now.
            shared.shutdown();
        }
        int stopped = (int) (workers.stats().cancelledTotal() - cancelledBefore);
        PoolStats jobStats = jobs.stats();
        // Only now: a scrape during the shutdown still sees the pools wind down.
        if (metrics != null) {
            metrics.close();
        }
        if (stopped > 0) {
            console.println("Stopped " + stopped + " running worker" + (stopped == 1 ? "" : "s") + ".");
        }
        for (TaskFailure failure : failures) {
            console.println("Failed: " + failure);
        }
        long done = queue.doneCount();
        // With a shared queue the others did the rest: there is no total to check this share against.
        boolean whole = !queue.isEndless() && !queue.isShared();
        Long expected = whole && done == queue.size() ? SimulatedWork.expectedSum(queue.size()) : null;
        Summary result = new Summary(reason, done, whole ? queue.size() : 0, queue.doneByWorker().size(),
                queue.releasedCount(), Duration.ofNanos(System.nanoTime() - startNanos), queue.resultSum(), expected,
                jobStats.started(), jobStats.cancelledTotal());
        console.println(result.describe());
        DemoJobs.restoreOutput(announcer, previousAnnouncer);
        return result;
    }

    /** Says what the grace period waits for, if it waits for anything. */
    private void announceGrace() {
        int busyWorkers = workers.numRunning();
        int busyJobs = jobs.numRunning();
        if (config.grace().isZero() || busyWorkers + busyJobs == 0) {
            return;
        }
        List<String> busy = new ArrayList<>();
        if (busyWorkers > 0) {
            busy.add(busyWorkers + (busyWorkers == 1 ? " worker" : " workers"));
        }
        if (busyJobs > 0) {
            busy.add(busyJobs + (busyJobs == 1 ? " job" : " jobs"));
        }
        console.println("Giving " + String.join(" and ", busy) + " up to " + Durations.format(config.grace())
                + " to finish.");
    }

    /**
     * Shuts both pools down at once, so that they share one grace period, each on a thread of
     * its own: the caller waits for both, through interrupts, keeping its interrupt status.
     */
    private void shutdownPools(Duration grace) {
        CompletableFuture.allOf(shutdownInBackground(workers, grace), shutdownInBackground(jobs, grace)).join();
    }

    private static CompletableFuture<Void> shutdownInBackground(BaseTaskPool pool, Duration grace) {
        CompletableFuture<Void> down = new CompletableFuture<>();
        Thread.ofVirtual().name("demo-shutdown-" + pool.name()).start(() -> {
            try {
                pool.shutdown(grace);
                down.complete(null);
            } catch (Throwable e) {
                down.completeExceptionally(e);
            }
        });
        return down;
    }

    /**
     * Stops at once as a killed process would, for tests of what other demos sharing its queue
     * do then: the servers close, the shared queue is abandoned (no item handed back, the
     * registration and the leases left to run out) and every task is cancelled, without grace
     * or summary. A later {@link #shutdown} does nothing more.
     */
    void halt() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        if (progress != null) {
            progress.close();
        }
        servers.forEach(ControlServer::close);
        jmx.close();
        if (metrics != null) {
            metrics.close();
        }
        if (queue instanceof SharedWorkQueue shared) {
            shared.halt();
        }
        workers.cancelAll();
        jobs.cancelAll();
        DemoJobs.restoreOutput(announcer, previousAnnouncer);
        summary.complete(new Summary("halted", queue.doneCount(), 0, queue.doneByWorker().size(),
                queue.releasedCount(), Duration.ofNanos(System.nanoTime() - startNanos), queue.resultSum(), null,
                0, 0));
        end.countDown();
    }

    /** The queue of work items in memory; for a demo without {@code --queue}. */
    WorkQueue queue() {
        if (!(queue instanceof WorkQueue inMemory)) {
            throw new IllegalStateException("this demo drains a shared queue");
        }
        return inMemory;
    }

    /** The shared queue, for a demo with {@code --queue}; {@code null} otherwise. */
    SharedWorkQueue sharedQueue() {
        return queue instanceof SharedWorkQueue shared ? shared : null;
    }

    /** The pool of workers draining the queue. */
    SimpleTaskPool workers() {
        return workers;
    }

    /** The pool running {@link DemoJobs} on request. */
    TaskPool jobs() {
        return jobs;
    }

    /** The metrics, if the configuration asks for them; {@code null} otherwise. */
    DemoMetrics metrics() {
        return metrics;
    }
}
