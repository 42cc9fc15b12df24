package dev.taskpool.cli.demo;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A minimal control client speaking the framed protocol over TCP, as a person's script would:
 * sends the handshake, then one command line at a time, reading one JSON answer line for each.
 * Every read gives up after {@link #TIMEOUT_MILLIS}, so a broken server fails a test instead
 * of hanging it. Not thread-safe: one thread drives each client.
 */
final class ScriptClient implements AutoCloseable {

    static final int TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final Map<String, Object> greeting;

    private ScriptClient(Socket socket, String token) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(TIMEOUT_MILLIS);
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
        String handshake = "{\"terminal_width\": 80, \"protocol\": 2"
                + (token == null ? "" : ", \"token\": \"" + token + "\"") + "}";
        this.greeting = exchange(handshake);
    }

    static ScriptClient connect(int port) throws IOException {
        return connect(port, null);
    }

    static ScriptClient connect(int port, String token) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            return new ScriptClient(socket, token);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The server's answer to the handshake. */
    Map<String, Object> greeting() {
        return greeting;
    }

    /** Sends one command and returns its answer: {@code status}, {@code output}, {@code value} or {@code error}. */
    Map<String, Object> send(String command) throws IOException {
        return exchange(command);
    }

    /** Sends one command that must succeed and returns its answer's value. */
    Object value(String command) throws IOException {
        Map<String, Object> answer = send(command);
        if (!"ok".equals(answer.get("status"))) {
            throw new AssertionError("'" + command + "' failed: " + answer);
        }
        return answer.get("value");
    }

    private Map<String, Object> exchange(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        String answer = in.readLine();
        if (answer == null) {
            throw new IOException("the server closed the connection instead of answering '" + line + "'");
        }
        try {
            return JSON.std.mapFrom(answer);
        } catch (IOException e) {
            throw new AssertionError("not a JSON answer to '" + line + "': " + answer, e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
