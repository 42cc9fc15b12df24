package dev.taskpool.cli;

import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;

/** Whether to colour what the terminal shows. */
final class Colours {

    private Colours() {
    }

    /**
     * True for a terminal with at least 8 colours, unless {@code NO_COLOR} is set (see
     * no-color.org) or the terminal is dumb.
     */
    static boolean enabled(Terminal terminal, CliEnvironment environment) {
        if (environment.variable("NO_COLOR") != null) {
            return false;
        }
        String type = terminal.getType();
        if (type == null || type.startsWith(Terminal.TYPE_DUMB)) {
            return false;
        }
        Integer colours = terminal.getNumericCapability(Capability.max_colors);
        return colours != null && colours >= 8;
    }
}
