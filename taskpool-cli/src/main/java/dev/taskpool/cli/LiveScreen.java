package dev.taskpool.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

/**
 * The terminal side of a live view ({@code watch}, {@code control fleet --watch}): shows a new
 * frame about once a second on the terminal's alternate screen, until a key is pressed, Ctrl+C
 * included, and puts the terminal back as it was.
 */
final class LiveScreen {

    static final Duration INTERVAL = Duration.ofSeconds(1);
    // After Escape, which starts the sequences of arrow and function keys, the rest of the
    // sequence is swallowed so that it does not reach the prompt.
    private static final int ESCAPE = 27;
    private static final long DRAIN_MILLIS = 20;

    /** Makes the frames. */
    @FunctionalInterface
    interface Frames {
        /**
         * The next frame for a terminal of this size: one line per row at most.
         *
         * @return the frame; {@code null} to end the view (the connection was lost)
         */
        List<AttributedString> next(int columns, int rows);
    }

    private LiveScreen() {
    }

    /** Shows frames until a key is pressed; false if {@code frames} ended the view first. */
    static boolean show(Terminal terminal, Frames frames) {
        Attributes saved = terminal.enterRawMode();
        // Ctrl+C is a key like any other here, leaving the view, rather than a signal.
        Attributes raw = terminal.getAttributes();
        raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
        terminal.setAttributes(raw);
        boolean alternateScreen = terminal.puts(Capability.enter_ca_mode);
        terminal.puts(Capability.cursor_invisible);
        terminal.flush();
        Display display = new Display(terminal, true);
        try {
            while (true) {
                long frameStart = System.nanoTime();
                Size size = terminal.getSize();
                int rows = size.getRows() > 0 ? size.getRows() : 24;
                int columns = size.getColumns() > 0 ? size.getColumns() : 80;
                List<AttributedString> frame = frames.next(columns, rows);
                if (frame == null) {
                    return false;
                }
                display.resize(rows, columns);
                display.update(frame, 0);
                terminal.flush();
                if (keyPressedBefore(terminal, frameStart + INTERVAL.toNanos())) {
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

    /** Waits for a key until {@code deadline} (a nano time); true if one came, or input ended. */
    private static boolean keyPressedBefore(Terminal terminal, long deadline) throws IOException {
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
