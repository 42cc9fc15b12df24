package dev.taskpool.control.command;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a control server records who ran which command on which pool, and how it ended. By
 * default the logger {@value #LOGGER}: commands that change a pool at INFO, read-only
 * commands, session commands and lines that did not parse at DEBUG. One line a command:
 * {@code #3 on 127.0.0.1:9999 from 127.0.0.1:50412: workers: pool-size 7 -> ok}.
 */
@FunctionalInterface
public interface Audit {

    /** The logger the default audit writes to, so that it can be routed on its own. */
    String LOGGER = "dev.taskpool.control.audit";

    /** The longest command line the audit writes in full; longer ones are cut. */
    int MAX_LINE = 200;

    /**
     * One command executed.
     *
     * @param connection how the server names the connection, with its peer
     * @param pool       the session's pool when the command ran
     * @param line       the command line as the client sent it
     * @param changes    whether the command may have changed the pool
     * @param reply      what the client was answered
     */
    void record(String connection, String pool, String line, boolean changes, Reply reply);

    /** The default: SLF4J, logger {@value #LOGGER}. */
    static Audit toLog() {
        Logger log = LoggerFactory.getLogger(LOGGER);
        return (connection, pool, line, changes, reply) -> {
            if (changes ? !log.isInfoEnabled() : !log.isDebugEnabled()) {
                return;
            }
            String shown = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "... (" + line.length() + " chars)" : line;
            String outcome = reply.ok() ? "ok" : reply.errorType().wireName() + ": " + firstLine(reply.text());
            if (changes) {
                log.info("{}: {}: {} -> {}", connection, pool, shown, outcome);
            } else {
                log.debug("{}: {}: {} -> {}", connection, pool, shown, outcome);
            }
        };
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
