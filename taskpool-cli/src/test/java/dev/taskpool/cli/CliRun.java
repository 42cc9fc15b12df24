package dev.taskpool.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs {@link Main} in this JVM on given standard input and environment, capturing its output. */
final class CliRun {

    /** What a run printed and returned. */
    record Result(int status, String out, String err) {
    }

    private CliRun() {
    }

    static Result run(String stdin, Map<String, String> variables, Path home, String... args) {
        return run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), variables, home, args);
    }

    static Result run(InputStream stdin, Map<String, String> variables, Path home, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment environment = new CliEnvironment(stdin,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                variables, home, Terminals.none());
        int status = Main.run(args, environment);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
