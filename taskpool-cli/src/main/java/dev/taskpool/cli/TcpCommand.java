package dev.taskpool.cli;

import dev.taskpool.control.ControlEndpoint;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code taskpool control tcp HOST PORT}. */
@Command(name = "tcp",
        description = "Connects to a control server over TCP.",
        footer = {"", "Examples:",
            "  taskpool control tcp 127.0.0.1 9999",
            "  taskpool control tcp 127.0.0.1 9999 -c stats -c 'start 3'",
            "  printf 'stats\\ngroups\\n' | taskpool control tcp 127.0.0.1 9999",
            "  taskpool control tcp 127.0.0.1 9999 --watch",
            "", "Exit status: 0 when every command succeeded, 1 when one failed, 2 when connecting failed "
                    + "or the connection was lost."})
final class TcpCommand implements Callable<Integer> {

    @ParentCommand
    ControlCommand control;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST",
            description = "The server's host name or address: 127.0.0.1 for a server on this machine "
                    + "(where the control server listens by default).")
    String host;

    @Parameters(index = "1", paramLabel = "PORT", description = "The server's TCP port, 1 to 65535.")
    int port;

    @Mixin
    SessionOptions options;

    @Override
    public Integer call() {
        if (port < 1 || port > 0xFFFF) {
            throw new ParameterException(spec.commandLine(), "PORT must be 1 to 65535, got " + port);
        }
        if (host.isBlank()) {
            throw new ParameterException(spec.commandLine(), "HOST must not be blank");
        }
        return new SessionRunner(control.main.environment(), options, spec.commandLine())
                .run(ControlEndpoint.tcp(host, port));
    }
}
