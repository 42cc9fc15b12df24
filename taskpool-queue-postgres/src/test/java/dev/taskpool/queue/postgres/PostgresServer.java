package dev.taskpool.queue.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests: a fresh cluster in a temporary directory, trusting
 * connections from 127.0.0.1 on a free port, tuned for speed over durability, started with the
 * binaries of the machine's PostgreSQL and removed when closed. When the tests run as root, as
 * in a container, the server runs as the {@code postgres} user, which PostgreSQL insists on.
 *
 * <p>{@link #stop()} and {@link #start()} take the server away and bring it back on the same
 * port with the same data, for tests of what clients do meanwhile.
 */
public final class PostgresServer implements AutoCloseable {

    /** Where the binaries are looked for when {@code TASKPOOL_PG_BIN} does not say. */
    private static final Path INSTALLATIONS = Path.of("/usr/lib/postgresql");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path bin;
    private final Path directory;
    private final Path data;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresServer(Path bin, Path directory, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.directory = directory;
        this.data = directory.resolve("data");
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /**
     * The directory of {@code initdb} and {@code pg_ctl}: {@code $TASKPOOL_PG_BIN}, else the newest
     * {@code /usr/lib/postgresql/N/bin}; empty when there is none.
     */
    public static Optional<Path> binaries() {
        String configured = System.getenv("TASKPOOL_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path.resolve("pg_ctl")) ? Optional.of(path) : Optional.empty();
        }
        if (!Files.isDirectory(INSTALLATIONS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(INSTALLATIONS)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl")))
                    .max(Comparator.comparing(dir -> versionNumber(dir.getParent())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionNumber(Path directory) {
        try {
            return Integer.parseInt(directory.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Creates a cluster and starts it. */
    public static PostgresServer start(Path bin) throws IOException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path directory = Files.createTempDirectory("taskpool-pg");
        PostgresServer server = new PostgresServer(bin, directory, freePort(), root);
        try {
            if (root) {
                server.run(List.of("chown", "-R", "postgres:postgres", directory.toString()), false);
            }
            server.run(List.of(bin.resolve("initdb").toString(), "-D", server.data.toString(), "-U", "postgres",
                    "-A", "trust", "-E", "UTF8", "--no-sync"), true);
            server.start();
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Starts the server (again) on its port, and waits until it accepts connections. */
    public void start() throws IOException {
        String options = "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1"
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-o", options,
                "-l", directory.resolve("server.log").toString(), "-w", "-t", "60", "start"), true);
    }

    /** Stops the server at once, closing every connection, as a crash or a failover would. */
    public void stop() throws IOException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"), true);
    }

    /** The port the server listens on, at 127.0.0.1. */
    public int port() {
        return port;
    }

    /** A new empty database, as a JDBC URL for the user {@code postgres}. */
    public String createDatabase() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a database on port " + port, e);
        }
        return url(name);
    }

    /** The JDBC URL of a database of this server. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    /** Stops the server if it runs and removes its files. */
    @Override
    public void close() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                stop();
            }
        } catch (IOException | RuntimeException e) {
            // Removing the files below is all that is left to try.
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + directory, e);
        }
    }

    private void run(List<String> command, boolean asServerUser) throws IOException {
        List<String> full = new ArrayList<>();
        if (asServerUser && asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(directory.resolve("commands.log").toFile().exists()
                        ? ProcessBuilder.Redirect.appendTo(directory.resolve("commands.log").toFile())
                        : ProcessBuilder.Redirect.to(directory.resolve("commands.log").toFile()))
                .start();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", full));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", full), e);
        }
        if (process.exitValue() != 0) {
            String log = Files.exists(directory.resolve("commands.log")) ? Files.readString(directory.resolve("commands.log")) : "";
            throw new IOException("failed (" + process.exitValue() + "): " + String.join(" ", full) + "\n" + log);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL on 127.0.0.1:" + port + " in " + directory;
    }
}
