package dev.taskpool.cli.demo;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Placeholder for {@code taskpool demo}, so that the command line compiles; the real demo
 * daemon (a class of exactly this name) replaces it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs a demo daemon with task pools and a control server (not in this build).")
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("taskpool: the demo is not part of this build");
        return 1;
    }
}
