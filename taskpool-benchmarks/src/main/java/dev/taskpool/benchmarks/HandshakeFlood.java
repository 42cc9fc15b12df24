package dev.taskpool.benchmarks;

import dev.taskpool.SimpleTaskPool;
import dev.taskpool.control.ControlEndpoint;
import dev.taskpool.control.ControlServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Floods a control server that requires a token with wrong-token handshakes from several
 * concurrent clients, and reports what an attacker guessing the token gets and what it costs
 * the server's log: handshakes answered per second (each answer says whether the token was
 * checked or the peer was turned away unchecked), and the log lines the server wrote meanwhile.
 * Once a second an operator with the right token connects, over TCP from another loopback
 * address (127.0.0.2, so another peer) when the system allows binding it, and the time until
 * its greeting is reported. Not a JMH benchmark: one run, one measurement.
 *
 * <pre>
 * java -cp benchmarks.jar dev.taskpool.benchmarks.HandshakeFlood [--seconds 10] [--clients 8]
 *      [--transport tcp|unix]
 * </pre>
 * The server logs at slf4j-simple's default level, info, into a stream that only counts lines
 * (and keeps the first few as samples).
 */
public final class HandshakeFlood {

    private static final String TOKEN = "correct-horse-battery-staple";
    private static final long ANSWER_TIMEOUT_MILLIS = 30_000;

    private final int seconds;
    private final int clients;
    private final boolean tcp;
    private final LineCounter log;
    private final LongAdder checked = new LongAdder();
    private final LongAdder turnedAway = new LongAdder();
    private final LongAdder other = new LongAdder();
    private final Queue<Long> operatorMillis = new ConcurrentLinkedQueue<>();
    private final AtomicLong operatorFailures = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Set<String> otherAnswers = ConcurrentHashMap.newKeySet();

