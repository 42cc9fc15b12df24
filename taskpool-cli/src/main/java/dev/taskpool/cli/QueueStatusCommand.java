package dev.taskpool.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.taskpool.queue.postgres.PostgresQueue;
import dev.taskpool.queue.postgres.QueueException;
import dev.taskpool.queue.postgres.QueueStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code taskpool queue status JDBC_URL [--json]}. */
@Command(name = "status",
        description = {"Shows the queue in one snapshot: items pending (waiting, handed back, or whose "
                + "lease ran out), leased, done; completions refused as late because another daemon had "
                + "taken the item over; duplicates (items with more than one recorded result: always 0); "
                + "and the items each daemon did, with whether it is live and where its control server "
                + "listens."},
        footer = {"", "JSON (--json): {\"pending\":0,\"leased\":0,\"done\":2000,\"late\":0,\"duplicates\":0,"
                + "\"nodes\":{\"NAME\":{\"done\":1000,\"live\":true,\"endpoint\":\"tcp:127.0.0.1:9999\"},...}}",
            "", "Exit status: 0 when the status was read, 1 when the database failed, 2 on a usage error."})
final class QueueStatusCommand implements Callable<Integer> {

    @ParentCommand
    QueueCommand queue;

    @Parameters(index = "0", paramLabel = "JDBC_URL", description = "The queue's database.")
    String jdbcUrl;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() throws IOException {
        CliEnvironment environment = queue.main.environment();
        QueueStatus status;
        try (PostgresQueue opened = QueueCommand.open(jdbcUrl)) {
            status = opened.status();
        } catch (QueueException e) {
            environment.err().println("taskpool: " + e.getMessage());
            return QueueCommand.FAILED;
        }
        if (json) {
            environment.out().println(JSON.std.asString(asJson(status)));
        } else {
            print(status, environment.out());
        }
        return QueueCommand.OK;
    }

    static Map<String, Object> asJson(QueueStatus status) {
        Map<String, Object> nodes = new LinkedHashMap<>();
        status.nodes().forEach((name, node) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("done", node.done());
            entry.put("live", node.live());
            entry.put("endpoint", node.endpoint());
            nodes.put(name, entry);
        });
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pending", status.pending());
        json.put("leased", status.leased());
        json.put("done", status.done());
        json.put("late", status.late());
        json.put("duplicates", status.duplicates());
        json.put("nodes", nodes);
        return json;
    }

    private static void print(QueueStatus status, PrintStream out) {
        out.printf(Locale.ROOT, "pending     %d%n", status.pending());
        out.printf(Locale.ROOT, "leased      %d%n", status.leased());
        out.printf(Locale.ROOT, "done        %d%n", status.done());
        out.printf(Locale.ROOT, "late        %d%n", status.late());
        out.printf(Locale.ROOT, "duplicates  %d%n", status.duplicates());
        if (status.nodes().isEmpty()) {
            return;
        }
        int width = Math.max("NODE".length(), status.nodes().keySet().stream().mapToInt(String::length).max().orElse(0));
        String row = "%-" + width + "s  %6s  %-4s  %s%n";
        out.println();
        out.printf(Locale.ROOT, row, "NODE", "DONE", "LIVE", "ENDPOINT");
        for (QueueStatus.Node node : status.nodes().values()) {
            out.printf(Locale.ROOT, row, node.name(), node.done(), node.live() ? "yes" : "no",
                    node.endpoint() == null ? "-" : node.endpoint());
        }
    }
}
