package dev.taskpool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed bash completion script matches the commands and options it completes. */
class CompletionScriptTest {

    /** From the module's directory, where the build runs its tests. */
    static final Path SCRIPT = Path.of("..", "completion", "taskpool.bash");

    @TempDir
    Path home;

    @Test
    void theCommittedScriptIsWhatPicocliGeneratesForTheCurrentCommands() throws Exception {
        CliRun.Result generated = CliRun.run("", Map.of(), home, "generate-completion");

        assertThat(generated.status()).isZero();
        assertThat(generated.out()).contains("function _picocli_taskpool_control_tcp()", "--token", "--watch");
        assertThat(Files.readString(SCRIPT))
                .as("completion/taskpool.bash is out of date; regenerate it from the repository root with: "
                        + "java -jar taskpool-cli/target/taskpool.jar generate-completion > completion/taskpool.bash")
                .isEqualTo(generated.out());
    }
}
