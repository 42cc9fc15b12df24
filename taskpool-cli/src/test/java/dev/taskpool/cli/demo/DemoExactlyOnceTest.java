package dev.taskpool.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The demo's promise: every item is processed exactly once, however control clients start,
 * stop, cancel and resize the workers meanwhile. Two real socket clients send a random mix of
 * commands concurrently while the items are processed, then make sure workers are running so
 * the work can finish; each repetition uses another seed, shown when it fails.
 */
class DemoExactlyOnceTest {

    private static final int ITEMS = 300;
    private static final Duration MIN_ITEM_TIME = Duration.ofMillis(1);
    private static final Duration MAX_ITEM_TIME = Duration.ofMillis(5);
    /** The chaos stops when this many items are done, so that the last ones finish in calm. */
    private static final int CHAOS_UNTIL_DONE = ITEMS * 3 / 4;
    /** Bounds each client's chaos even if it keeps the workers from making progress. */
    private static final int MAX_COMMANDS_PER_CLIENT = 4_000;
    private static final int CLIENTS = 2;
    /** Bounds each wait: the chaos, then the calm until every item is done. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private long seed;
    private final StringWriter output = new StringWriter();

    /** Whatever fails, a timeout included, is reported with the seed and the demo's output. */
    @RegisterExtension
    final TestExecutionExceptionHandler reportSeedAndOutput = (context, failure) -> {
        throw new AssertionError(failure + "\nseed " + seed + ", output:\n" + output, failure);
    };

    @RepeatedTest(5)
    void everyItemIsProcessedExactlyOnceWhateverClientsDo(RepetitionInfo repetition) throws Exception {
        seed = System.nanoTime() * 31 + repetition.getCurrentRepetition();
        AtomicIntegerArray processed = new AtomicIntegerArray(ITEMS);
        SimulatedWork work = new SimulatedWork(MIN_ITEM_TIME, MAX_ITEM_TIME);
        ItemProcessor counting = item -> {
            long result = work.process(item);
            processed.incrementAndGet((int) item);
            return result;
        };
        DemoConfig config = new DemoConfig("127.0.0.1", 0, null, 3, ITEMS, null,
                MIN_ITEM_TIME, MAX_ITEM_TIME, DemoConfig.Progress.OFF, Duration.ZERO, null);
        DemoDaemon daemon = DemoDaemon.start(config, counting, new PrintWriter(output));
        ExecutorService executor = Executors.newFixedThreadPool(CLIENTS);
        List<String> failures = new ArrayList<>();
        DemoDaemon.Summary summary;
        try {
            List<Future<List<String>>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Chaos chaos = new Chaos(daemon, new SplittableRandom(seed + c));
                clients.add(executor.submit(chaos::run));
            }
            for (Future<List<String>> client : clients) {
                failures.addAll(client.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            }
            try (ScriptClient client = ScriptClient.connect(daemon.port())) {
                client.value("use workers");
                client.value("pool-size inf");
                client.value("start 3");
            }
            await("every item done").atMost(PATIENCE).until(() -> daemon.queue().doneCount() == ITEMS);
        } finally {
            summary = daemon.shutdown("test over");
            // Only now: a client still busy after a failure loses its connection and stops.
            executor.close();
        }

        assertThat(failures).isEmpty();
        for (int item = 0; item < ITEMS; item++) {
            assertThat(processed.get(item)).as("times item %d was processed", item).isEqualTo(1);
            assertThat(daemon.queue().isDone(item)).as("item %d done", item).isTrue();
        }
        WorkQueue queue = daemon.queue();
        assertThat(queue.doneCount()).isEqualTo(ITEMS);
        assertThat(queue.inProgressCount()).isZero();
        assertThat(queue.doneByWorker().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(ITEMS);
        assertThat(queue.releasedCount()).as("items handed back by stopped workers").isPositive();
        assertThat(summary.done()).isEqualTo(ITEMS);
        assertThat(summary.resultSum()).isEqualTo(summary.expectedSum());
        assertThat(output.toString()).doesNotContain("Failed:").contains("as expected");
    }

    /**
     * One client's random commands. Errors are expected (cancelling a task that has ended,
     * stopping none...) except a {@code task-failed}, which means a worker broke.
     */
    private static final class Chaos {

        private final DemoDaemon daemon;
        private final SplittableRandom random;
        private final List<Integer> knownIds = new ArrayList<>();
        private final List<String> failures = new ArrayList<>();

        Chaos(DemoDaemon daemon, SplittableRandom random) {
            this.daemon = daemon;
            this.random = random;
        }

        List<String> run() throws Exception {
            try (ScriptClient client = ScriptClient.connect(daemon.port())) {
                assertThat(client.greeting()).containsEntry("status", "ok").containsEntry("pool", "workers");
                for (int i = 0; i < MAX_COMMANDS_PER_CLIENT && daemon.queue().doneCount() < CHAOS_UNTIL_DONE; i++) {
                    step(client);
                }
            }
            return failures;
        }

        private void step(ScriptClient client) throws Exception {
            int dice = random.nextInt(100);
            if (dice < 25) {
                send(client, "start " + (1 + random.nextInt(3)));
            } else if (dice < 40) {
                collectIds(send(client, "stop " + random.nextInt(3)));
            } else if (dice < 44) {
                collectIds(send(client, "stop-all"));
            } else if (dice < 58) {
                if (knownIds.isEmpty()) {
                    collectTaskIds(send(client, "tasks"));
                } else {
                    send(client, "cancel " + knownIds.get(random.nextInt(knownIds.size())));
                }
            } else if (dice < 68) {
                // Bounded during the chaos (an unbounded pool would run every queued worker at once
                // and finish the items in a flash); the calm after it lifts the bound.
                send(client, "pool-size " + random.nextInt(7));
            } else if (dice < 78) {
                collectTaskIds(send(client, "tasks"));
            } else if (dice < 86) {
                send(client, "flush");
            } else if (dice < 92) {
                send(client, "num-running");
            } else {
                send(client, "use jobs");
                send(client, "apply sleep -a (0.002,)");
                send(client, "use workers");
            }
        }

        private Map<String, Object> send(ScriptClient client, String command) throws Exception {
            Map<String, Object> answer = client.send(command);
            if ("error".equals(answer.get("status"))) {
                @SuppressWarnings("unchecked")
                String type = (String) ((Map<String, Object>) answer.get("error")).get("type");
                if (type.equals("task-failed") || type.equals("internal") || type.equals("syntax")
                        || type.equals("usage") || type.equals("unknown-command")) {
                    failures.add("'" + command + "' answered " + answer);
                }
            }
            return answer;
        }

        private void collectIds(Map<String, Object> answer) {
            if (answer.get("value") instanceof List<?> ids) {
                ids.forEach(id -> knownIds.add(((Number) id).intValue()));
            }
        }

        private void collectTaskIds(Map<String, Object> answer) {
            if (answer.get("value") instanceof List<?> tasks) {
                for (Object task : tasks) {
                    knownIds.add(((Number) ((Map<?, ?>) task).get("id")).intValue());
                }
            }
        }
    }
}
