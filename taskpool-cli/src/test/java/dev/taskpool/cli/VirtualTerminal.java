package dev.taskpool.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * An xterm that exists only in memory: JLine's line discipline over a pipe for the keys and a
 * buffer for the screen output, so an interactive session runs in this JVM, typed at by a test.
 * {@link #start} runs {@link Main} on it in the background.
 */
final class VirtualTerminal implements Terminals, AutoCloseable {

    private static final Pattern ESCAPES = Pattern.compile("\u001B(\\[[0-9;?>=]*[ -/]*[@-~]|[()][0-9A-Za-z]|[=>78MDEc])");

    private final PipedOutputStream keyboard = new PipedOutputStream();
    private final PipedInputStream keys;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final String type;

    VirtualTerminal(String type) throws IOException {
        this.keys = new PipedInputStream(keyboard, 4096);
        this.type = type;
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public Terminal open() throws IOException {
        return TerminalBuilder.builder()
                .system(false)
                .provider("exec")
                .streams(keys, new SynchronizedOutput())
                .type(type)
                .size(new Size(100, 30))
                .encoding(StandardCharsets.UTF_8)
                .attributes(ttyDefaults())
                .build();
    }

    /** What a fresh pseudo-terminal is set to (stty sane): Ctrl+C interrupts, Ctrl+D ends input. */
    private static Attributes ttyDefaults() {
        Attributes attributes = new Attributes();
        attributes.setInputFlags(EnumSet.of(Attributes.InputFlag.ICRNL, Attributes.InputFlag.IXON));
        attributes.setOutputFlags(EnumSet.of(Attributes.OutputFlag.OPOST, Attributes.OutputFlag.ONLCR));
        attributes.setLocalFlags(EnumSet.of(Attributes.LocalFlag.ISIG, Attributes.LocalFlag.ICANON,
                Attributes.LocalFlag.ECHO, Attributes.LocalFlag.ECHOCTL, Attributes.LocalFlag.IEXTEN));
        attributes.setControlChar(Attributes.ControlChar.VINTR, 3);
        attributes.setControlChar(Attributes.ControlChar.VEOF, 4);
        attributes.setControlChar(Attributes.ControlChar.VERASE, 127);
        attributes.setControlChar(Attributes.ControlChar.VMIN, 1);
        attributes.setControlChar(Attributes.ControlChar.VTIME, 0);
        return attributes;
    }

    /** Runs {@code taskpool ARGS} on this terminal; completes with its exit status. */
    CompletableFuture<Integer> start(Map<String, String> variables, Path home, String... args) {
        CliEnvironment environment = new CliEnvironment(new java.io.ByteArrayInputStream(new byte[0]),
                new PrintStream(new SynchronizedOutput(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), variables, home, this);
        return CompletableFuture.supplyAsync(() -> Main.run(args, environment));
    }

    /** Types {@code text}: {@code \r} is Enter, {@code \t} Tab, {@code \u0003} Ctrl+C, {@code \u0004} Ctrl+D. */
    void type(String text) throws IOException {
        keyboard.write(text.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    /** Everything written to the terminal so far, escape sequences included. */
    String raw() {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    /** Everything written so far without escape sequences and carriage returns. */
    String text() {
        return ESCAPES.matcher(raw()).replaceAll("").replace("\r", "");
    }

    String err() {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws IOException {
        keyboard.close();
    }

    /** The terminal writes from its own threads; the test reads from another. */
    private final class SynchronizedOutput extends java.io.OutputStream {
        @Override
        public void write(int b) {
            synchronized (screen) {
                screen.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            synchronized (screen) {
                screen.write(bytes, offset, length);
            }
        }
    }
}
