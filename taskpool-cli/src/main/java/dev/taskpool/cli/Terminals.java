package dev.taskpool.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * Where the command gets its terminal from: the process's own for real use, or a made-up one
 * in tests.
 */
public interface Terminals {

    /**
     * The terminal providers tried, in order: JNI (a small native library shipped in the jar),
     * then {@code exec} (runs {@code stty}), which needs nothing native. FFM is left out: on
     * JDK 21 it is a preview API.
     */
    String PROVIDERS = "jni,exec";

    /** Whether standard input and output are both a terminal, so a session can be interactive. */
    boolean interactive();

    /**
     * Opens the terminal for an interactive session or the watch view; the caller closes it.
     *
     * @throws IOException if there is none
     */
    Terminal open() throws IOException;

    /** The process's own terminal. */
    static Terminals system() {
        return new Terminals() {
            // Finding out may wait for a process (the exec provider runs test -t): a lock, unlike
            // a monitor, does not pin a waiting virtual thread to its carrier.
            private final Lock lock = new ReentrantLock();
            private Boolean interactive;

            @Override
            public boolean interactive() {
                lock.lock();
                try {
                    if (interactive == null) {
                        interactive = isSystemTerminal(SystemStream.Input) && isSystemTerminal(SystemStream.Output);
                    }
                    return interactive;
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public Terminal open() throws IOException {
                return TerminalBuilder.builder()
                        .name("taskpool")
                        .system(true)
                        .providers(PROVIDERS)
                        .build();
            }
        };
    }

    /** No terminal at all: every session is a script. */
    static Terminals none() {
        return new Terminals() {
            @Override
            public boolean interactive() {
                return false;
            }

            @Override
            public Terminal open() throws IOException {
                throw new IOException("no terminal");
            }
        };
    }

    private static boolean isSystemTerminal(SystemStream stream) {
        for (String name : List.of(PROVIDERS.split(","))) {
            try {
                return TerminalProvider.load(name).isSystemStream(stream);
            } catch (IOException | RuntimeException | LinkageError e) {
                // This provider does not work here; try the next.
            }
        }
        return false;
    }
}
