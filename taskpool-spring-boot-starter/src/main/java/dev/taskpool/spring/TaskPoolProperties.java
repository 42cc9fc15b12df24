package dev.taskpool.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code taskpool.*} properties: the control server, the graceful shutdown and settings of
 * single pools, each named by its bean name. Bound by Spring Boot; not thread-safe, and not
 * changed after the context has started.
 */
@ConfigurationProperties("taskpool")
public class TaskPoolProperties {

    private final Control control = new Control();
    private final Shutdown shutdown = new Shutdown();
    /**
     * Settings of single pools, by the name of the pool's bean: taskpool.pools.BEAN.pool-size.
     */
    private final Map<String, Pool> pools = new LinkedHashMap<>();

    /** The control server. */
    public Control getControl() {
        return control;
    }

    /** The graceful shutdown. */
    public Shutdown getShutdown() {
        return shutdown;
    }

    /** Settings of single pools, by the name of the pool's bean. */
    public Map<String, Pool> getPools() {
        return pools;
    }

    /** The control server: where it listens and how it treats its clients. */
    public static class Control {

        /**
         * Whether to start a control server for every SimpleTaskPool and TaskPool bean.
         */
        private boolean enabled;

        /**
         * The address the control server listens on over TCP. The loopback address by default,
         * which only this machine reaches; any other address is exposed as far as the network
         * lets it, so set a token.
         */
        private String host = "127.0.0.1";

        /**
         * The TCP port of the control server; 0 lets the system choose a free one.
         */
        private int port = 9999;

        /**
         * A UNIX domain socket file for the control server to listen on instead of TCP; its
         * directory must exist. Host and port are then not used.
         */
        private Path unixSocket;

        /**
         * A shared secret every client must present in its handshake; none by default.
         */
        private String token;

        /**
         * How many clients the control server serves at once; a newcomer beyond them closes
         * the session idle the longest.
         */
        private int maxSessions = 64;

        /**
         * How long a session may wait for its client's next command before it is closed; 0
         * for never.
         */
        private Duration idleTimeout = Duration.ofMinutes(10);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public Path getUnixSocket() {
            return unixSocket;
        }

        public void setUnixSocket(Path unixSocket) {
            this.unixSocket = unixSocket;
        }

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }

        public int getMaxSessions() {
            return maxSessions;
        }

        public void setMaxSessions(int maxSessions) {
            this.maxSessions = maxSessions;
        }

        public Duration getIdleTimeout() {
            return idleTimeout;
        }

        public void setIdleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
        }
    }

    /** How the pools end with the application. */
    public static class Shutdown {

        /**
         * How long running tasks may take to finish when the application stops, before they
         * are cancelled. All pools shut down at once, so the whole shutdown takes about this
         * long at most.
         */
        private Duration grace = Duration.ofSeconds(10);

        public Duration getGrace() {
            return grace;
        }

        public void setGrace(Duration grace) {
            this.grace = grace;
        }
    }

    /** Settings of one pool. */
    public static class Pool {

        /**
         * The pool size to set when the pool's bean has been created, in place of the one it
         * was built with; 2147483647 for no limit.
         */
        private Integer poolSize;

        public Integer getPoolSize() {
            return poolSize;
        }

        public void setPoolSize(Integer poolSize) {
            this.poolSize = poolSize;
        }
    }
}
