package dev.taskpool.cli;

import dev.taskpool.SimpleTaskPool;
import dev.taskpool.TaskPool;
import dev.taskpool.control.ControlEndpoint;
import dev.taskpool.control.ControlServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A real control server for the command to talk to, in this JVM: a {@link SimpleTaskPool}
 * named {@code workers} (where sessions start; its tasks run until the server is closed) and a
 * {@link TaskPool} of size 4 named {@code jobs}, served over TCP on a free loopback port and
 * over a UNIX socket in a temporary directory.
 */
final class TestServer implements AutoCloseable {

    static final String POOL = "workers";

    final CountDownLatch release = new CountDownLatch(1);
    final SimpleTaskPool workers = SimpleTaskPool.builder(release::await).name(POOL).build();
    final TaskPool jobs = new TaskPool(4, "jobs");
    private final ControlServer tcp;
    private final ControlServer unix;

    private TestServer(Path directory, String token) throws IOException {
        ControlServer.Options options = ControlServer.Options.defaults().withToken(token);
        this.tcp = ControlServer.forPools(workers, jobs).options(options).start(ControlEndpoint.loopback(0));
        this.unix = ControlServer.forPools(workers, jobs).options(options)
                .start(ControlEndpoint.unix(directory.resolve("control.sock")));
    }

    static TestServer start(Path directory) throws IOException {
        return new TestServer(directory, null);
    }

    static TestServer withToken(Path directory, String token) throws IOException {
        return new TestServer(directory, token);
    }

    int port() {
        return tcp.port();
    }

    Path socket() {
        return ((ControlEndpoint.Unix) unix.endpoint()).path();
    }

    /** The arguments that reach this server over TCP: {@code control tcp 127.0.0.1 PORT}. */
    String[] tcpArgs(String... more) {
        return concat(new String[] {"control", "tcp", ControlEndpoint.LOOPBACK_HOST, String.valueOf(port())}, more);
    }

    /** The arguments that reach this server over its UNIX socket. */
    String[] unixArgs(String... more) {
        return concat(new String[] {"control", "unix", socket().toString()}, more);
    }

    /** Stops serving, as a server that crashed would. */
    void stopServing() {
        tcp.close();
        unix.close();
    }

    @Override
    public void close() {
        stopServing();
        release.countDown();
        workers.cancelAll();
        jobs.cancelAll();
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
