package dev.taskpool.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The runnable jar, {@code target/taskpool.jar}, as the end-to-end tests run it: in a JVM of
 * its own, started as a person starts it ({@code java -jar}). Built by {@code mvn package}, so
 * only the integration-test phase may count on it.
 */
public final class TaskpoolJar {

    public static final Path PATH = Path.of("target", "taskpool.jar").toAbsolutePath();
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private TaskpoolJar() {
    }

    /** Whether the jar is there: not from an IDE before {@code mvn package}. */
    public static boolean isBuilt() {
        return Files.isRegularFile(PATH);
    }

    /** The command running the jar with {@code args}, {@code home} as the user's home directory. */
    public static List<String> command(Path home, List<String> args) {
        List<String> command = new ArrayList<>(List.of(JAVA, "-Duser.home=" + home, "-jar", PATH.toString()));
        command.addAll(args);
        return command;
    }
}
