package dev.taskpool.control.wire;

import dev.taskpool.control.ControlEndpoint;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bound, listening socket of a control server, TCP or UNIX domain, together with the
 * endpoint it actually listens on and, for UNIX, its socket file.
 *
 * <p>Thread-safe: one thread accepts while another may close.
 */
public final class ListeningSocket implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ListeningSocket.class);
    private static final int BACKLOG = 50;

    private final ServerSocketChannel channel;
    private final ControlEndpoint endpoint;
    private final UnixSocketFile socketFile;

    private ListeningSocket(ServerSocketChannel channel, ControlEndpoint endpoint, UnixSocketFile socketFile) {
        this.channel = channel;
        this.endpoint = endpoint;
        this.socketFile = socketFile;
    }

    /**
     * Binds and listens; a blocking {@link #accept()} may follow at once.
     *
     * @throws BindException              if the TCP port is taken or a server is listening on
     *                                    the UNIX socket path
     * @throws java.nio.file.FileAlreadyExistsException if the UNIX socket path holds something
     *                                    that is not a socket
     * @throws UnknownHostException       if the TCP host does not resolve
     * @throws IOException                if binding fails otherwise
     */
    public static ListeningSocket bind(ControlEndpoint endpoint) throws IOException {
        return switch (endpoint) {
            case ControlEndpoint.Tcp tcp -> bindTcp(tcp);
            case ControlEndpoint.Unix unix -> bindUnix(unix);
        };
    }

    private static ListeningSocket bindTcp(ControlEndpoint.Tcp tcp) throws IOException {
        InetSocketAddress address = new InetSocketAddress(tcp.host(), tcp.port());
        if (address.isUnresolved()) {
            throw new UnknownHostException("cannot resolve control server host " + tcp.host());
        }
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            // Lets a restarted server bind while old connections linger in TIME_WAIT. On Windows
            // the option means something else (sharing a port with a live socket), so not there.
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            }
            try {
                channel.bind(address, BACKLOG);
            } catch (BindException e) {
                throw new BindException("cannot listen on " + tcp + ": " + e.getMessage());
            }
            InetSocketAddress bound = (InetSocketAddress) channel.getLocalAddress();
            ControlEndpoint actual = ControlEndpoint.tcp(bound.getAddress().getHostAddress(), bound.getPort());
            return new ListeningSocket(channel, actual, null);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static ListeningSocket bindUnix(ControlEndpoint.Unix unix) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            UnixSocketFile socketFile = UnixSocketFile.bind(channel, unix.path(), BACKLOG);
            return new ListeningSocket(channel, ControlEndpoint.unix(socketFile.path()), socketFile);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Where the socket listens, as bound: TCP port 0 replaced, UNIX path made absolute. */
    public ControlEndpoint endpoint() {
        return endpoint;
    }

    /**
     * Waits for the next connection.
     *
     * @throws java.nio.channels.ClosedChannelException if the socket is or gets closed
     * @throws IOException                              if accepting fails otherwise
     */
    public SocketChannel accept() throws IOException {
        return channel.accept();
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    /** Stops listening and removes the UNIX socket file. Idempotent; never throws. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("Closing the control server's listening socket on {} failed: {}", endpoint, e.toString());
        }
        if (socketFile != null) {
            socketFile.delete();
        }
    }
}
