package dev.taskpool.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The functions of the {@code jobs} pool: run directly, and started by a control client. */
class DemoJobsTest {

    @Nested
    class Directly {

        private final List<String> announced = new CopyOnWriteArrayList<>();
        private final Consumer<String> sink = announced::add;
        private final Consumer<String> previous = DemoJobs.redirectOutput(sink);

        @AfterEach
        void restore() {
            DemoJobs.restoreOutput(sink, previous);
        }

        @Test
        void fibComputesAndAnnouncesFibonacciNumbers() throws Exception {
            assertThat(DemoJobs.fib(0)).isEqualTo(BigInteger.ZERO);
            assertThat(DemoJobs.fib(1)).isEqualTo(BigInteger.ONE);
            assertThat(DemoJobs.fib(90)).isEqualTo(new BigInteger("2880067194370816120"));
            assertThat(DemoJobs.fib(DemoJobs.MAX_FIB).toString()).hasSize(20_899);
            assertThat(announced).contains("fib: fib(90) = 2880067194370816120");
            assertThat(announced.get(3)).startsWith("fib: fib(100000) = 25974069347221724166...")
                    .endsWith(" (20899 characters)");
        }

        @Test
        void fibStopsWhenInterrupted() {
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> DemoJobs.fib(DemoJobs.MAX_FIB)).isInstanceOf(InterruptedException.class);
            } finally {
                Thread.interrupted();
            }
        }

        @Test
        void checksumIsTheHexSha256OfTheUtf8Text() {
            assertThat(DemoJobs.checksum("abc"))
                    .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
            assertThat(announced).containsExactly(
                    "checksum: sha256(abc) = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        }

        @Test
        void greetAndSleepAnnounceWhatTheyDid() throws Exception {
            assertThat(DemoJobs.greet("Ada", 2)).isEqualTo("Hello, Ada!");
            assertThat(DemoJobs.sleep(0)).isZero();
            assertThat(announced).containsExactly(
                    "greet: Hello, Ada! (1/2)", "greet: Hello, Ada! (2/2)", "sleep: slept 0.0 s");
        }

        @Test
        void argumentsOutOfRangeAreRefused() {
            assertThatThrownBy(() -> DemoJobs.fib(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> DemoJobs.fib(DemoJobs.MAX_FIB + 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> DemoJobs.greet("x", 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> DemoJobs.sleep(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> DemoJobs.sleep(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
            assertThat(announced).isEmpty();
        }

        @Test
        void registersEachFunctionUnderItsShortAndFullName() {
            assertThat(DemoJobs.functions().functions().keySet()).containsExactlyInAnyOrder(
                    "checksum", "fib", "greet", "refill", "sleep",
                    "dev.taskpool.cli.demo.DemoJobs.checksum", "dev.taskpool.cli.demo.DemoJobs.fib",
                    "dev.taskpool.cli.demo.DemoJobs.greet", "dev.taskpool.cli.demo.DemoJobs.refill",
                    "dev.taskpool.cli.demo.DemoJobs.sleep");
            assertThat(DemoJobs.functions().require("greet").toString())
                    .isEqualTo("greet(who: a string, times: an integer)");
        }
    }

    @Nested
    class ThroughTheControlServer {

        private final StringWriter output = new StringWriter();
        private DemoDaemon daemon;

        @AfterEach
        void shutDown() {
            if (daemon != null) {
                daemon.shutdown("test over");
            }
        }

        private ScriptClient connectToJobs() throws Exception {
            DemoConfig config = new DemoConfig("127.0.0.1", 0, null, 0, 10, null,
                    Duration.ZERO, Duration.ZERO, DemoConfig.Progress.OFF, Duration.ZERO, null);
            daemon = DemoDaemon.start(config, new PrintWriter(output));
            ScriptClient client = ScriptClient.connect(daemon.port());
            assertThat(client.value("use jobs")).isEqualTo("jobs");
            return client;
        }

        @Test
        void applyStartsAFunctionByItsShortName() throws Exception {
            try (ScriptClient client = connectToJobs()) {
                assertThat(client.value("apply greet -a ('x', 2)")).isEqualTo("apply-greet-group-0");

                await().until(() -> output.toString().contains("greet: Hello, x! (2/2)"));
                assertThat(output.toString()).contains("greet: Hello, x! (1/2)");
            }
        }

        @Test
        void applyStartsAFunctionByItsFullNameWithNamedArguments() throws Exception {
            try (ScriptClient client = connectToJobs()) {
                assertThat(client.value("apply dev.taskpool.cli.demo.DemoJobs.checksum -k {'text': 'abc'} -n 2"))
                        .isEqualTo("apply-checksum-group-0");

                await().until(() -> output.toString().split("checksum: sha256\\(abc\\) = ba7816bf", -1).length == 3);
            }
        }

        @Test
        void theMapFamilyRunsAFunctionPerElement() throws Exception {
            try (ScriptClient client = connectToJobs()) {
                assertThat(client.value("map fib [10, 20]")).isEqualTo("map-fib-group-0");
                assertThat(client.value("starmap greet [('Ada', 1), ('Alan', 1)]")).isEqualTo("starmap-greet-group-0");
                assertThat(client.value("doublestarmap sleep [{'seconds': 0.01}]")).isEqualTo("doublestarmap-sleep-group-0");

                await().until(() -> output.toString().contains("fib: fib(10) = 55")
                        && output.toString().contains("fib: fib(20) = 6765")
                        && output.toString().contains("greet: Hello, Ada!")
                        && output.toString().contains("greet: Hello, Alan!")
                        && output.toString().contains("sleep: slept 0.01 s"));
            }
        }

        @Test
        void functionsListsTheShortNamesWithDescriptions() throws Exception {
            try (ScriptClient client = connectToJobs()) {
                Map<String, Object> answer = client.send("functions");

                assertThat((String) answer.get("output"))
                        .contains("greet(who: a string, times: an integer)  says hello")
                        .contains("dev.taskpool.cli.demo.DemoJobs.fib(n: an integer)");
            }
        }

        @Test
        void anUnregisteredFunctionIsRefused() throws Exception {
            try (ScriptClient client = connectToJobs()) {
                Map<String, Object> answer = client.send("apply java.lang.System.exit -a (1,)");

                assertThat(answer).containsEntry("status", "error");
                assertThat((String) answer.get("output")).contains("not registered");
            }
        }

        @Test
        void aLongJobIsCancelledByTheShutdown() throws Exception {
            try (ScriptClient client = connectToJobs()) {
                client.value("apply sleep -a (3600,)");
                await().until(() -> daemon.jobs().numRunning() == 1);

                DemoDaemon.Summary summary = daemon.shutdown("test over");

                assertThat(summary.total()).isEqualTo(10);
                assertThat(daemon.jobs().isClosed()).isTrue();
                assertThat(output.toString()).doesNotContain("Failed:").doesNotContain("slept 3600");
            }
        }
    }
}
