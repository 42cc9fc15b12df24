package dev.taskpool.cli;

import dev.taskpool.control.ControlClient;
import dev.taskpool.queue.postgres.QueueException;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutionException;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;

/**
 * {@code control fleet --watch}: one row per daemon, refreshed about once a second until a key
 * is pressed ({@link LiveScreen}). Each refresh reads the live daemons again (new ones appear,
 * those that stop renewing drop out) and asks every daemon for {@code stats} at once, on a
 * connection kept from one refresh to the next; items per second come from the queue's
 * database, the results each daemon recorded.
 */
final class FleetWatchView {

    /** How far back the items rate looks. */
    static final Duration RATE_WINDOW = Duration.ofSeconds(5);

    /** What the view keeps about one daemon between refreshes. */
    private static final class Node {
        final WatchModel model = new WatchModel();
        final ArrayDeque<long[]> doneSamples = new ArrayDeque<>();
        ControlClient client;
        String problem;
        CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);

        void close() {
            if (client != null) {
                client.close();
            }
        }
    }

    private final Terminal terminal;
    private final FleetTargets targets;
    private final ControlClient.Options options;
    private final boolean colour;
    private final Map<String, Node> nodes = new HashMap<>();

    FleetWatchView(Terminal terminal, FleetTargets targets, ControlClient.Options options, boolean colour) {
        this.terminal = terminal;
        this.targets = targets;
        this.options = options;
        this.colour = colour;
    }

    /** Shows the view until a key is pressed. */
    void run() {
        try {
            LiveScreen.show(terminal, this::frame);
        } finally {
            nodes.values().forEach(Node::close);
        }
    }

    private List<AttributedString> frame(int columns, int rows) {
        String note = null;
        List<FleetTarget> current;
        try {
            current = targets.current();
        } catch (QueueException e) {
            note = "cannot read the daemons from the database: " + e.getMessage();
            current = nodes.keySet().stream().sorted().map(name -> new FleetTarget(name, null, "not known now")).toList();
        }
        refresh(current);
        Map<String, Long> done = Map.of();
        if (targets.hasDatabase() && note == null) {
            try {
                done = targets.doneByNode();
            } catch (QueueException e) {
                note = "cannot read the items done from the database: " + e.getMessage();
            }
        }
        long now = System.nanoTime();
        List<FleetWatchScreen.Row> shown = new ArrayList<>();
        for (FleetTarget target : current) {
            Node node = nodes.get(target.name());
            Double itemsRate = targets.hasDatabase() ? itemsRate(node, done.getOrDefault(target.name(), 0L), now) : null;
            shown.add(new FleetWatchScreen.Row(target.name(), node.problem, node.model, itemsRate,
                    targets.hasDatabase() ? done.getOrDefault(target.name(), 0L) : -1));
        }
        return FleetWatchScreen.render(shown, note, LocalTime.now(), columns, rows, colour);
    }

    /** Asks every daemon for stats at once, waiting at most the timeout. */
    private void refresh(List<FleetTarget> current) {
        Map<String, FleetTarget> byName = new HashMap<>();
        current.forEach(target -> byName.put(target.name(), target));
        nodes.entrySet().removeIf(entry -> {
            boolean gone = !byName.containsKey(entry.getKey());
            if (gone) {
                entry.getValue().close();
            }
            return gone;
        });
        List<CompletableFuture<Void>> asked = new ArrayList<>();
        for (FleetTarget target : current) {
            Node node = nodes.computeIfAbsent(target.name(), name -> new Node());
            if (!node.inFlight.isDone()) {
                node.problem = "no answer within " + options.connectTimeout().toSeconds() + " s";
                continue;
            }
            CompletableFuture<Void> ask = new CompletableFuture<>();
            node.inFlight = ask;
            asked.add(ask);
            Thread.ofVirtual().name("fleet-watch-" + target.name()).start(() -> {
                ask(target, node);
                ask.complete(null);
            });
        }
        long deadline = System.nanoTime() + options.connectTimeout().toNanos();
        for (CompletableFuture<Void> ask : asked) {
            try {
                ask.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // Shown as no answer at the next refresh, if it is still waiting then.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void ask(FleetTarget target, Node node) {
        if (target.problem() != null) {
            node.problem = target.problem();
            return;
        }
        try {
            if (node.client == null || node.client.isClosed()) {
                node.client = ControlClient.connect(target.endpoint(), options);
            }
            ControlClient.Response stats = node.client.send("stats");
            if (stats.ok()) {
                node.model.update(stats.value(), null, System.nanoTime(), LocalTime.now());
            } else {
                node.model.updateError(stats.output(), LocalTime.now());
            }
            node.problem = null;
        } catch (IOException e) {
            node.problem = e.getMessage();
            if (node.client != null) {
                node.client.close();
                node.client = null;
            }
        }
    }

    /** Items per second over the last {@link #RATE_WINDOW}, from the done counts seen so far. */
    private static Double itemsRate(Node node, long done, long now) {
        node.doneSamples.addLast(new long[] {now, done});
        while (node.doneSamples.size() > 2 && now - node.doneSamples.peekFirst()[0] > RATE_WINDOW.toNanos()) {
            node.doneSamples.removeFirst();
        }
        long[] oldest = node.doneSamples.peekFirst();
        long span = now - oldest[0];
        return span <= 0 ? 0.0 : Math.max(0, done - oldest[1]) * 1e9 / span;
    }
}