    private HandshakeFlood(int seconds, int clients, boolean tcp, LineCounter log) {
        this.seconds = seconds;
        this.clients = clients;
        this.tcp = tcp;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        int seconds = 10;
        int clients = 8;
        boolean tcp = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--transport" -> tcp = switch (args[++i].toLowerCase(Locale.ROOT)) {
                    case "tcp" -> true;
                    case "unix" -> false;
                    default -> throw usage();
                };
                default -> throw usage();
            }
        }
        // Before any logger exists: slf4j-simple writes to whatever System.err is then.
        PrintStream realErr = System.err;
        LineCounter counter = new LineCounter(5);
        System.setErr(new PrintStream(counter, true, StandardCharsets.UTF_8));
        try {
            new HandshakeFlood(seconds, clients, tcp, counter).run();
        } finally {
            System.setErr(realErr);
        }
    }

    private static IllegalArgumentException usage() {
        System.out.println("usage: HandshakeFlood [--seconds N] [--clients N] [--transport tcp|unix]");
        System.exit(2);
        return new IllegalArgumentException();
    }

    private void run() throws Exception {
        SimpleTaskPool pool = SimpleTaskPool.builder(() -> Thread.sleep(Long.MAX_VALUE)).name("flood").build();
        Path socketDir = null;
        ControlEndpoint endpoint;
        if (tcp) {
            endpoint = ControlEndpoint.loopback(0);
        } else {
            socketDir = Files.createTempDirectory("taskpool-flood");
            endpoint = ControlEndpoint.unix(socketDir.resolve("control.sock"));
        }
        ControlServer server = ControlServer.forPools(pool)
                .options(ControlServer.Options.defaults().withToken(TOKEN)).start(endpoint);
        SocketAddress address = switch (server.endpoint()) {
            case ControlEndpoint.Tcp t -> new InetSocketAddress(t.host(), t.port());
            case ControlEndpoint.Unix u -> UnixDomainSocketAddress.of(u.path());
        };
        InetSocketAddress operatorSource = tcp ? otherLoopbackAddress() : null;
        System.out.printf("%s, %s, %d guessing clients for %d s, default options with a token%n",
                Runtime.version(), tcp ? "TCP loopback" : "UNIX socket", clients, seconds);
        String operatorPeer = operatorSource != null ? "127.0.0.2 (another peer)"
                : tcp ? "127.0.0.1 (the same peer: 127.0.0.2 unavailable)" : "the same user (the same peer)";
        System.out.printf("operator connects from %s%n", operatorPeer);

        long linesBefore = log.lines();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int id = i;
            threads.add(Thread.ofPlatform().name("guesser-" + i).start(() -> guess(address, id)));
        }
        Thread operator = Thread.ofPlatform().name("operator").start(() -> operate(address, operatorSource));
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        long elapsed = System.nanoTime() - start;
        long answered = checked.sum() + turnedAway.sum() + other.sum();
        long checkedCount = checked.sum();
        long turnedAwayCount = turnedAway.sum();
        long lines = log.lines() - linesBefore;
        server.close();
        for (Thread thread : threads) {
            thread.join();
        }
        operator.join();
        pool.stopAll();
        pool.gatherAndClose();
        if (socketDir != null) {
            Files.deleteIfExists(socketDir.resolve("control.sock"));
            Files.deleteIfExists(socketDir);
        }

        double secs = elapsed / 1e9;
        System.out.printf("handshakes answered: %,d (%,.0f per second)%n", answered, answered / secs);
        System.out.printf("  token checked and wrong: %,d (%,.1f per second)%n", checkedCount, checkedCount / secs);
        System.out.printf("  turned away unchecked:   %,d (%,.1f per second)%n",
                turnedAwayCount, turnedAwayCount / secs);
        if (!otherAnswers.isEmpty()) {
            System.out.printf("  other answers: %d, e.g. %s%n", other.sum(), otherAnswers.iterator().next());
        }
        System.out.printf("server log lines during the flood: %,d (%,.1f per second)%n", lines, lines / secs);
        List<Long> times = new ArrayList<>(operatorMillis);
        Collections.sort(times);
        if (times.isEmpty()) {
            System.out.printf("operator: no handshake answered (%d failed)%n", operatorFailures.get());
        } else {
            System.out.printf("operator handshakes: %d answered, %d failed; "
                    + "time to greeting: median %d ms, max %d ms%n", times.size(), operatorFailures.get(),
                    times.get(times.size() / 2), times.get(times.size() - 1));
        }
        System.out.println("first log lines:");
        log.samples().forEach(line -> System.out.println("  " + line));
    }

    private void guess(SocketAddress address, int id) {
        long attempt = 0;
        while (!stop.get()) {
            String handshake = "{\"token\": \"guess-" + id + "-" + attempt++ + "\"}\n";
            String answer;
            try {
                answer = firstLine(address, null, handshake);
            } catch (IOException e) {
                answer = e.toString();
            }
            if (stop.get()) {
                return;
            }
            if (answer.startsWith("error: authentication failed")) {
                checked.increment();
            } else if (answer.startsWith("error: too many failed handshakes")) {
                turnedAway.increment();
            } else {
                other.increment();
                otherAnswers.add(answer);
            }
        }
    }

    private void operate(SocketAddress address, InetSocketAddress source) {
        while (!stop.get()) {
            long begin = System.nanoTime();
            try {
                String greeting = firstLine(address, source, "{\"token\": \"" + TOKEN + "\"}\n");
                if (stop.get()) {
                    return;
                }
                if (greeting.equals("flood")) {
                    operatorMillis.add((System.nanoTime() - begin) / 1_000_000);
                } else {
                    operatorFailures.incrementAndGet();
                }
            } catch (IOException e) {
                operatorFailures.incrementAndGet();
            }
            long pause = begin + 1_000_000_000L - System.nanoTime();
            try {
                Thread.sleep(Math.max(0, pause / 1_000_000));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Connects, sends {@code text} and returns the first line answered ("" at end of stream). */
    private static String firstLine(SocketAddress address, InetSocketAddress source, String text) throws IOException {
        try (SocketChannel channel = address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
             Selector selector = Selector.open()) {
            if (source != null) {
                channel.bind(source);
            }
            channel.connect(address);
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            long deadline = System.nanoTime() + ANSWER_TIMEOUT_MILLIS * 1_000_000;
            while (true) {
                long remaining = (deadline - System.nanoTime()) / 1_000_000;
                if (remaining <= 0) {
                    return "no answer within " + ANSWER_TIMEOUT_MILLIS + " ms";
                }
                selector.select(remaining);
                selector.selectedKeys().clear();
                buffer.clear();
                int read;
                try {
                    read = channel.read(buffer);
                } catch (IOException e) {
                    read = -1;
                }
                if (read < 0) {
                    return answer.toString(StandardCharsets.UTF_8);
                }
                answer.write(buffer.array(), 0, read);
                String sofar = answer.toString(StandardCharsets.UTF_8);
                int newline = sofar.indexOf('\n');
                if (newline >= 0) {
                    return sofar.substring(0, newline);
                }
            }
        }
    }

    private static InetSocketAddress otherLoopbackAddress() {
        try (SocketChannel probe = SocketChannel.open()) {
            InetSocketAddress source = new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0);
            probe.bind(source);
            return source;
        } catch (IOException e) {
            return null;
        }
    }

    /** Counts the lines written to it and keeps the first few; thread-safe. */
    private static final class LineCounter extends OutputStream {
        private final int keep;
        private final AtomicLong lines = new AtomicLong();
        private final List<String> samples = new CopyOnWriteArrayList<>();
        private final ReentrantLock lock = new ReentrantLock();
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();

        LineCounter(int keep) {
            this.keep = keep;
        }

        @Override
        public void write(int b) {
            lock.lock();
            try {
                if (b == '\n') {
                    lines.incrementAndGet();
                    if (samples.size() < keep) {
                        samples.add(current.toString(StandardCharsets.UTF_8));
                    }
                    current.reset();
                } else if (samples.size() < keep) {
                    current.write(b);
                }
            } finally {
                lock.unlock();
            }
        }

        long lines() {
            return lines.get();
        }

        List<String> samples() {
            return List.copyOf(samples);
        }
    }
}
