package dev.taskpool.cli;

import dev.taskpool.control.ControlClient;
import java.io.IOException;
import java.nio.charset.CharsetEncoder;
import java.time.Duration;
import java.time.LocalTime;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

/**
 * The live view of {@code watch} and {@code --watch}: refreshes about once a second, on the
 * terminal's alternate screen, until a key is pressed. It sends {@code stats} and
 * {@code groups} on the session's connection, so it watches the session's current pool.
 * Any key leaves it, Ctrl+C included.
 */
final class WatchView {

    static final Duration INTERVAL = Duration.ofSeconds(1);
    // After Escape, which starts the sequences of arrow and function keys, the rest of the
    // sequence is swallowed so that it does not reach the prompt.
    private static final int ESCAPE = 27;
    private static final long DRAIN_MILLIS = 20;

    private final Terminal terminal;
    private final ControlClient client;
    private final boolean colour;
    private final WatchScreen.Glyphs glyphs;

    WatchView(Terminal terminal, ControlClient client, boolean colour) {
        this.terminal = terminal;
        this.client = client;
        this.colour = colour;
        CharsetEncoder encoder = terminal.encoding().newEncoder();
        this.glyphs = encoder.canEncode("█▁▏·") ? WatchScreen.Glyphs.UNICODE : WatchScreen.Glyphs.ASCII;
    }

    /** Shows the view until a key is pressed; false if the connection was lost meanwhile. */
    boolean run() {
        Attributes saved = terminal.enterRawMode();
        // Ctrl+C is a key like any other here, leaving the view, rather than a signal.
        Attributes raw = terminal.getAttributes();
        raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
        terminal.setAttributes(raw);
        boolean alternateScreen = terminal.puts(Capability.enter_ca_mode);
        terminal.puts(Capability.cursor_invisible);
        terminal.flush();
        Display display = new Display(terminal, true);
        WatchModel model = new WatchModel();
        try {
            while (true) {
                long frameStart = System.nanoTime();
                if (!refresh(model)) {
                    return false;
                }
                Size size = terminal.getSize();
                int rows = size.getRows() > 0 ? size.getRows() : 24;
                int columns = size.getColumns() > 0 ? size.getColumns() : 80;
                display.resize(rows, columns);
                display.update(WatchScreen.render(model, client.poolName(), columns, rows, glyphs, colour), 0);
                terminal.flush();
                if (keyPressedBefore(frameStart + INTERVAL.toNanos())) {
                    return true;
                }
            }
        } catch (IOException e) {
            // The terminal's input failed: leave the view.
            return true;
        } finally {
            if (alternateScreen) {
                terminal.puts(Capability.exit_ca_mode);
            } else {
                terminal.puts(Capability.clear_screen);
            }
            terminal.puts(Capability.cursor_visible);
            terminal.setAttributes(saved);
            terminal.flush();
        }
    }

    private boolean refresh(WatchModel model) {
        try {
            ControlClient.Response stats = client.send("stats");
            LocalTime now = LocalTime.now();
            if (!client.isFramed()) {
                model.updateText(stats.output(), now);
            } else if (!stats.ok()) {
                model.updateError(stats.output(), now);
            } else {
                ControlClient.Response groups = client.send("groups");
                model.update(stats.value(), groups.ok() ? groups.value() : null, System.nanoTime(), now);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits for a key until {@code deadline} (a nano time); true if one came, or input ended. */
    private boolean keyPressedBefore(long deadline) throws IOException {
        NonBlockingReader reader = terminal.reader();
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            int key = reader.read(Math.max(1, remaining / 1_000_000));
            if (key == NonBlockingReader.EOF) {
                return true;
            }
            if (key == ESCAPE) {
                while (reader.read(DRAIN_MILLIS) >= 0) {
                    // The rest of the sequence, swallowed.
                }
            }
            if (key != NonBlockingReader.READ_EXPIRED) {
                return true;
            }
        }
    }
}
