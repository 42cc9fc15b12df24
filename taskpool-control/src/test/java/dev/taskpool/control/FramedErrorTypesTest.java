package dev.taskpool.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskpool.SimpleTaskPool;
import dev.taskpool.TaskFunction;
import dev.taskpool.TaskPool;
import dev.taskpool.TaskState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every error type that docs/protocol.md promises to framed-mode clients (protocol 2), each
 * provoked on the wire of a real server: the answer's {@code error.type} is the documented
 * one and its {@code error.message} says what went wrong.
 *
 * <p>The server serves two pools: {@code workers}, a simple pool whose tasks wait until
 * cancelled and where sessions start, and {@code jobs}, a general pool that may run the
 * functions of {@link Jobs} and {@code fail}, which throws.
 */
class FramedErrorTypesTest {

    private static final String FRAMED = "{\"terminal_width\": 100, \"protocol\": 2}";
    private static final String TOKEN = "s3cret-t0ken";

    private final SimpleTaskPool workers = SimpleTaskPool.builder(() -> Thread.sleep(Long.MAX_VALUE))
            .name("workers").functionName("worker").build();
    private final TaskPool jobs = new TaskPool(10, "jobs");
    private final List<ControlServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(ControlServer::close);
        workers.cancelAll();
        jobs.cancelAll();
    }

    private ControlServer start(ControlServer.Options options) throws IOException {
        FunctionRegistry functions = new FunctionRegistry().allowClass(Jobs.class)
                .register("fail", TaskFunction.of("fail", () -> {
                    throw new IllegalStateException("disk full");
                }));
        ControlServer server = ControlServer.forPools(workers, jobs).functions(functions).options(options)
                .start(ControlEndpoint.loopback(0));
        servers.add(server);
        return server;
    }

    /** A framed session on {@code workers}. */
    private PoolSession session() throws IOException {
        return PoolSession.open(start(ControlServer.Options.defaults()).endpoint(), true);
    }

    /** A framed session switched to {@code jobs}. */
    private PoolSession sessionOnJobs() throws IOException {
        PoolSession session = session();
        assertThat(session.send("use jobs").ok()).isTrue();
        return session;
    }

    /**
     * Sends a handshake that the server refuses and returns the refusal, after checking that
     * it is one line and that the server then ended the connection.
     */
    private static PoolSession.Answer refusedHandshake(ControlServer server, String handshake) throws IOException {
        try (RawClient client = RawClient.connect(server.endpoint())) {
            client.send(handshake + "\n");
            String refusal = client.readUntilEndOfStream();
            assertThat(refusal).as("one line, then the end of the connection").endsWith("\n").hasLineCount(1);
            return PoolSession.framedAnswer(refusal.strip());
        }
    }

    private static void assertError(PoolSession.Answer answer, String type, String message) {
        assertThat(answer.ok()).as("ok").isFalse();
        assertThat(answer.errorType()).as("error type").isEqualTo(type);
        assertThat(answer.errorMessage()).as("error message").isEqualTo(message);
    }

    private static boolean hasTask(TaskPool pool, int id, TaskState state) {
        return pool.tasks().stream().anyMatch(t -> t.id() == id && t.state() == state);
    }

    // ---------------------------------------------------------------- the handshake

    @Test
    void aHandshakeFieldOfTheWrongTypeAnswersHandshake() throws Exception {
        ControlServer server = start(ControlServer.Options.defaults());

        PoolSession.Answer refusal = refusedHandshake(server, "{\"protocol\": 2, \"terminal_width\": \"wide\"}");

        assertError(refusal, "handshake", "terminal_width must be a number");
    }

    @Test
    void aHandshakeThatIsNotJsonIsRefusedInPlainTextForItCannotHaveAskedForFrames() throws Exception {
        ControlServer server = start(ControlServer.Options.defaults());
        try (RawClient client = RawClient.connect(server.endpoint())) {

            client.send("{\"protocol\": 2,\n");

            assertThat(client.readUntilEndOfStream())
                    .isEqualTo("error: handshake must be a JSON object such as {\"terminal_width\": 80}\n");
        }
    }

    @Test
    void anUnsupportedProtocolAnswersProtocol() throws Exception {
        ControlServer server = start(ControlServer.Options.defaults());

        PoolSession.Answer refusal = refusedHandshake(server, "{\"protocol\": 3}");

        assertError(refusal, "protocol", "unsupported protocol 3: supported versions are 1 (text) and 2 (framed)");
    }

    @Test
    void aWrongTokenAnswersAuth() throws Exception {
        ControlServer server = start(ControlServer.Options.defaults().withToken(TOKEN));

        PoolSession.Answer refusal = refusedHandshake(server, "{\"protocol\": 2, \"token\": \"guess\"}");

        assertError(refusal, "auth", "authentication failed: wrong token");
    }

    @Test
    void aMissingTokenAnswersAuth() throws Exception {
        ControlServer server = start(ControlServer.Options.defaults().withToken(TOKEN));

        PoolSession.Answer refusal = refusedHandshake(server, FRAMED);

        assertError(refusal, "auth", "authentication failed: missing token");
    }

    // ---------------------------------------------------------------- reading a command line

    @Test
    void anOverlongLineAnswersLineTooLong() throws Exception {
        ControlServer server = start(ControlServer.Options.defaults().withMaxLineBytes(128));
        try (PoolSession session = PoolSession.open(server.endpoint(), true)) {

            PoolSession.Answer answer = session.send("start " + "1".repeat(500));

            assertError(answer, "line-too-long", "line too long: limit is 128 bytes");
        }
    }

    @Test
    void anUnbalancedQuoteAnswersSyntax() throws Exception {
        try (PoolSession session = session()) {

            PoolSession.Answer answer = session.send("use 'jobs");

            assertError(answer, "syntax", "usage: use [-h] name\nuse: error: unterminated string starting at column 4\n");
        }
    }

    @Test
    void aMalformedEscapeInAQuotedArgumentOfASessionCommandAnswersSyntax() throws Exception {
        try (PoolSession session = session()) {

            PoolSession.Answer answer = session.send("use 'jo\\x4'");

            assertError(answer, "syntax",
                    "usage: use [-h] name\nuse: error: argument name: truncated \\xXX escape at column 7\n");
        }
    }

    @Test
    void aMalformedEscapeInAQuotedArgumentOfAPoolCommandAnswersSyntax() throws Exception {
        try (PoolSession session = session()) {

            PoolSession.Answer answer = session.send("get-group-ids 'a\\N{NO SUCH}'");

            assertError(answer, "syntax", "usage: get-group-ids [-h] [group-names ...]\nget-group-ids: error:"
                    + " argument group-names: unknown Unicode character name 'NO SUCH' at column 16\n");
        }
    }

    @Test
    void anUnknownCommandAnswersUnknownCommand() throws Exception {
        try (PoolSession session = session()) {

            PoolSession.Answer answer = session.send("strat 3");

            assertThat(answer.errorType()).isEqualTo("unknown-command");
            assertThat(answer.errorMessage()).startsWith("usage: [-h] [command] ...\n"
                    + ": error: argument command: invalid choice: 'strat' (choose from 'autoscale', 'cancel', ");
        }
    }

    @Test
    void aMalformedArgumentAnswersUsage() throws Exception {
        try (PoolSession session = session()) {

            PoolSession.Answer answer = session.send("start x");

            assertError(answer, "usage", "usage: start [-h] num\nstart: error: argument num: invalid int value: 'x'\n");
        }
    }

    @Test
    void anUnregisteredFunctionAnswersRefused() throws Exception {
        try (PoolSession session = sessionOnJobs()) {

            PoolSession.Answer answer = session.send("apply java.lang.Runtime.exec -a ('ls',)");

            assertThat(answer.errorType()).isEqualTo("refused");
            assertThat(answer.errorMessage()).startsWith("usage: apply [-h]").endsWith("\napply: error: argument function: "
                    + "function 'java.lang.Runtime.exec' is not registered with this server; "
                    + "see 'functions' for those that are\n");
            assertThat(jobs.tasks()).isEmpty();
        }
    }

    // ---------------------------------------------------------------- the pool's own errors

    @Test
    void aValueThePoolRejectsAnswersInvalidArgument() throws Exception {
        try (PoolSession session = session()) {

            PoolSession.Answer answer = session.send("start 0");

            assertError(answer, "invalid-argument", "num must be at least 1, got 0");
        }
    }

    @Test
    void aLockedPoolAnswersPoolIsLocked() throws Exception {
        try (PoolSession session = session()) {
            assertThat(session.send("lock").ok()).isTrue();

            PoolSession.Answer answer = session.send("start 1");

            assertError(answer, "pool-is-locked", "Cannot start new tasks: workers is locked");
        }
    }

    @Test
    void aClosedPoolAnswersPoolIsClosed() throws Exception {
        try (PoolSession session = session()) {
            assertThat(session.send("gather-and-close").ok()).isTrue();

            PoolSession.Answer answer = session.send("start 1");

            assertError(answer, "pool-is-closed", "Cannot start new tasks: workers is closed");
        }
    }

    @Test
    void anUnknownGroupAnswersUnknownGroup() throws Exception {
        try (PoolSession session = session()) {

            PoolSession.Answer answer = session.send("cancel-group nightly");

            assertError(answer, "unknown-group", "No task group named nightly exists in workers");
        }
    }

    @Test
    void anUnknownTaskAnswersUnknownTask() throws Exception {
        try (PoolSession session = session()) {

            PoolSession.Answer answer = session.send("cancel 99");

            assertError(answer, "unknown-task", "No task with ID 99 found in workers");
        }
    }

    @Test
    void cancellingATaskTwiceAnswersAlreadyCancelled() throws Exception {
        try (PoolSession session = session()) {
            assertThat(session.send("start 1").ok()).isTrue();
            await().until(() -> workers.numRunning() == 1);
            assertThat(session.send("cancel 0").ok()).isTrue();

            PoolSession.Answer answer = session.send("cancel 0");

            assertError(answer, "already-cancelled", "workers_Task-0 has already been cancelled");
        }
    }

    @Test
    void cancellingATaskThatHasEndedAnswersAlreadyEnded() throws Exception {
        try (PoolSession session = sessionOnJobs()) {
            assertThat(session.send("apply dev.taskpool.control.Jobs.greet -a ('hello', [])").ok()).isTrue();
            await().until(() -> hasTask(jobs, 0, TaskState.ENDED));

            PoolSession.Answer answer = session.send("cancel 0");

            assertError(answer, "already-ended", "jobs_Task-0 has already finished running");
        }
    }

    @Test
    void aGroupNameInUseAnswersDuplicateGroup() throws Exception {
        try (PoolSession session = sessionOnJobs()) {
            assertThat(session.send("apply dev.taskpool.control.Jobs.worker -a ('a',) -g nightly").ok()).isTrue();

            PoolSession.Answer answer = session.send("apply dev.taskpool.control.Jobs.worker -a ('b',) -g nightly");

            assertError(answer, "duplicate-group", "A task group named nightly already exists in jobs");
        }
    }

    @Test
    void flushingAfterATaskFailedAnswersTaskFailed() throws Exception {
        try (PoolSession session = sessionOnJobs()) {
            assertThat(session.send("apply fail").ok()).isTrue();
            await().until(() -> hasTask(jobs, 0, TaskState.FAILED));

            PoolSession.Answer answer = session.send("flush");

            assertError(answer, "task-failed",
                    "jobs_Task-0 (group apply-fail-group-0) failed: java.lang.IllegalStateException: disk full");
        }
    }

    // ---------------------------------------------------------------- the server closing

    @Test
    void aCommandWaitingWhenTheServerClosesAnswersInterruptedBeforeTheConnectionEnds() throws Exception {
        ControlServer server = start(ControlServer.Options.defaults());
        try (PoolSession session = PoolSession.open(server.endpoint(), true)) {
            assertThat(session.send("start 1").ok()).isTrue();
            await().until(() -> workers.numRunning() == 1);
            // The task never ends by itself, so gather-and-close waits; it locks the pool first.
            session.sendWithoutWaiting("gather-and-close");
            await().until(workers::isLocked);

            CompletableFuture.runAsync(server::close).get(30, TimeUnit.SECONDS);

            assertError(session.nextAnswer(), "interrupted", "gather-and-close was interrupted: the server is closing");
            assertThat(session.restUntilEndOfStream()).isEmpty();
        }
    }

    @Test
    void aGatherAndClosePastItsDeadlineAnswersTimeout() throws Exception {
        try (PoolSession session = session()) {
            assertThat(session.send("start 1").ok()).isTrue();

            PoolSession.Answer answer = session.send("gather-and-close -t 0.01");

            assertThat(answer.ok()).isFalse();
            assertThat(answer.errorType()).isEqualTo("timeout");
            assertThat(answer.errorMessage()).startsWith("gatherAndClose gave up after PT0.01S: 1 tasks still running");
        }
    }
}
