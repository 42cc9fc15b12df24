package dev.taskpool.cli;

import dev.taskpool.control.ControlEndpoint;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code taskpool control unix PATH}. */
@Command(name = "unix",
        description = "Connects to a control server over a UNIX domain socket.",
        footer = {"", "Examples:",
            "  taskpool control unix /run/app/control.sock",
            "  taskpool control unix /run/app/control.sock -c groups",
            "", "Exit status: 0 when every command succeeded, 1 when one failed, 2 when connecting failed "
                    + "or the connection was lost."})
final class UnixCommand implements Callable<Integer> {

    @ParentCommand
    ControlCommand control;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "The socket file the server listens on.")
    Path path;

    @Mixin
    SessionOptions options;

    @Override
    public Integer call() {
        return new SessionRunner(control.main.environment(), options, spec.commandLine())
                .run(ControlEndpoint.unix(path));
    }
}
