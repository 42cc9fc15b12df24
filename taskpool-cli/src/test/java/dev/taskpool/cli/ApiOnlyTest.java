package dev.taskpool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The command line and the benchmarks are users of the library like any other: they run on
 * the class path, where the module descriptors do not stop them, so this test does. Their main
 * sources may name only the exported packages of core and control.
 */
class ApiOnlyTest {

    private static final Pattern BEHIND_THE_API = Pattern.compile(
            "\\bdev\\.taskpool\\.(internal|control\\.(wire|command|literal|text))\\b");

    @Test
    void theCliAndTheBenchmarksUseOnlyTheExportedPackages() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> found = new ArrayList<>();
        for (String module : List.of("taskpool-cli", "taskpool-benchmarks")) {
            Path sources = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher matcher = BEHIND_THE_API.matcher(Files.readString(file));
                    while (matcher.find()) {
                        found.add(root.relativize(file) + ": " + matcher.group());
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
