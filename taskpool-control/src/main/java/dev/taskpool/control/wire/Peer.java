package dev.taskpool.control.wire;

import dev.taskpool.control.ControlEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Who is at the other end of a connection, as far as failed handshakes are counted: over TCP
 * the remote address (without the port, which a client chooses freely), over a UNIX socket
 * the connecting user where the system tells it, else one peer for every client of the socket.
 * Peers are equal when their keys are.
 *
 * @param key         what identifies the peer; compared with {@code equals}
 * @param description how logs and messages name the peer: {@code 192.0.2.7}, {@code user alice}
 * @param remote      how a connection's label names its other end, port included:
 *                    {@code " from 192.0.2.7:50412"}, {@code " from user alice"}; empty if unknown
 */
public record Peer(Object key, String description, String remote) {

    /** Every client of a UNIX socket whose user the system does not tell. */
    public static final Peer UNIX_SOCKET = new Peer("unix-socket", "the UNIX socket", "");

    public Peer {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(remote, "remote");
    }

    private record UnixUser(String name) {
    }

    /** The peer of a TCP client at {@code address}. */
    public static Peer tcp(InetSocketAddress address) {
        InetAddress host = address.getAddress();
        String name = host.getHostAddress();
        return new Peer(host, name, " from " + ControlEndpoint.tcp(name, address.getPort()));
    }

    /** The peer of a UNIX socket client run by {@code user}. */
    public static Peer unixUser(String user) {
        return new Peer(new UnixUser(user), "user " + user, " from user " + user);
    }

    /** The peer at the other end of {@code channel}; {@link #UNIX_SOCKET} if nothing tells it. */
    public static Peer of(SocketChannel channel) {
        try {
            if (channel.getRemoteAddress() instanceof InetSocketAddress inet) {
                return tcp(inet);
            }
            if (channel.supportedOptions().contains(ExtendedSocketOptions.SO_PEERCRED)) {
                UnixDomainPrincipal principal = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
                return unixUser(principal.user().getName());
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Closed by the peer already, or credentials the system will not give: one bucket.
        }
        return UNIX_SOCKET;
    }
}
