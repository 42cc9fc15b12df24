package dev.taskpool.cli;

import dev.taskpool.queue.postgres.PostgresQueue;
import dev.taskpool.queue.postgres.QueueException;
import dev.taskpool.queue.postgres.SeedMode;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code taskpool queue seed JDBC_URL --items N}. */
@Command(name = "seed",
        description = "Fills an empty queue with N items, numbered from 0. A queue that has items is "
                + "refused unless --append or --replace says what to do with them.",
        footer = {"", "Examples:",
            "  taskpool queue seed 'jdbc:postgresql://127.0.0.1:5432/taskpool?user=taskpool' --items 2000",
            "  taskpool queue seed 'jdbc:postgresql://127.0.0.1:5432/taskpool?user=taskpool' --items 500 --append",
            "", "Exit status: 0 when the items were added, 1 when the queue was refused or the database "
                    + "failed, 2 on a usage error."})
final class QueueSeedCommand implements Callable<Integer> {

    @ParentCommand
    QueueCommand queue;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JDBC_URL", description = "The queue's database.")
    String jdbcUrl;

    @Option(names = "--items", paramLabel = "N", required = true, description = "How many items to add, 1 or more.")
    long items;

    @ArgGroup(exclusive = true)
    Existing existing;

    /** What to do with items already there. */
    static final class Existing {
        @Option(names = "--append", description = "Add the items after those there are, numbered on from the highest.")
        boolean append;

        @Option(names = "--replace",
                description = "Delete every item, result and late completion first, then seed from 0.")
        boolean replace;
    }

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        if (items < 1) {
            throw new ParameterException(spec.commandLine(), "--items must be at least 1, got " + items);
        }
        CliEnvironment environment = queue.main.environment();
        SeedMode mode = existing == null ? SeedMode.IF_EMPTY
                : existing.append ? SeedMode.APPEND : SeedMode.REPLACE;
        try (PostgresQueue opened = QueueCommand.open(jdbcUrl)) {
            long first = opened.seed(items, mode);
            long pending = opened.status().pending();
            environment.out().println("Added " + items + (items == 1 ? " item" : " items") + ", numbered "
                    + first + (items == 1 ? "" : " to " + (first + items - 1)) + "; " + pending + " pending.");
            return QueueCommand.OK;
        } catch (IllegalStateException | QueueException e) {
            environment.err().println("taskpool: " + e.getMessage());
            return QueueCommand.FAILED;
        }
    }
}
