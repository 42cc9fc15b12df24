package dev.taskpool.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskpool.TaskFailure;
import dev.taskpool.TaskPoolException;
import dev.taskpool.control.command.ErrorTypes;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The error types are one vocabulary: stable names, one per pool exception, all documented. */
class ErrorTypeTest {

    private static final Path CORE_SOURCES = Path.of("../taskpool-core/src/main/java/dev/taskpool");
    private static final Path PROTOCOL_DOC = Path.of("../docs/protocol.md");

    @Test
    void wireNamesAreDistinctKebabCaseAndReadBack() {
        for (ErrorType type : ErrorType.values()) {
            assertThat(type.wireName()).matches("[a-z]+(-[a-z]+)*");
            assertThat(ErrorType.fromWireName(type.wireName())).contains(type);
        }
        assertThat(Arrays.stream(ErrorType.values()).map(ErrorType::wireName).distinct())
                .hasSize(ErrorType.values().length);
        assertThat(ErrorType.fromWireName("no-such-type")).isEmpty();
    }

    @Test
    void everyExceptionOfThePoolsHasATypeOfItsOwn() throws Exception {
        List<Class<?>> exceptions = poolExceptions();
        assertThat(exceptions).hasSizeGreaterThanOrEqualTo(8);

        List<ErrorType> types = exceptions.stream()
                .map(type -> ErrorTypes.of(instantiate(type))).toList();

        assertThat(types).doesNotContain(ErrorType.INTERNAL).doesNotHaveDuplicates();
    }

    @Test
    void theJdkExceptionsPoolsThrowHaveTheirTypes() {
        assertThat(ErrorTypes.of(new IllegalArgumentException())).isEqualTo(ErrorType.INVALID_ARGUMENT);
        assertThat(ErrorTypes.of(new IllegalStateException())).isEqualTo(ErrorType.INVALID_STATE);
        assertThat(ErrorTypes.of(new TimeoutException())).isEqualTo(ErrorType.TIMEOUT);
        assertThat(ErrorTypes.of(new InterruptedException())).isEqualTo(ErrorType.INTERRUPTED);
        assertThat(ErrorTypes.of(new NullPointerException())).isEqualTo(ErrorType.INTERNAL);
    }

    @Test
    void docsProtocolNamesEveryTypeAndNoOther() throws IOException {
        String doc = Files.readString(PROTOCOL_DOC);
        Set<String> documented = documentedTypes(doc);

        assertThat(documented).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ErrorType.values()).map(ErrorType::wireName).toList());
    }

    /** The types in the first column of the doc's tables headed {@code | type |}. */
    private static Set<String> documentedTypes(String doc) {
        Set<String> types = new java.util.TreeSet<>();
        boolean inTypeTable = false;
        Pattern firstCell = Pattern.compile("^\\| (`[a-z-]+`(?:, `[a-z-]+`)*) +\\|");
        for (String line : doc.lines().map(String::strip).toList()) {
            if (!line.startsWith("|")) {
                inTypeTable = false;
            } else if (line.matches("\\| type +\\|.*")) {
                inTypeTable = true;
            } else if (inTypeTable) {
                Matcher cell = firstCell.matcher(line);
                if (cell.find()) {
                    Matcher name = Pattern.compile("`([a-z-]+)`").matcher(cell.group(1));
                    while (name.find()) {
                        types.add(name.group(1));
                    }
                }
            }
        }
        return types;
    }

    private static List<Class<?>> poolExceptions() throws IOException {
        try (Stream<Path> files = Files.list(CORE_SOURCES)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith("Exception.java"))
                    .map(name -> load("dev.taskpool." + name.replace(".java", "")))
                    .filter(type -> type != TaskPoolException.class && !Modifier.isAbstract(type.getModifiers()))
                    .collect(Collectors.toList());
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static Throwable instantiate(Class<?> type) {
        try {
            for (var constructor : type.getConstructors()) {
                Class<?>[] parameters = constructor.getParameterTypes();
                Object[] arguments = new Object[parameters.length];
                for (int i = 0; i < parameters.length; i++) {
                    arguments[i] = parameters[i] == String.class ? "x"
                            : parameters[i] == List.class
                                    ? List.of(new TaskFailure(0, "p_Task-0", "g", new RuntimeException()))
                            : parameters[i].isPrimitive() ? 0 : null;
                }
                try {
                    return (Throwable) constructor.newInstance(arguments);
                } catch (ReflectiveOperationException | IllegalArgumentException tryTheNext) {
                    // Another constructor may take simpler arguments.
                }
            }
        } catch (SecurityException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("cannot instantiate " + type);
    }
}
