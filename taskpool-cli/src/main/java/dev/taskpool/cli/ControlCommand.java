package dev.taskpool.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code taskpool control}: chooses the transport, {@code tcp} or {@code unix}, or a {@code fleet} of daemons. */
@Command(name = "control",
        description = {"Connects to the control server of a running task pool, or runs commands on a fleet of them.",
            "Without -c and with a terminal, opens an interactive session (line editing, history, "
                    + "tab completion, 'watch'); otherwise runs the commands given with -c, or read from "
                    + "standard input one per line, and prints each answer."},
        subcommands = {TcpCommand.class, UnixCommand.class, FleetCommand.class})
final class ControlCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: tcp, unix or fleet");
    }
}
