package dev.taskpool.control;

import dev.taskpool.SimpleTaskPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every command of a SimpleTaskPool, driven over real TCP and UNIX sockets in both the text
 * and the framed mode.
 */
class SimplePoolControlTest {

    @TempDir
    Path tempDir;

    private SimpleTaskPool pool;
    private ControlServer server;

    private PoolSession connect(Transport transport, boolean framed) throws Exception {
        pool = SimpleTaskPool.builder(() -> Thread.sleep(Long.MAX_VALUE)).functionName("worker").build();
        server = ControlServer.forPools(pool).start(transport.endpoint(tempDir));
        return PoolSession.open(server.endpoint(), framed);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (pool != null) {
            pool.cancelAll();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.taskpool.control.Transport#withModes")
    void greetingNamesThePool(Transport transport, boolean framed) throws Exception {
        try (PoolSession session = connect(transport, framed)) {
            assertThat(session.greeting).isEqualTo(pool.name());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.taskpool.control.Transport#withModes")
    void startStopAndResizeAnswerAsTheReferenceDoes(Transport transport, boolean framed) throws Exception {
        try (PoolSession session = connect(transport, framed)) {
            assertThat(session.output("start 5")).isEqualTo("start-group-0");
            // start answers once the tasks that fit are running, as the reference does.
            assertThat(session.output("num-running")).isEqualTo("5");
            assertThat(session.output("pool-size")).isEqualTo("inf");
            assertThat(session.output("pool-size 3")).isEqualTo("ok");
            assertThat(session.output("pool-size")).isEqualTo("3");
            assertThat(session.output("stop 2")).isEqualTo("[4, 3]");
            assertThat(session.output("get-group-ids start-group-0")).isEqualTo("{0, 1, 2, 3, 4}");
            assertThat(session.output("stop-all")).isEqualTo("[2, 1, 0]");
            assertThat(session.output("func-name")).isEqualTo("worker");
            // Cancelled tasks keep their room until their threads have really stopped; then
            // they count as ended, no longer as cancelled.
            await().until(() -> pool.tasks().stream().allMatch(t -> t.state() == dev.taskpool.TaskState.CANCELLED));
            assertThat(session.output("num-cancelled")).isEqualTo("0");
            assertThat(session.output("num-ended")).isEqualTo("5");
            assertThat(session.output("is-full")).isEqualTo("False");
            assertThat(session.output("flush")).isEqualTo("ok");
            assertThat(session.output("num-ended")).isEqualTo("0");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.taskpool.control.Transport#withModes")
    void framedAnswersCarryMachineReadableValues(Transport transport, boolean framed) throws Exception {
        try (PoolSession session = connect(transport, framed)) {
            session.send("start 2");
            await().until(() -> pool.numRunning() == 2);
            PoolSession.Answer stop = session.send("stop 1");
            PoolSession.Answer size = session.send("pool-size");
            PoolSession.Answer stats = session.send("stats");
            if (framed) {
                assertThat(stop.value()).isEqualTo(List.of(1));
                assertThat(size.value()).isNull();
                assertThat(stats.value()).isInstanceOfSatisfying(Map.class, map -> {
                    assertThat(map.get("running")).isEqualTo(1);
                    assertThat(map.get("cancelled_total")).isEqualTo(1);
                    assertThat(map.get("pool")).isEqualTo(pool.name());
                });
            } else {
                assertThat(stats.output()).contains("running:", "pool size:  inf");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.taskpool.control.Transport#withModes")
    void cancellingUnknownOrFinishedTasksNamesWhatWasWrong(Transport transport, boolean framed) throws Exception {
        try (PoolSession session = connect(transport, framed)) {
            PoolSession.Answer unknown = session.send("cancel 99");
            assertThat(unknown.output()).isEqualTo("No task with ID 99 found in " + pool.name());
            session.send("start 1");
            await().until(() -> pool.numRunning() == 1);
            assertThat(session.output("cancel 0")).isEqualTo("ok");
            PoolSession.Answer again = session.send("cancel 0");
            assertThat(again.output()).isEqualTo(pool.name() + "_Task-0 has already been cancelled");
            if (framed) {
                assertThat(unknown.errorType()).isEqualTo("unknown-task");
                assertThat(again.errorType()).isEqualTo("already-cancelled");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.taskpool.control.Transport#withModes")
    void aLockedPoolRefusesStartsUntilUnlocked(Transport transport, boolean framed) throws Exception {
        try (PoolSession session = connect(transport, framed)) {
            assertThat(session.output("lock")).isEqualTo("ok");
            assertThat(session.output("is-locked")).isEqualTo("True");
            PoolSession.Answer refused = session.send("start 1");
            assertThat(refused.output()).isEqualTo("Cannot start new tasks: " + pool.name() + " is locked");
            if (framed) {
                assertThat(refused.ok()).isFalse();
                assertThat(refused.errorType()).isEqualTo("pool-is-locked");
            }
            assertThat(session.output("unlock")).isEqualTo("ok");
            assertThat(session.output("start 1")).isEqualTo("start-group-0");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.taskpool.control.Transport#withModes")
    void groupsCanBeListedCancelledAndTheirTasksShown(Transport transport, boolean framed) throws Exception {
        try (PoolSession session = connect(transport, framed)) {
            session.send("pool-size 2");
            session.send("start 3");
            await().until(() -> pool.numRunning() == 2);
            assertThat(session.output("groups")).contains("start-group-0", "worker").containsPattern("2\\s+1\\s+0\\s+0/3");
            assertThat(session.output("tasks")).contains("start-group-0", "running", "worker");
            assertThat(session.output("cancel-group nope"))
                    .isEqualTo("No task group named nope exists in " + pool.name());
            assertThat(session.output("cancel-group start-group-0")).isEqualTo("ok");
            assertThat(session.output("num-running")).isEqualTo("0");
            assertThat(session.output("cancel-all")).isEqualTo("ok");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.taskpool.control.Transport#withModes")
    void gatherAndCloseClosesThePoolForGood(Transport transport, boolean framed) throws Exception {
        try (PoolSession session = connect(transport, framed)) {
            session.send("start 2");
            await().until(() -> pool.numRunning() == 2);
            session.send("stop-all");
            assertThat(session.output("gather-and-close")).isEqualTo("ok");
            assertThat(session.output("is-closed")).isEqualTo("True");
            assertThat(session.output("until-closed")).isEqualTo("True");
            assertThat(session.output("start 1")).isEqualTo("Cannot start new tasks: " + pool.name() + " is closed");
            assertThat(session.output("name")).isEqualTo(pool.name());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.taskpool.control.Transport#withModes")
    void helpListsEveryCommandWithItsDescription(Transport transport, boolean framed) throws Exception {
        try (PoolSession session = connect(transport, framed)) {
            String help = session.output("-h");
            assertThat(help).contains("start", "stop-all", "pool-size", "get-group-ids", "gather-and-close",
                    "pools", "use", "functions");
            assertThat(help).contains("Cancels every running task.");
            assertThat(help.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
            String startHelp = session.output("start -h");
            assertThat(startHelp).startsWith("usage: start [-h] num")
                    .contains("how many tasks to start, at least 1");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.taskpool.control.Transport#withModes")
    void badCommandsGetUsageAndArgparsesMessage(Transport transport, boolean framed) throws Exception {
        try (PoolSession session = connect(transport, framed)) {
            PoolSession.Answer unknown = session.send("strat 3");
            assertThat(unknown.output()).startsWith("usage: [-h] [command] ...\n: error: argument command: "
                    + "invalid choice: 'strat' (choose from ").contains("'stop-all'");
            PoolSession.Answer badArgument = session.send("start x");
            assertThat(badArgument.output()).isEqualTo(
                    "usage: start [-h] num\nstart: error: argument num: invalid int value: 'x'\n");
            PoolSession.Answer missing = session.send("stop");
            assertThat(missing.output()).isEqualTo("usage: stop [-h] num\nstop: error: the following arguments are required: num\n");
            PoolSession.Answer extra = session.send("num-running 3");
            assertThat(extra.output()).isEqualTo("usage: [-h] [command] ...\n: error: unrecognized arguments: 3\n");
            if (framed) {
                assertThat(unknown.errorType()).isEqualTo("unknown-command");
                assertThat(badArgument.errorType()).isEqualTo("usage");
            }
            assertThat(session.output("num-running")).isEqualTo("0");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.taskpool.control.Transport#withModes")
    void commandsAndFlagsMatchIgnoringCase(Transport transport, boolean framed) throws Exception {
        try (PoolSession session = connect(transport, framed)) {
            assertThat(session.output("START 1")).isEqualTo("start-group-0");
            assertThat(session.output("Flush --RETURN-EXCEPTIONS")).isEqualTo("ok");
        }
    }
}
