package dev.taskpool.cli;

import dev.taskpool.control.ControlClient;
import dev.taskpool.control.ControlClientException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Iterator;

/**
 * Runs commands without a person: each answer's output is printed as is to standard output,
 * failures included; the exit status says whether any command failed. Blank lines are skipped
 * and {@code exit} stops.
 */
final class ScriptSession {

    private final ControlClient client;
    private final PrintStream out;
    private final PrintStream err;

    ScriptSession(ControlClient client, PrintStream out, PrintStream err) {
        this.client = client;
        this.out = out;
        this.err = err;
    }

    /** Runs every command; returns the exit status. */
    int run(Iterator<String> commands) {
        boolean failed = false;
        while (commands.hasNext()) {
            String command = commands.next().strip();
            if (command.isEmpty()) {
                continue;
            }
            if (command.equals(InteractiveSession.EXIT)) {
                break;
            }
            if (command.equals(InteractiveSession.WATCH)) {
                out.println("watch needs a terminal: run an interactive session, or use --watch");
                failed = true;
                continue;
            }
            ControlClient.Response response;
            try {
                response = client.send(command);
            } catch (ControlClientException e) {
                out.flush();
                err.println("taskpool: " + e.getMessage());
                return SessionRunner.CONNECTION_FAILED;
            } catch (IOException e) {
                out.flush();
                err.println("taskpool: " + e);
                return SessionRunner.CONNECTION_FAILED;
            }
            out.println(InteractiveSession.printable(response.output()));
            out.flush();
            failed |= !response.ok();
        }
        return failed ? SessionRunner.COMMAND_FAILED : SessionRunner.OK;
    }
}
