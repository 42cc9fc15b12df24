package dev.taskpool.cli;

import dev.taskpool.control.ControlEndpoint;
import java.util.Objects;

/**
 * One daemon of a fleet: the name its answers are printed under, and where its control server
 * listens; or, for a daemon whose registered endpoint cannot be read, why it cannot be reached.
 *
 * @param name     the node's registered name, or the {@code --target} as given
 * @param endpoint where to connect; {@code null} when {@code problem} says why not
 * @param problem  why the daemon cannot be reached; {@code null} when it has an endpoint
 */
record FleetTarget(String name, ControlEndpoint endpoint, String problem) {

    FleetTarget {
        Objects.requireNonNull(name, "name");
        if ((endpoint == null) == (problem == null)) {
            throw new IllegalArgumentException("a target has an endpoint or a problem, not both or neither");
        }
    }

    /** A target given as {@code tcp:HOST:PORT} or {@code unix:PATH}, named by that text. */
    static FleetTarget parse(String text) {
        return new FleetTarget(text, EndpointAddress.parse(text), null);
    }

    /** A registered daemon; one whose endpoint cannot be read is kept, with the reason. */
    static FleetTarget registered(String name, String endpoint) {
        try {
            return new FleetTarget(name, EndpointAddress.parse(endpoint), null);
        } catch (IllegalArgumentException e) {
            return new FleetTarget(name, null, "registered endpoint " + e.getMessage());
        }
    }
}
