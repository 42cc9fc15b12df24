package dev.taskpool.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Serves a {@link PrometheusMeterRegistry} in the Prometheus text format at
 * {@code http://127.0.0.1:PORT/metrics}, with the JDK's HTTP server, each exchange on a virtual
 * thread. Only {@code GET} and {@code HEAD} of {@value #PATH} are served: another path gets 404,
 * another method 405. Loopback only, as the control server is by default: the figures tell
 * whoever reads them what runs here.
 *
 * <p>Thread-safe. Owns its listening socket and its threads; {@link #close()} releases both.
 */
final class MetricsServer implements AutoCloseable {

    /** The one path served. */
    static final String PATH = "/metrics";

    /** The Prometheus text exposition format, version 0.0.4: what every scraper reads. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);

    private final PrometheusMeterRegistry registry;
    private final HttpServer server;
    private final ExecutorService exchanges;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MetricsServer(PrometheusMeterRegistry registry, HttpServer server, ExecutorService exchanges) {
        this.registry = registry;
        this.server = server;
        this.exchanges = exchanges;
    }

    /**
     * Starts serving {@code registry} on the loopback address.
     *
     * @param port the TCP port; 0 lets the system choose a free one
     * @throws IOException if the port cannot be bound, such as when it is taken
     */
    static MetricsServer start(PrometheusMeterRegistry registry, int port) throws IOException {
        Objects.requireNonNull(registry, "registry");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ExecutorService exchanges = Executors.newVirtualThreadPerTaskExecutor();
        MetricsServer metrics = new MetricsServer(registry, server, exchanges);
        server.createContext("/", metrics::handle);
        server.setExecutor(exchanges);
        server.start();
        return metrics;
    }

    /** The port it listens on: the one the system chose if 0 was asked for. */
    int port() {
        return server.getAddress().getPort();
    }

    /** Where the metrics are: {@code http://127.0.0.1:PORT/metrics}. */
    String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port() + PATH;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                sendText(exchange, 404, "Not found: the metrics are at " + PATH + "\n");
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                sendText(exchange, 405, "Method " + method + " not allowed: GET or HEAD " + PATH + "\n");
            } else {
                sendMetrics(exchange, method.equals("HEAD"));
            }
        }
    }

    private void sendMetrics(HttpExchange exchange, boolean headOnly) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        try {
            registry.scrape(body, CONTENT_TYPE);
        } catch (RuntimeException e) {
            // A meter whose value cannot be read: the log has the stack, the scraper a short answer.
            log.error("Reading the metrics failed", e);
            sendText(exchange, 500, "Reading the metrics failed; see the demo's log\n");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        if (headOnly) {
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, body.size());
        try (OutputStream out = exchange.getResponseBody()) {
            body.writeTo(out);
        }
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Stops listening at once, closes open exchanges and waits for their threads to end.
     * Idempotent. The registry is left alone: its owner closes it.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        exchanges.close();
    }
}
