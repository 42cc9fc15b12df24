package dev.taskpool.control;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A test client for one control session over a real socket, in either mode: text answers
 * are read as the one write the server makes, framed answers as one JSON line.
 */
final class PoolSession implements AutoCloseable {

    /**
     * One answer: its status, and for an error its type and message (framed mode only), its
     * printable output and its value.
     */
    record Answer(boolean ok, String errorType, String errorMessage, String output, Object value) {
    }

    private final RawClient client;
    private final boolean framed;
    final String greeting;

    private PoolSession(RawClient client, boolean framed, String greeting) {
        this.client = client;
        this.framed = framed;
        this.greeting = greeting;
    }

    static PoolSession open(ControlEndpoint endpoint, boolean framed) throws IOException {
        RawClient client = RawClient.connect(endpoint);
        String handshake = framed ? "{\"terminal_width\": 100, \"protocol\": 2}" : "{\"terminal_width\": 100}";
        String first = client.handshake(handshake);
        String greeting = framed ? String.valueOf(JSON.std.mapFrom(first).get("pool")) : first;
        return new PoolSession(client, framed, greeting);
    }

    Answer send(String line) throws IOException {
        sendWithoutWaiting(line);
        return nextAnswer();
    }

    /** Sends a command line; its answer is left for {@link #nextAnswer()}. */
    void sendWithoutWaiting(String line) throws IOException {
        client.send(line + "\n");
    }

    /** The next answer the server sends. */
    Answer nextAnswer() throws IOException {
        if (framed) {
            return framedAnswer(client.readLine());
        }
        String text = new String(client.readOnce(), StandardCharsets.UTF_8);
        if (!text.endsWith("\n")) {
            throw new AssertionError("a text answer must arrive in one write ending in a newline: " + text);
        }
        return new Answer(true, null, null, text.substring(0, text.length() - 1), null);
    }

    /** Everything the server sends until it ends the connection. */
    String restUntilEndOfStream() throws IOException {
        return client.readUntilEndOfStream();
    }

    /** Parses one framed-mode line: an answer, or the refusal of a handshake. */
    static Answer framedAnswer(String line) throws IOException {
        Map<String, Object> json = JSON.std.mapFrom(line);
        boolean ok = "ok".equals(json.get("status"));
        Map<?, ?> error = ok ? Map.of() : (Map<?, ?>) json.get("error");
        return new Answer(ok, ok ? null : String.valueOf(error.get("type")),
                ok ? null : String.valueOf(error.get("message")), String.valueOf(json.get("output")),
                json.get("value"));
    }

    /** The printable output of a command. */
    String output(String line) throws IOException {
        return send(line).output();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
