package dev.taskpool.cli;

import dev.taskpool.queue.postgres.PostgresQueue;
import dev.taskpool.queue.postgres.QueueException;
import dev.taskpool.queue.postgres.QueueOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code taskpool queue}: the work queue in PostgreSQL that demos started with {@code --queue} share. */
@Command(name = "queue",
        description = {"Fills and inspects a work queue in PostgreSQL, the one demos started with "
                + "'--queue JDBC_URL' share (tables are created on first use).",
            "JDBC_URL is like jdbc:postgresql://127.0.0.1:5432/taskpool?user=taskpool; a password may be "
                    + "given with &password=... or in ~/.pgpass."},
        subcommands = {QueueSeedCommand.class, QueueStatusCommand.class})
final class QueueCommand implements Callable<Integer> {

    /** The command worked. */
    static final int OK = 0;
    /** The database failed, could not be reached, or refused what was asked. */
    static final int FAILED = 1;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: seed or status");
    }

    /**
     * Opens the queue for one command: one connection, and a node name of its own, which is
     * never recorded with a result or registered.
     */
    static PostgresQueue open(String jdbcUrl) throws QueueException {
        return PostgresQueue.open(jdbcUrl, QueueOptions.defaults()
                .withNode("taskpool-cli-" + ProcessHandle.current().pid()).withMaxConnections(1));
    }
}
