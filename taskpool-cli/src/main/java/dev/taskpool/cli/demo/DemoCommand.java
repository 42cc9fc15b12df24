package dev.taskpool.cli.demo;

import dev.taskpool.queue.postgres.QueueException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code taskpool demo}: runs the {@link DemoDaemon} until its work is done (never, with
 * {@code --items 0}) or the process is told to stop (Ctrl+C, SIGTERM), then shuts it down
 * gracefully, within the {@code --grace} period and a moment more. Reads the options, wires
 * the daemon, installs the shutdown hook and waits.
 *
 * <p>Exit status: 0 after a graceful end, whether the work is done or Ctrl+C or SIGTERM asked
 * for it; 1 if a control server, the JMX connector or the metrics cannot listen, or the shared
 * queue's database cannot be reached; 2 for bad options
 * (picocli's usage error).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Runs a demo daemon: a pool of workers drains a queue of simulated work items while a "
                    + "control server lets you watch and steer it live: start and stop workers, "
                    + "resize the pool, cancel tasks, run functions in a second pool.",
            "Every item is done exactly once, however workers are stopped. The demo ends by itself "
                    + "when every item is done, or gracefully on Ctrl+C or SIGTERM, with a summary.",
            "Memory does not grow with --items: items are made as workers take them, and only those "
                    + "handed back by stopped workers are kept."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Host or address the TCP control server binds (default: ${DEFAULT-VALUE}, "
                    + "reachable from this machine only).")
    private String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9999",
            description = "TCP port of the control server; 0 lets the system choose a free one "
                    + "(default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--unix", paramLabel = "PATH",
            description = "Also serve the control interface on a UNIX domain socket at PATH; "
                    + "the socket file is removed on shutdown.")
    private Path unixSocket;

    @Option(names = "--jmx-port", paramLabel = "PORT",
            description = "Also open a JMX connector on 127.0.0.1:PORT (0 for a free port; its address "
                    + "is printed at start), for 'jconsole 127.0.0.1:PORT' and other JMX clients; the "
                    + "token, if there is one, is its password, for any user name. Without it, jconsole "
                    + "attaches to the process by its ID.")
    private Integer jmxPort;

    @Option(names = "--autoscale", paramLabel = "MIN:MAX",
            description = "Let the workers follow the queue: between MIN and MAX of them, one per "
                    + DemoDaemon.AUTOSCALE_ITEMS_PER_WORKER + " items waiting, up at once and down slowly "
                    + "(see 'autoscale' in a control session; 'use jobs' then 'apply refill -a (2000,)' adds items).")
    private String autoscale;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve the metrics of both pools and of the JVM in the Prometheus text format "
                    + "at /metrics on this TCP port of 127.0.0.1 (reachable from this machine only); 0 lets "
                    + "the system choose a free one (default: no metrics).")
    private Integer metricsPort;

    @Option(names = "--queue", paramLabel = "JDBC_URL",
            description = "Drain a work queue in PostgreSQL, shared with every demo given the same URL, "
                    + "instead of items in memory (--items is then unused; fill it with 'taskpool queue seed'), "
                    + "and register this demo's control server there for 'taskpool control fleet'. "
                    + "Example: jdbc:postgresql://127.0.0.1:5432/taskpool?user=taskpool")
    private String queue;

    @Option(names = "--node", paramLabel = "NAME",
            description = "With --queue: the name this demo records its results and registers under; "
                    + "unique among the demos sharing the queue (default: HOST-PID).")
    private String node;

    @Option(names = "--lease", paramLabel = "DURATION", defaultValue = "10", converter = DurationConverter.class,
            description = "With --queue: how long a claimed item stays this demo's without a renewal; "
                    + "renewed every third of it, so an item goes to another demo within this time of "
                    + "this one dying (default: ${DEFAULT-VALUE} s).")
    private Duration lease;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "3",
            description = "Workers to start with (default: ${DEFAULT-VALUE}); 0 leaves starting "
                    + "them to a control client ('start N').")
    private int workers;

    @Option(names = "--items", paramLabel = "N", defaultValue = "5000",
            description = "Work items in the queue; 0 runs endlessly, until Ctrl+C or SIGTERM "
                    + "(default: ${DEFAULT-VALUE}).")
    private int items;

    @Option(names = "--item-time", paramLabel = "MIN[..MAX]", defaultValue = "20ms..80ms",
            description = "How long an item takes: between MIN and MAX, the same for an item on every "
                    + "run; durations as for --grace (default: ${DEFAULT-VALUE}).")
    private String itemTime;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:" + DemoDaemon.TOKEN_VARIABLE + "}",
            description = "Secret that control clients must present (default: the "
                    + DemoDaemon.TOKEN_VARIABLE + " environment variable, which keeps it out of "
                    + "the process list; none if unset).")
    private String token;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "10", converter = DurationConverter.class,
            description = "How long the shutdown on Ctrl+C or SIGTERM lets workers finish the item in hand "
                    + "and jobs finish before it cancels them (a cancelled worker hands its item back): "
                    + "seconds (10, 2.5) or with a unit (10s, 500ms) (default: ${DEFAULT-VALUE} s).")
    private Duration grace;

    @Override
    public Integer call() throws InterruptedException {
        DemoConfig config = config();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DemoDaemon daemon;
        try {
            daemon = DemoDaemon.start(config, out);
        } catch (JmxAgent.ConnectorException | DemoMetrics.MetricsPortException | QueueException e) {
            err.println("demo: " + e.getMessage());
            err.flush();
            return 1;
        } catch (IOException e) {
            err.println("demo: cannot start the control server: " + e);
            err.flush();
            return 1;
        }
        Thread hook = new Thread(() -> {
            daemon.shutdown("stopped by a signal (Ctrl+C or SIGTERM)");
            out.flush();
            // The shutdown was graceful, so say so: the JVM would otherwise exit with the
            // signal's status (130 or 143), which scripts and supervisors read as a failure.
            Runtime.getRuntime().halt(0);
        }, "taskpool-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            daemon.awaitEnd();
        } finally {
            // If the hook started the shutdown, this waits for it to finish.
            daemon.shutdown("all items done");
            removeHook(hook);
        }
        return 0;
    }

    private DemoConfig config() {
        requirePort("--port", port);
        requirePort("--metrics-port", metricsPort);
        requirePort("--jmx-port", jmxPort);
        requireAtLeast("--workers", workers, 0);
        requireAtLeast("--items", items, 0);
        if (host.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--host must not be blank");
        }
        String secret = token == null || token.isBlank() ? null : token;
        DemoConfig.Progress progress = Console.stdoutIsTerminal()
                ? DemoConfig.Progress.LIVE : DemoConfig.Progress.LINES;
        Duration[] itemTimes = itemTimes();
        DemoConfig config = new DemoConfig(host, port, unixSocket, workers, items, secret,
                itemTimes[0], itemTimes[1], progress, grace, jmxPort, metricsPort, autoscaleLimits(), null);
        if (queue == null) {
            if (node != null) {
                throw new ParameterException(spec.commandLine(), "--node needs --queue");
            }
            return config;
        }
        if (node != null && node.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--node must not be blank");
        }
        if (lease.isZero()) {
            throw new ParameterException(spec.commandLine(), "--lease must be positive");
        }
        return config.withSharedQueue(new DemoConfig.SharedQueue(queue, node, lease));
    }

    /** The shortest and the longest time of an item, from {@code --item-time}: {@code 5s} is {@code 5s..5s}. */
    private Duration[] itemTimes() {
        String[] bounds = itemTime.split("\\.\\.", -1);
        if (bounds.length > 2) {
            throw new ParameterException(spec.commandLine(),
                    "--item-time must be one duration or two as MIN..MAX, got '" + itemTime + "'");
        }
        Duration min;
        Duration max;
        try {
            min = new DurationConverter().convert(bounds[0]);
            max = bounds.length == 1 ? min : new DurationConverter().convert(bounds[1]);
        } catch (TypeConversionException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--item-time': " + e.getMessage());
        }
        if (min.compareTo(max) > 0) {
            throw new ParameterException(spec.commandLine(),
                    "--item-time needs MIN no longer than MAX, got '" + itemTime + "'");
        }
        return new Duration[] {min, max};
    }

    private DemoConfig.Autoscale autoscaleLimits() {
        if (autoscale == null) {
            return null;
        }
        java.util.regex.Matcher limits = java.util.regex.Pattern.compile("(\\d{1,6}):(\\d{1,6})").matcher(autoscale.strip());
        if (!limits.matches()) {
            throw new ParameterException(spec.commandLine(), "--autoscale must be MIN:MAX, such as 1:8, got '"
                    + autoscale + "'");
        }
        int min = Integer.parseInt(limits.group(1));
        int max = Integer.parseInt(limits.group(2));
        if (min > max) {
            throw new ParameterException(spec.commandLine(), "--autoscale needs MIN <= MAX, got " + autoscale);
        }
        return new DemoConfig.Autoscale(min, max);
    }

    /** A port option, if given, in 0..65535. */
    private void requirePort(String option, Integer value) {
        if (value == null) {
            return;
        }
        requireAtLeast(option, value, 0);
        if (value > 0xFFFF) {
            throw new ParameterException(spec.commandLine(), option + " must be at most 65535, got " + value);
        }
    }

    private void requireAtLeast(String option, int value, int min) {
        if (value < min) {
            throw new ParameterException(spec.commandLine(), option + " must be at least " + min + ", got " + value);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook has run or is running, and that is fine.
        }
    }
}
