package dev.taskpool.cli;

import dev.taskpool.control.ControlClient;
import dev.taskpool.control.ControlClientException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the same commands on every daemon of a fleet at once, one virtual thread and one
 * {@link ControlClient} per daemon, and prints the answers daemon by daemon in the targets'
 * order: {@code NODE: answer}, or {@code NODE:} and the answer's lines indented below it when
 * it has several. A daemon that cannot be reached, or does not answer within the timeout, is
 * printed as {@code NODE: no answer: why}, and the others answer all the same.
 */
final class FleetRun {

    /** What one command got from one daemon. */
    record Outcome(boolean answered, boolean ok, String text) {
        static Outcome noAnswer(String why) {
            return new Outcome(false, false, why);
        }

        int status() {
            return !answered ? SessionRunner.CONNECTION_FAILED : ok ? SessionRunner.OK : SessionRunner.COMMAND_FAILED;
        }
    }

    private final ControlClient.Options options;
    private final Duration timeout;

    /** @param options how to connect, the timeout as connect and answer timeout included */
    FleetRun(ControlClient.Options options) {
        this.options = options;
        this.timeout = options.connectTimeout();
    }

    /**
     * Runs {@code commands} on every target and prints the answers to {@code out}.
     *
     * @return the worst status of all: 2 if a daemon gave no answer, else 1 if a command
     *         failed somewhere, else 0
     */
    int run(List<FleetTarget> targets, List<String> commands, PrintStream out) throws InterruptedException {
        List<List<Outcome>> outcomes = ask(targets, commands);
        int status = SessionRunner.OK;
        for (int c = 0; c < commands.size(); c++) {
            if (commands.size() > 1) {
                out.println("> " + commands.get(c));
            }
            for (int t = 0; t < targets.size(); t++) {
                Outcome outcome = outcomes.get(t).get(c);
                print(targets.get(t).name(), outcome, out);
                status = Math.max(status, outcome.status());
            }
        }
        out.flush();
        return status;
    }

    /** Every target's outcomes, one per command, in the targets' order. */
    List<List<Outcome>> ask(List<FleetTarget> targets, List<String> commands) throws InterruptedException {
        List<CompletableFuture<List<Outcome>>> answers = new ArrayList<>();
        List<AtomicReference<ControlClient>> clients = new ArrayList<>();
        for (FleetTarget target : targets) {
            CompletableFuture<List<Outcome>> answer = new CompletableFuture<>();
            AtomicReference<ControlClient> client = new AtomicReference<>();
            Thread.ofVirtual().name("fleet-" + target.name()).start(() -> answer.complete(ask(target, commands, client)));
            answers.add(answer);
            clients.add(client);
        }
        // Each connection and answer has the timeout; this bounds the whole, should a daemon
        // trickle answers just within it.
        long deadline = System.nanoTime() + timeout.multipliedBy(commands.size() + 1).plusSeconds(1).toNanos();
        List<List<Outcome>> outcomes = new ArrayList<>();
        for (int t = 0; t < targets.size(); t++) {
            try {
                outcomes.add(answers.get(t).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                ControlClient client = clients.get(t).get();
                if (client != null) {
                    client.close();
                }
                outcomes.add(Collections.nCopies(commands.size(),
                        Outcome.noAnswer("no answer within " + seconds(timeout))));
            } catch (ExecutionException e) {
                throw new IllegalStateException("asking " + targets.get(t).name() + " failed", e.getCause());
            }
        }
        return outcomes;
    }

    private List<Outcome> ask(FleetTarget target, List<String> commands, AtomicReference<ControlClient> holder) {
        if (target.problem() != null) {
            return Collections.nCopies(commands.size(), Outcome.noAnswer(target.problem()));
        }
        List<Outcome> outcomes = new ArrayList<>();
        try (ControlClient client = ControlClient.connect(target.endpoint(), options)) {
            holder.set(client);
            for (String command : commands) {
                ControlClient.Response response = client.send(command);
                outcomes.add(new Outcome(true, response.ok(), InteractiveSession.printable(response.output())));
            }
        } catch (ControlClientException e) {
            return fill(outcomes, commands.size(), e.getMessage());
        } catch (IOException e) {
            return fill(outcomes, commands.size(), "cannot reach " + target.endpoint() + ": " + e.getMessage());
        }
        return outcomes;
    }

    private static List<Outcome> fill(List<Outcome> outcomes, int size, String why) {
        while (outcomes.size() < size) {
            outcomes.add(Outcome.noAnswer(why));
        }
        return outcomes;
    }

    static void print(String name, Outcome outcome, PrintStream out) {
        if (!outcome.answered()) {
            out.println(name + ": no answer: " + outcome.text());
        } else if (outcome.text().indexOf('\n') < 0) {
            out.println(name + ": " + outcome.text());
        } else {
            out.println(name + ":");
            outcome.text().lines().forEach(line -> out.println("  " + line));
        }
    }

    private static String seconds(Duration duration) {
        double seconds = duration.toMillis() / 1000.0;
        return (seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds)) + " s";
    }
}
