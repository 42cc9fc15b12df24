package dev.taskpool.cli;

import dev.taskpool.control.ControlClient;
import java.io.IOException;
import java.nio.charset.CharsetEncoder;
import java.time.LocalTime;
import org.jline.terminal.Terminal;

/**
 * The live view of {@code watch} and {@code --watch}: refreshes about once a second, on the
 * terminal's alternate screen, until a key is pressed ({@link LiveScreen}). It sends
 * {@code stats} and {@code groups} on the session's connection, so it watches the session's
 * current pool.
 */
final class WatchView {

    private final Terminal terminal;
    private final ControlClient client;
    private final boolean colour;
    private final WatchScreen.Glyphs glyphs;

    WatchView(Terminal terminal, ControlClient client, boolean colour) {
        this.terminal = terminal;
        this.client = client;
        this.colour = colour;
        this.glyphs = glyphs(terminal);
    }

    /** Unicode blocks if the terminal's encoding has them, else ASCII. */
    static WatchScreen.Glyphs glyphs(Terminal terminal) {
        CharsetEncoder encoder = terminal.encoding().newEncoder();
        return encoder.canEncode("█▁▏·") ? WatchScreen.Glyphs.UNICODE : WatchScreen.Glyphs.ASCII;
    }

    /** Shows the view until a key is pressed; false if the connection was lost meanwhile. */
    boolean run() {
        WatchModel model = new WatchModel();
        return LiveScreen.show(terminal, (columns, rows) -> refresh(model)
                ? WatchScreen.render(model, client.poolName(), columns, rows, glyphs, colour)
                : null);
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
}
