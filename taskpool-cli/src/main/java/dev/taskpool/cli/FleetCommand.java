package dev.taskpool.cli;

import dev.taskpool.cli.demo.DurationConverter;
import dev.taskpool.control.ControlClient;
import dev.taskpool.queue.postgres.QueueException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code taskpool control fleet [JDBC_URL] [--target ENDPOINT]... -c COMMAND... | --watch}. */
@Command(name = "fleet",
        description = {"Runs commands on every daemon of a fleet at once: those registered and live in a "
                + "work queue's database (demos started with --queue), those given with --target, or both. "
                + "Each daemon's answer is printed as 'NODE: answer' (a block when it has several lines), "
                + "in name order; a daemon that cannot be reached or does not answer in time is printed as "
                + "'NODE: no answer: why' while the others answer."},
        footer = {"", "Examples:",
            "  taskpool control fleet 'jdbc:postgresql://127.0.0.1:5432/taskpool?user=taskpool' -c num-running",
            "  taskpool control fleet --target tcp:127.0.0.1:9999 --target unix:/run/app.sock -c 'pool-size 4'",
            "  taskpool control fleet 'jdbc:postgresql://127.0.0.1:5432/taskpool?user=taskpool' --watch",
            "", "Exit status: the worst of all daemons: 0 when every command succeeded everywhere, 1 when a "
                    + "command failed on a daemon, 2 when a daemon could not be reached or did not answer "
                    + "within the timeout, the database could not be read or no daemon is live, or on a "
                    + "usage error."})
final class FleetCommand implements Callable<Integer> {

    @ParentCommand
    ControlCommand control;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "JDBC_URL",
            description = "A work queue's database: the daemons registered there and live.")
    String jdbcUrl;

    @Option(names = "--target", paramLabel = "ENDPOINT",
            description = "A daemon's control server, as tcp:HOST:PORT or unix:PATH; repeat for several. "
                    + "With or without JDBC_URL.")
    List<String> targets = new ArrayList<>();

    @Option(names = {"-c", "--command"}, paramLabel = "COMMAND",
            description = "Run COMMAND on every daemon; repeat to run several, in order, each daemon on one "
                    + "connection. Quote a command with arguments: -c 'pool-size 4'.")
    List<String> commands = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5", converter = DurationConverter.class,
            description = "How long each daemon has to accept the connection and to answer each command: "
                    + "seconds (5, 2.5) or with a unit (5s, 500ms) (default: ${DEFAULT-VALUE} s).")
    Duration timeout;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "The token the daemons require, sent to every one. Default: the "
                    + SessionOptions.TOKEN_VARIABLE + " environment variable.")
    String token;

    @Option(names = "--watch",
            description = "Show one row per daemon instead (state, pool size, running tasks, tasks and items "
                    + "per second), refreshed every second until a key is pressed. Needs a terminal.")
    boolean watch;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() throws InterruptedException {
        List<FleetTarget> given = new ArrayList<>();
        for (String target : targets) {
            try {
                given.add(FleetTarget.parse(target));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--target " + e.getMessage());
            }
        }
        if (jdbcUrl == null && given.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Name the daemons: a JDBC_URL, one or more --target, or both");
        }
        if (watch && !commands.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--watch cannot be combined with -c/--command");
        }
        if (!watch && commands.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Give the commands to run with -c, or use --watch");
        }
        if (timeout.isZero()) {
            throw new ParameterException(spec.commandLine(), "--timeout must be positive");
        }
        CliEnvironment environment = control.main.environment();
        if (watch && !environment.terminals().interactive()) {
            environment.err().println("taskpool: --watch needs a terminal");
            return SessionRunner.CONNECTION_FAILED;
        }
        ControlClient.Options options = ControlClient.Options.defaults()
                .withToken(SessionOptions.token(token, environment))
                .withTerminalWidth(environment.columns())
                .withConnectTimeout(timeout)
                .withAnswerTimeout(timeout);
        try (FleetTargets fleet = new FleetTargets(jdbcUrl, given)) {
            return watch ? watch(environment, fleet, options) : runCommands(environment, fleet, options);
        } catch (QueueException e) {
            environment.err().println("taskpool: " + e.getMessage());
            return SessionRunner.CONNECTION_FAILED;
        }
    }

    private int runCommands(CliEnvironment environment, FleetTargets fleet, ControlClient.Options options)
            throws InterruptedException {
        List<FleetTarget> current = fleet.current();
        if (current.isEmpty()) {
            environment.err().println("taskpool: no live daemon is registered in the database");
            return SessionRunner.CONNECTION_FAILED;
        }
        return new FleetRun(options).run(current, commands, environment.out());
    }

    private int watch(CliEnvironment environment, FleetTargets fleet, ControlClient.Options options) {
        try (Terminal terminal = environment.terminals().open()) {
            new FleetWatchView(terminal, fleet, options, Colours.enabled(terminal, environment)).run();
            return SessionRunner.OK;
        } catch (IOException e) {
            environment.err().println("taskpool: cannot use the terminal: " + e.getMessage());
            return SessionRunner.CONNECTION_FAILED;
        }
    }
}
