package dev.taskpool.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.taskpool.jmx.PoolMXBeans;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The demo seen through JMX: its pools as MXBeans of the platform MBean server while it runs,
 * and the connector that {@code --jmx-port} opens on the loopback interface, where JConsole
 * reads and changes them, behind the control token when there is one.
 */
class DemoJmxTest {

    private final StringWriter output = new StringWriter();
    private DemoDaemon daemon;

    @AfterEach
    void shutDown() {
        if (daemon != null) {
            daemon.shutdown("test over");
        }
    }

    private DemoDaemon start(Integer jmxPort, String token) throws IOException {
        DemoConfig config = new DemoConfig("127.0.0.1", 0, null, 3, 100, token,
                Duration.ofSeconds(30), Duration.ofSeconds(30), DemoConfig.Progress.OFF, Duration.ZERO, jmxPort);
        daemon = DemoDaemon.start(config, new PrintWriter(output));
        return daemon;
    }

    @Test
    void thePoolsAreMXBeansOfThePlatformServerUntilTheShutdown() throws Exception {
        start(null, null);
        MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
        ObjectName workers = PoolMXBeans.objectName(daemon.workers());
        ObjectName jobs = PoolMXBeans.objectName(daemon.jobs());

        assertThat(platform.isRegistered(workers)).isTrue();
        assertThat(platform.isRegistered(jobs)).isTrue();
        assertThat(platform.getAttribute(jobs, "PoolSize")).isEqualTo(DemoDaemon.JOBS_POOL_SIZE);
        assertThat(daemon.jmxAddress()).as("no connector without a port").isNull();
        assertThat(output.toString())
                .contains("JMX: jconsole " + ProcessHandle.current().pid() + " attaches to this process; "
                        + "the pools are under dev.taskpool in its MBeans tab.")
                .doesNotContain("JMX connector");

        daemon.shutdown("test over");

        assertThat(platform.isRegistered(workers)).isFalse();
        assertThat(platform.isRegistered(jobs)).isFalse();
    }

    @Test
    void aJmxClientReadsAndResizesTheWorkersThroughTheConnector() throws Exception {
        start(0, null);
        JMXServiceURL address = daemon.jmxAddress();
        int port = registryPort(address);
        ObjectName workers = PoolMXBeans.objectName(daemon.workers());

        assertThat(address.toString()).isEqualTo("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        assertThat(output.toString()).contains("JMX connector listening on " + address
                + " (loopback only; no password: any local user can connect).");
        try (JMXConnector connector = JMXConnectorFactory.connect(address);
             ScriptClient control = ScriptClient.connect(daemon.port())) {
            MBeanServerConnection connection = connector.getMBeanServerConnection();
            assertThat(connection.getAttribute(workers, "PoolSize")).as("unbounded").isEqualTo(-1);

            connection.setAttribute(workers, new Attribute("PoolSize", 2));

            assertThat(daemon.workers().poolSize()).isEqualTo(2);
            assertThat(control.value("pool-size")).isEqualTo(2);
            assertThat(connection.getAttribute(workers, "Started")).isEqualTo(daemon.workers().stats().started());
            assertThat((Long) connection.getAttribute(workers, "Started")).isEqualTo(3L);
        }
    }

    @Test
    void withATokenTheConnectorWantsItAsPasswordForAnyUserName() throws Exception {
        start(0, "s3cret");
        JMXServiceURL address = daemon.jmxAddress();
        ObjectName jobs = PoolMXBeans.objectName(daemon.jobs());

        assertThatThrownBy(() -> JMXConnectorFactory.connect(address).close())
                .isInstanceOf(SecurityException.class)
                .hasMessageContaining("wants the control token as password")
                .satisfies(refusal -> assertThat(refusal.getStackTrace())
                        .as("no frame of the server reaches the client")
                        .noneMatch(frame -> frame.getClassName().startsWith(JmxAgent.class.getName())));
        assertThatThrownBy(() -> JMXConnectorFactory.connect(address, login("taskpool", "wrong")).close())
                .isInstanceOf(SecurityException.class);
        for (String user : new String[] {"taskpool", "anyone"}) {
            try (JMXConnector connector = JMXConnectorFactory.connect(address, login(user, "s3cret"))) {
                assertThat(connector.getMBeanServerConnection().getAttribute(jobs, "Name")).isEqualTo("jobs");
            }
        }
        assertThat(output.toString())
                .contains("(loopback only; any user name, the control token as password).")
                .doesNotContain("s3cret");
    }

    @Test
    void theConnectorIsNotReachableOnTheMachinesOtherAddresses() throws Exception {
        Optional<InetAddress> other = NetworkInterface.networkInterfaces()
                .filter(DemoJmxTest::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
        assumeTrue(other.isPresent(), "this machine has an address besides loopback");
        start(0, null);
        int port = registryPort(daemon.jmxAddress());

        assertThatThrownBy(() -> connect(new InetSocketAddress(other.get(), port))).isInstanceOf(ConnectException.class);
        connect(new InetSocketAddress("127.0.0.1", port));
    }

    @Test
    void theShutdownClosesTheConnectorAndFreesItsPort() throws Exception {
        start(0, null);
        int port = registryPort(daemon.jmxAddress());
        try (JMXConnector client = JMXConnectorFactory.connect(daemon.jmxAddress())) {
            assertThat(client.getMBeanServerConnection().getMBeanCount()).isPositive();
        }

        daemon.shutdown("test over");

        // RMI closes its listening socket from its own accept thread: wait for it.
        org.awaitility.Awaitility.await().untilAsserted(() ->
                assertThatThrownBy(() -> connect(new InetSocketAddress("127.0.0.1", port)))
                        .isInstanceOf(ConnectException.class));
        // Free for whoever asks for it next, as a restarted demo does.
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aTakenJmxPortFailsTheStartAndLeavesNothingOpenOrRegistered() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> start(port, null))
                    .isInstanceOf(JmxAgent.ConnectorException.class)
                    .hasMessageStartingWith("cannot open the JMX connector on 127.0.0.1:" + port + ": java.net.BindException");
        }
        MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
        assertThat(platform.queryNames(new ObjectName("dev.taskpool:*"), null)).isEmpty();
        assertThat(output.toString()).isEmpty();
        // The control server it had started is closed: a second start binds the same names again.
        start(null, null);
    }

    private static Map<String, ?> login(String user, String password) {
        return Map.of(JMXConnector.CREDENTIALS, new String[] {user, password});
    }

    /** The port in {@code service:jmx:rmi:///jndi/rmi://127.0.0.1:PORT/jmxrmi}. */
    private static int registryPort(JMXServiceURL address) {
        String path = address.getURLPath();
        return Integer.parseInt(path.substring(path.lastIndexOf(':') + 1, path.lastIndexOf('/')));
    }

    private static void connect(InetSocketAddress address) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, 2_000);
        }
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp();
        } catch (IOException e) {
            return false;
        }
    }
}
