package dev.taskpool.cli;

import dev.taskpool.control.ControlEndpoint;
import java.nio.file.Path;

/**
 * A control endpoint written as one word: {@code tcp:HOST:PORT} ({@code tcp:[::1]:9999} for an
 * IPv6 address) or {@code unix:PATH}. The form of {@code control fleet --target} and of the
 * endpoints demos register in a work queue's database. Stateless.
 */
public final class EndpointAddress {

    private EndpointAddress() {
    }

    /** {@code endpoint} as one word. */
    public static String format(ControlEndpoint endpoint) {
        return switch (endpoint) {
            case ControlEndpoint.Tcp tcp -> "tcp:" + tcp;
            case ControlEndpoint.Unix unix -> unix.toString();
        };
    }

    /**
     * Reads an endpoint written by {@link #format}.
     *
     * @throws IllegalArgumentException if {@code text} is neither form; the message says what is allowed
     */
    public static ControlEndpoint parse(String text) {
        if (text.startsWith("unix:") && text.length() > "unix:".length()) {
            return ControlEndpoint.unix(Path.of(text.substring("unix:".length())));
        }
        if (text.startsWith("tcp:")) {
            String rest = text.substring("tcp:".length());
            int colon = rest.lastIndexOf(':');
            if (colon > 0) {
                String host = rest.substring(0, colon);
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                try {
                    int port = Integer.parseInt(rest.substring(colon + 1));
                    if (port >= 1 && port <= 0xFFFF && !host.isBlank()) {
                        return ControlEndpoint.tcp(host, port);
                    }
                } catch (NumberFormatException e) {
                    // Said below.
                }
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an endpoint; write tcp:HOST:PORT "
                + "(a port of 1 to 65535) or unix:PATH");
    }
}
