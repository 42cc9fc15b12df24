package dev.taskpool.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On JDK 21 to 23 a virtual thread that blocks inside {@code synchronized} pins its carrier
 * thread; with few carriers, a handful of such threads stall every virtual thread in the JVM.
 * Taskpool supports JDK 21, so its main code takes java.util.concurrent locks only. This
 * test reads the main sources of every module and fails on any {@code synchronized}.
 */
class NoPinningLocksTest {

    /** Comments, string and character literals: where the word may appear harmlessly. */
    private static final Pattern NOT_CODE = Pattern.compile(
            "//[^\\n]*|/\\*.*?\\*/|\"\"\"(?:.|\\n)*?\"\"\"|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'",
            Pattern.DOTALL);
    private static final Pattern SYNCHRONIZED = Pattern.compile("\\bsynchronized\\b");

    @Test
    void noMainSourceUsesSynchronized() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(root, 12)) {
            sources = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> root.relativize(p).toString().matches("taskpool-[^/]+/src/main/java/.*"))
                    .toList();
        }
        List<String> found = new ArrayList<>();
        for (Path source : sources) {
            String code = blankOutNonCode(Files.readString(source));
            Matcher matcher = SYNCHRONIZED.matcher(code);
            while (matcher.find()) {
                int line = 1 + (int) code.substring(0, matcher.start()).chars().filter(c -> c == '\n').count();
                found.add(root.relativize(source) + ":" + line);
            }
        }

        assertThat(sources).as("main sources found under %s", root).hasSizeGreaterThan(50);
        assertThat(found).as("synchronized in main code").isEmpty();
    }

    @Test
    void theScanSeesCodeButNotCommentsOrStrings() {
        String code = blankOutNonCode("""
                // synchronized in a comment
                /* synchronized
                   across lines */
                String s = "synchronized";
                synchronized (this) { }
                """);

        assertThat(SYNCHRONIZED.matcher(code).results().count()).isEqualTo(1);
    }

    /** Replaces comments and literals by spaces, keeping line breaks so line numbers stay right. */
    private static String blankOutNonCode(String source) {
        Matcher matcher = NOT_CODE.matcher(source);
        StringBuilder out = new StringBuilder(source.length());
        int last = 0;
        while (matcher.find()) {
            out.append(source, last, matcher.start());
            out.append(matcher.group().replaceAll("[^\\n]", " "));
            last = matcher.end();
        }
        return out.append(source.substring(last)).toString();
    }
}
