package dev.taskpool.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for asyncio-taskpool's control server, which speaks only the text protocol: it
 * ignores every handshake field, greets with the bare pool name and answers each command line
 * with a two-line text in one write. When {@code silent}, it accepts connections and never
 * says anything.
 */
final class FakeTextOnlyServer implements AutoCloseable {

    static final String POOL = "SimpleTaskPool-fake";

    private final ServerSocket socket;
    private final boolean silent;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private FakeTextOnlyServer(boolean silent) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.silent = silent;
        this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    static FakeTextOnlyServer start() throws IOException {
        return new FakeTextOnlyServer(false);
    }

    static FakeTextOnlyServer silent() throws IOException {
        return new FakeTextOnlyServer(true);
    }

    ControlEndpoint endpoint() {
        return ControlEndpoint.loopback(socket.getLocalPort());
    }

    /** Every line received so far, handshakes included. */
    List<String> received() {
        return received;
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                clients.add(client);
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = client.getOutputStream();
            String line = in.readLine();
            if (line == null) {
                return;
            }
            received.add(line);
            if (silent) {
                in.read();
                return;
            }
            out.write((POOL + "\n").getBytes(StandardCharsets.UTF_8));
            while ((line = in.readLine()) != null) {
                received.add(line);
                out.write(("you said: " + line + "\nsecond line\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The client left.
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket client : clients) {
            client.close();
        }
        try {
            if (!acceptor.join(Duration.ofSeconds(30))) {
                throw new AssertionError("the accept loop did not end within 30 s of closing its socket");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
