package dev.taskpool.control.command;

import java.util.Map;

/**
 * What a control session executes: the bridge between the transport (sockets, handshake,
 * framing) and the pools. The transport knows nothing of pools; the interpreter knows
 * nothing of sockets.
 *
 * <p>Implementations are thread-safe: one interpreter serves every session of a server,
 * each session from its own virtual thread.
 */
public interface CommandInterpreter {

    /** The display name of the pool a new session starts on; the text-mode greeting. */
    String greeting();

    /**
     * Extra fields for the framed-mode handshake answer (for instance the pools served and
     * the command names a client may complete). Values must be JSON-representable:
     * strings, numbers, booleans, null, lists and maps of those.
     */
    Map<String, Object> handshakeInfo();

    /**
     * Opens the per-connection state of one session.
     *
     * @param terminalWidth the client's terminal width from the handshake, used to wrap help
     * @param connection    how the server names the connection, with its peer, for the audit
     */
    Session openSession(int terminalWidth, String connection);

    /** One client's session: executes its command lines one at a time, never concurrently. */
    interface Session {
        /**
         * Executes one command line (without its line terminator) and answers it. Never
         * throws for anything a client can cause: such errors become {@link Reply#error}.
         */
        Reply execute(String line);
    }
}
