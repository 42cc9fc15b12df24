package dev.taskpool.cli;

import dev.taskpool.cli.demo.DemoCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code taskpool} command: {@code taskpool control tcp HOST PORT},
 * {@code taskpool control unix PATH}, {@code taskpool control fleet}, {@code taskpool queue seed|status}
 * and {@code taskpool demo}. Its exit status is its
 * subcommand's; usage errors exit with 2.
 */
@Command(name = "taskpool",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Task pools on virtual threads, controllable at runtime: control a running pool or a fleet of them, fill a shared work queue, or run a demo.",
        subcommands = {ControlCommand.class, QueueCommand.class, DemoCommand.class, AutoComplete.GenerateCompletion.class},
        footer = {"", "Exit status: 0 on success, 1 when a command failed, 2 when connecting failed or on a usage error.",
                "Bash completion: source completion/taskpool.bash (printed by 'taskpool generate-completion')."})
public final class Main implements Callable<Integer> {

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    /** A command on the process's own streams and terminal. */
    public Main() {
        this(CliEnvironment.system());
    }

    /** A command on the given streams, environment and terminal. */
    public Main(CliEnvironment environment) {
        this.environment = environment;
    }

    /** Runs the command and exits the JVM with its status. */
    public static void main(String[] args) {
        System.exit(run(args, CliEnvironment.system()));
    }

    /** Runs the command in {@code environment} and returns its exit status. */
    public static int run(String[] args, CliEnvironment environment) {
        return commandLine(environment).execute(args);
    }

    /** The picocli command line, writing to the environment's streams. */
    public static CommandLine commandLine(CliEnvironment environment) {
        CommandLine commandLine = new CommandLine(new Main(environment));
        Charset charset = environment.out().charset();
        commandLine.setOut(new PrintWriter(new java.io.OutputStreamWriter(environment.out(), charset), true));
        commandLine.setErr(new PrintWriter(new java.io.OutputStreamWriter(environment.err(), environment.err().charset()), true));
        // So that -c -h sends "-h" (the server's help) instead of being read as this command's -h.
        commandLine.setAllowOptionsAsOptionParameters(true);
        // 'taskpool generate-completion' prints the bash completion script; the footer says so.
        commandLine.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            failed.getErr().println("taskpool: " + describe(e));
            return 1;
        });
        return commandLine;
    }

    CliEnvironment environment() {
        return environment;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: control, queue or demo");
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** {@code taskpool 0.1.0}, from the version the build wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {
                "taskpool " + properties.getProperty("version", "(unknown version)"),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name", "unknown VM") + ")"
            };
        }
    }
}
