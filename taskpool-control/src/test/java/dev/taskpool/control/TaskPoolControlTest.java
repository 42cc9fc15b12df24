package dev.taskpool.control;

import dev.taskpool.SimpleTaskPool;
import dev.taskpool.TaskPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The general pool's commands (apply, map, starmap, doublestarmap) over real TCP and UNIX
 * sockets in both modes, with functions from an allow-list, and a server of two pools.
 */
class TaskPoolControlTest {

    @TempDir
    Path tempDir;

    private final TaskPool jobs = new TaskPool(10, "jobs");
    private final SimpleTaskPool workers = SimpleTaskPool.builder(() -> Thread.sleep(Long.MAX_VALUE))
            .name("workers").build();
    private ControlServer server;

    @BeforeEach
    void clearCalls() {
        Jobs.CALLS.clear();
    }

    private PoolSession connect(Transport transport, boolean framed) throws Exception {
        FunctionRegistry functions = new FunctionRegistry().allowClass(Jobs.class);
        server = ControlServer.forPools(jobs, workers).functions(functions).start(transport.endpoint(tempDir));
        return PoolSession.open(server.endpoint(), framed);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        jobs.cancelAll();
        workers.cancelAll();
    }

    @ParameterizedTest
    @MethodSource("dev.taskpool.control.Transport#withModes")
    void theMapFamilyStartsGroupsNamedAfterTheirFunction(Transport transport, boolean framed) throws Exception {
        try (PoolSession session = connect(transport, framed)) {
            assertThat(session.output("map dev.taskpool.control.Jobs.worker ['x','y','z'] -n 3"))
                    .isEqualTo("map-worker-group-0");
            assertThat(session.output("apply dev.taskpool.control.Jobs.two -a (1,2) -n 2"))
                    .isEqualTo("apply-two-group-0");
            assertThat(session.output("starmap dev.taskpool.control.Jobs.two [(1,2),(3,4)] -n 2"))
                    .isEqualTo("starmap-two-group-0");
            assertThat(session.output("doublestarmap dev.taskpool.control.Jobs.two [{'a':5,'b':6}]"))
                    .isEqualTo("doublestarmap-two-group-0");
            await().until(() -> Jobs.CALLS.size() == 8);
            assertThat(Jobs.CALLS).containsExactlyInAnyOrder("worker(x)", "worker(y)", "worker(z)",
                    "two(1, 2)", "two(1, 2)", "two(1, 2)", "two(3, 4)", "two(5, 6)");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.taskpool.control.Transport#withModes")
    void literalsWithSpacesAndQuotesSurviveTheCommandLine(Transport transport, boolean framed) throws Exception {
        try (PoolSession session = connect(transport, framed)) {
            session.send("apply dev.taskpool.control.Jobs.greet -a ('hello world', [\"a b\", 'it\\'s']) -g \"my group\"");
            await().until(() -> Jobs.CALLS.contains("greet(hello world, [a b, it's])"));
            assertThat(session.output("get-group-ids 'my group'")).isEqualTo("{0}");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.taskpool.control.Transport#withModes")
    void functionsNamesMatchIgnoringCaseAsTheReferenceClientLowerCasesLines(Transport transport, boolean framed)
            throws Exception {
        try (PoolSession session = connect(transport, framed)) {
            assertThat(session.output("map dev.taskpool.control.jobs.worker ['x'] -n 1")).isEqualTo("map-worker-group-0");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.taskpool.control.Transport#withModes")
    void unregisteredFunctionsAreRefused(Transport transport, boolean framed) throws Exception {
        try (PoolSession session = connect(transport, framed)) {
            PoolSession.Answer answer = session.send("apply java.lang.Runtime.exec -a ('ls',)");
            assertThat(answer.output()).endsWith("\napply: error: argument function: function "
                    + "'java.lang.Runtime.exec' is not registered with this server; see 'functions' for those that are\n");
            if (framed) {
                assertThat(answer.errorType()).isEqualTo("refused");
            }
            assertThat(jobs.numRunning()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.taskpool.control.Transport#withModes")
    void badLiteralsAndArgumentsAreReportedWithUsage(Transport transport, boolean framed) throws Exception {
        try (PoolSession session = connect(transport, framed)) {
            assertThat(session.output("map dev.taskpool.control.Jobs.worker [1,2"))
                    .startsWith("usage: map [-h]").endsWith("\nmap: error: unclosed '[' at column 37\n");
            assertThat(session.output("map dev.taskpool.control.Jobs.worker foo"))
                    .startsWith("usage: map [-h]")
                    .endsWith("\nmap: error: argument arg-iter: invalid list value: 'foo' "
                            + "(at position 0: 'foo' is not a literal (names, calls and expressions are not allowed))\n");
            assertThat(session.output("apply dev.taskpool.control.Jobs.two -a (1,)"))
                    .isEqualTo("two is missing a value for parameter 'b'");
            assertThat(session.output("apply dev.taskpool.control.Jobs.two -k {1: 2}"))
                    .endsWith("error: argument -k/--kwargs: invalid dict value: '{1: 2}' "
                            + "(keys must be parameter names, as strings)\n");
            assertThat(session.output("cancel-group nope")).isEqualTo("No task group named nope exists in jobs");
            assertThat(session.output("apply dev.taskpool.control.Jobs.two -a (1,2) -e dev.taskpool.control.Jobs.two"))
                    .endsWith("error: argument -e/--end-callback: two cannot be a callback: it must take exactly "
                            + "one parameter, the task ID\n");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.taskpool.control.Transport#withModes")
    void callbacksNamedByTheClientAreCalled(Transport transport, boolean framed) throws Exception {
        try (PoolSession session = connect(transport, framed)) {
            session.send("apply dev.taskpool.control.Jobs.greet -a ('hi', []) -e dev.taskpool.control.Jobs.ended");
            await().until(() -> Jobs.CALLS.contains("ended(0)"));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.taskpool.control.Transport#withModes")
    void aSessionSwitchesBetweenPools(Transport transport, boolean framed) throws Exception {
        try (PoolSession session = connect(transport, framed)) {
            assertThat(session.greeting).isEqualTo("jobs");
            PoolSession.Answer pools = session.send("pools");
            assertThat(pools.output()).isEqualTo("* jobs (TaskPool)\n  workers (SimpleTaskPool)");
            assertThat(session.output("start 1")).contains("error: argument command: invalid choice: 'start'");
            assertThat(session.output("use workers")).isEqualTo("now using workers");
            assertThat(session.output("start 1")).isEqualTo("start-group-0");
            assertThat(session.output("use nowhere")).isEqualTo("usage: use [-h] name\nuse: error: argument name: "
                    + "invalid choice: 'nowhere' (choose from 'jobs', 'workers')\n");
            if (framed) {
                assertThat(pools.value()).isEqualTo(List.of("jobs", "workers"));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.taskpool.control.Transport#withModes")
    void functionsListsTheAllowListWithParameters(Transport transport, boolean framed) throws Exception {
        try (PoolSession session = connect(transport, framed)) {
            PoolSession.Answer answer = session.send("functions");
            assertThat(answer.output()).contains(
                    "dev.taskpool.control.Jobs.two(a: an integer, b: an integer)",
                    "dev.taskpool.control.Jobs.worker(item: a string)");
            if (framed) {
                assertThat((List<?>) answer.value()).anySatisfy(f ->
                        assertThat(((Map<?, ?>) f).get("name")).isEqualTo("dev.taskpool.control.Jobs.worker"));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.taskpool.control.Transport#withModes")
    void everyCommandOfBothPoolsAnswersItsHelp(Transport transport, boolean framed) throws Exception {
        try (PoolSession session = connect(transport, framed)) {
            java.util.Set<String> checked = new java.util.TreeSet<>();
            for (String pool : List.of("jobs", "workers")) {
                session.send("use " + pool);
                for (String line : session.output("-h").lines().toList()) {
                    if (!line.startsWith("  ") || line.startsWith("   ") || line.startsWith("  -")
                            || line.startsWith("  exit")) {
                        continue;
                    }
                    String command = line.strip().split("\\s+")[0];
                    PoolSession.Answer help = session.send(command + " -h");
                    assertThat(help.ok()).as(command).isTrue();
                    assertThat(help.output()).as(command).startsWith("usage: " + command);
                    checked.add(command);
                }
            }
            assertThat(checked).contains("apply", "map", "starmap", "doublestarmap", "start", "stop",
                    "stop-all", "func-name", "pool-size", "cancel", "cancel-group", "flush", "tasks",
                    "groups", "stats", "pools", "use", "functions");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.taskpool.control.Transport#withModes")
    void aTimeoutGivenInSecondsInterruptsTheTasksAtTheirDeadline(Transport transport, boolean framed)
            throws Exception {
        try (PoolSession session = connect(transport, framed)) {
            session.send("map dev.taskpool.control.Jobs.worker ['x','y'] -n 2 -t 0.02");

            await().until(() -> jobs.stats().timedOut() == 2);
            await().until(() -> session.output("tasks").contains("timed_out"));
            assertThat(session.output("apply dev.taskpool.control.Jobs.worker -a ('z',) -t -1"))
                    .contains("argument -t/--timeout: ");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.taskpool.control.Transport#withModes")
    void stackShowsWhereARunningTaskIsAFrameALine(Transport transport, boolean framed) throws Exception {
        try (PoolSession session = connect(transport, framed)) {
            session.send("apply dev.taskpool.control.Jobs.worker -a ('x',)");
            await().until(() -> Jobs.CALLS.contains("worker(x)"));

            await().until(() -> session.output("stack 0").contains("at dev.taskpool.control.Jobs.worker(Jobs.java:"));
            PoolSession.Answer stack = session.send("stack 0");
            assertThat(stack.output().lines()).allMatch(line -> line.startsWith("at "));
            if (framed) {
                assertThat(stack.value()).isInstanceOf(List.class);
                assertThat((List<?>) stack.value()).anyMatch(f -> f.toString().startsWith("java.base/java.lang.Thread"));
            }
            assertThat(session.output("stack 9")).isEqualTo("No task with ID 9 found in jobs");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.taskpool.control.Transport#withModes")
    void aCancelMessageIsShownWithTheTaskItCancelled(Transport transport, boolean framed) throws Exception {
        try (PoolSession session = connect(transport, framed)) {
            session.send("apply dev.taskpool.control.Jobs.worker -a ('x',)");
            await().until(() -> Jobs.CALLS.contains("worker(x)"));

            assertThat(session.output("cancel -m 'operator asked' 0")).isEqualTo("ok");

            await().until(() -> session.output("tasks").contains("cancelled: operator asked"));
        }
    }
}
