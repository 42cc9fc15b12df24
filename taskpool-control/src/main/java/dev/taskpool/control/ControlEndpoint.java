package dev.taskpool.control;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a {@link ControlServer} listens: a TCP host and port, or a UNIX domain socket path.
 *
 * <p>Instances are immutable values and therefore thread-safe. {@code toString()} gives a
 * form a person can read in logs and messages: {@code 127.0.0.1:9999}, {@code [::1]:9999} or
 * {@code unix:/run/app/control.sock}.
 */
public sealed interface ControlEndpoint permits ControlEndpoint.Tcp, ControlEndpoint.Unix {

    /** The IPv4 loopback address, the host every default of the control server uses. */
    String LOOPBACK_HOST = "127.0.0.1";

    /**
     * A TCP endpoint. The server binds exactly {@code host}, never a wildcard on its own:
     * exposing the control server beyond the machine has to be asked for by name.
     *
     * @param host a host name or literal address; not blank
     * @param port 0..65535; 0 lets the system choose a free port when the server binds
     */
    record Tcp(String host, int port) implements ControlEndpoint {
        /**
         * @throws NullPointerException     if {@code host} is null
         * @throws IllegalArgumentException if {@code host} is blank or {@code port} is out of range
         */
        public Tcp {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("port must be in 0..65535, got " + port);
            }
        }

        @Override
        public String toString() {
            // An IPv6 literal needs brackets, or its colons would run into the port's.
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * A UNIX domain socket endpoint.
     *
     * @param path where the socket file is created; its parent directory must exist
     */
    record Unix(Path path) implements ControlEndpoint {
        /** @throws NullPointerException if {@code path} is null */
        public Unix {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return "unix:" + path;
        }
    }

    /**
     * A TCP endpoint on the given host.
     *
     * @throws NullPointerException     if {@code host} is null
     * @throws IllegalArgumentException if {@code host} is blank or {@code port} is out of range
     */
    static Tcp tcp(String host, int port) {
        return new Tcp(host, port);
    }

    /**
     * A TCP endpoint on the loopback address {@value #LOOPBACK_HOST}, reachable only from this
     * machine.
     *
     * @param port 0..65535; 0 lets the system choose
     * @throws IllegalArgumentException if {@code port} is out of range
     */
    static Tcp loopback(int port) {
        return new Tcp(LOOPBACK_HOST, port);
    }

    /**
     * A UNIX domain socket endpoint at {@code path}.
     *
     * @throws NullPointerException if {@code path} is null
     */
    static Unix unix(Path path) {
        return new Unix(path);
    }
}
