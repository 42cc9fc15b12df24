package dev.taskpool.cli.demo;

import dev.taskpool.BaseTaskPool;
import dev.taskpool.control.SharedToken;
import dev.taskpool.jmx.PoolMXBeans;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.security.auth.Subject;

/**
 * The demo's pools seen through JMX. They are registered as MXBeans with the platform MBean
 * server ({@link PoolMXBeans}), where JConsole finds them when it attaches to the process; and,
 * given a port, an RMI connector serves that server on the loopback interface at
 * {@code service:jmx:rmi:///jndi/rmi://127.0.0.1:PORT/jmxrmi}, the address JConsole's "Remote
 * Process" takes. The connector's RMI registry and the connections of its clients share that
 * one port, bound to 127.0.0.1 only.
 *
 * <p>With a token, the connector wants it as the password, whatever the user name; without
 * one, any local user may connect, as to the control server, but through JMX a client reaches
 * every MBean of the JVM, not only the pools. Failed logins are not slowed down as the control
 * server's are: a token that protects JMX should be long and random.
 *
 * <p>Owns the registrations, the registry and the connector, and {@link #close()} ends them
 * all. Thread-safe.
 */
final class JmxAgent implements AutoCloseable {

    /** The one address the connector listens on. */
    static final String LOOPBACK = "127.0.0.1";

    /** The registry entry of the connector, where JConsole looks for it. */
    private static final String REGISTRY_NAME = "jmxrmi";

    /**
     * The connector could not be opened: its port is taken, say. Its message names the address
     * and the cause.
     */
    static final class ConnectorException extends IOException {
        ConnectorException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final List<BaseTaskPool> pools;
    private final Connector connector;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A running connector and what it is made of, closed in the reverse order. */
    private record Connector(LoopbackSockets sockets, Registry registry, JMXConnectorServer server, int port,
                             boolean requiresPassword) {
    }

    private JmxAgent(List<BaseTaskPool> pools, Connector connector) {
        this.pools = List.copyOf(pools);
        this.connector = connector;
    }

    /**
     * Registers {@code pools} as MXBeans and, if {@code port} is not {@code null}, opens the
     * connector there (0 for a port the system chooses). Nothing is left registered or open if
     * this throws.
     *
     * @param token the password the connector wants; {@code null} for none
     * @throws ConnectorException    if the connector cannot be opened
     * @throws IllegalStateException if a pool of the same name is registered already
     */
    static JmxAgent start(List<BaseTaskPool> pools, Integer port, String token) throws ConnectorException {
        List<BaseTaskPool> registered = new ArrayList<>();
        try {
            for (BaseTaskPool pool : pools) {
                PoolMXBeans.register(pool);
                registered.add(pool);
            }
            return new JmxAgent(pools, port == null ? null : openConnector(port, token));
        } catch (ConnectorException | RuntimeException e) {
            registered.forEach(PoolMXBeans::unregister);
            throw e;
        }
    }

    private static Connector openConnector(int port, String token) throws ConnectorException {
        // RMI names this host in the connector's stub, by default with an address of the
        // machine's network, on which nothing listens here: clients would fail to connect.
        if (System.getProperty("java.rmi.server.hostname") == null) {
            System.setProperty("java.rmi.server.hostname", LOOPBACK);
        }
        LoopbackSockets sockets = new LoopbackSockets();
        Registry registry = null;
        try {
            registry = LocateRegistry.createRegistry(port, null, sockets);
            int bound = sockets.port();
            // The connector exports itself on the port asked for: on the same port with the same
            // socket factory, RMI serves it through the registry's socket, even for port 0.
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://" + LOOPBACK + ":" + port
                    + "/jndi/rmi://" + LOOPBACK + ":" + bound + "/" + REGISTRY_NAME);
            JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(
                    url, environment(sockets, token), ManagementFactory.getPlatformMBeanServer());
            server.start();
            return new Connector(sockets, registry, server, bound, token != null);
        } catch (IOException | RuntimeException e) {
            if (registry != null) {
                unexport(registry);
            }
            sockets.close();
            throw new ConnectorException("cannot open the JMX connector on " + LOOPBACK + ":" + port + ": "
                    + rootCause(e), e);
        }
    }

    private static Map<String, Object> environment(LoopbackSockets sockets, String token) {
        Map<String, Object> environment = new HashMap<>();
        environment.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
        // Credentials are a user name and a password; nothing else is even deserialised.
        environment.put(RMIConnectorServer.CREDENTIALS_FILTER_PATTERN, String.class.getName() + ";!*");
        if (token != null) {
            environment.put(JMXConnectorServer.AUTHENTICATOR, passwordAuthenticator(SharedToken.of(token)));
        }
        return environment;
    }

    /** Accepts any user name with {@code token} as password, compared as the control server compares it. */
    static JMXAuthenticator passwordAuthenticator(SharedToken token) {
        return credentials -> {
            if (credentials instanceof String[] login && login.length == 2 && token.matches(login[1])) {
                return new Subject(true, Set.of(new JMXPrincipal(String.valueOf(login[0]))), Set.of(), Set.of());
            }
            SecurityException refusal = new SecurityException("the demo's JMX connector wants the control token "
                    + "as password (any user name, such as taskpool)");
            // The client gets the exception as it is: the message, and none of this JVM's frames.
            refusal.setStackTrace(new StackTraceElement[0]);
            throw refusal;
        };
    }

    /**
     * Where a JMX client connects: {@code service:jmx:rmi:///jndi/rmi://127.0.0.1:PORT/jmxrmi};
     * {@code null} without a connector.
     */
    JMXServiceURL address() {
        if (connector == null) {
            return null;
        }
        try {
            return new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + LOOPBACK + ":" + connector.port() + "/"
                    + REGISTRY_NAME);
        } catch (java.net.MalformedURLException e) {
            throw new AssertionError("a well-formed address", e);
        }
    }

    /** Whether the connector wants a password. */
    boolean requiresPassword() {
        return connector != null && connector.requiresPassword();
    }

    /**
     * Stops the connector, closing its clients' connections, unbinds and unexports the registry,
     * closes the port and unregisters the pools. Runs once; a later call does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (connector != null) {
                try {
                    connector.server().stop();
                } catch (IOException e) {
                    // Unbinding from the registry failed; the registry goes next anyway.
                }
                unexport(connector.registry());
                connector.sockets().close();
            }
        } finally {
            pools.forEach(PoolMXBeans::unregister);
        }
    }

    private static void unexport(Registry registry) {
        try {
            UnicastRemoteObject.unexportObject(registry, true);
        } catch (NoSuchObjectException e) {
            // Not exported any more: nothing to do.
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.toString();
    }

    /**
     * Makes the connector's server sockets, bound to 127.0.0.1, and keeps track of them and of
     * the connections they accept. RMI closes a listening socket once nothing is exported on it
     * any more, but keeps one on a port the system chose for later exports, and leaves the
     * connections of its clients open until they hang up; {@link #close()} closes them all.
     */
    private static final class LoopbackSockets implements RMIServerSocketFactory {

        private final List<ServerSocket> listening = new CopyOnWriteArrayList<>();
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            ServerSocket socket = new ServerSocket(port, 0, InetAddress.getByAddress(LOOPBACK, new byte[] {127, 0, 0, 1})) {
                @Override
                public Socket accept() throws IOException {
                    Socket connection = super.accept();
                    accepted.removeIf(Socket::isClosed);
                    accepted.add(connection);
                    return connection;
                }
            };
            listening.add(socket);
            return socket;
        }

        /** The port of the first socket made: the registry's, which the connector shares. */
        int port() {
            return listening.get(0).getLocalPort();
        }

        void close() {
            listening.forEach(LoopbackSockets::closeQuietly);
            accepted.forEach(LoopbackSockets::closeQuietly);
        }

        private static void closeQuietly(java.io.Closeable socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // Nothing more can be done about it here.
            }
        }
    }
}
