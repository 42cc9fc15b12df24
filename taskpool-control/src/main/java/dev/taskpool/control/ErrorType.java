package dev.taskpool.control;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds of error a control server answers, each with the stable name it has on the wire
 * (the {@code "type"} of a framed error). A client acts on these, never on message texts;
 * the names do not change when classes are renamed.
 *
 * <p>Refusals of a connection come first: a server that refuses a connection answers one of
 * {@link #HANDSHAKE}, {@link #PROTOCOL}, {@link #AUTH}, {@link #THROTTLED}, {@link #BUSY} or
 * {@link #TIMEOUT} and closes it. The others answer a command, and the session goes on.
 */
public enum ErrorType {

    // ---------------------------------------------------------------- refusing a connection

    /** The handshake was not a JSON object, or a field had the wrong type. */
    HANDSHAKE("handshake"),
    /** The handshake asked for a protocol the server does not speak. */
    PROTOCOL("protocol"),
    /** The server has a token and the handshake's is missing or wrong. */
    AUTH("auth"),
    /** The client's address (or UNIX user) failed too many handshakes lately; nothing was checked. */
    THROTTLED("throttled"),
    /** The server has as many sessions as it allows, each executing a command. */
    BUSY("busy"),

    // ---------------------------------------------------------------- reading a command line

    /** No such command. */
    UNKNOWN_COMMAND("unknown-command"),
    /** Missing, extra or malformed arguments. */
    USAGE("usage"),
    /** Unbalanced quotes or brackets, or a malformed escape, in the command line. */
    SYNTAX("syntax"),
    /** A function that is not registered with the server. */
    REFUSED("refused"),
    /** The line exceeded the server's limit; it was skipped. */
    LINE_TOO_LONG("line-too-long"),

    // ---------------------------------------------------------------- what the pool answered

    /** A value the pool does not accept, such as {@code start 0}. */
    INVALID_ARGUMENT("invalid-argument"),
    /** The pool is locked: it refuses new tasks. */
    POOL_IS_LOCKED("pool-is-locked"),
    /** The pool is closed, or closing. */
    POOL_IS_CLOSED("pool-is-closed"),
    /** No task with that ID. */
    UNKNOWN_TASK("unknown-task"),
    /** The task was cancelled already. */
    ALREADY_CANCELLED("already-cancelled"),
    /** The task has ended already. */
    ALREADY_ENDED("already-ended"),
    /** No group with that name. */
    UNKNOWN_GROUP("unknown-group"),
    /** A group with that name exists. */
    DUPLICATE_GROUP("duplicate-group"),
    /** Tasks failed; the message lists them. */
    TASK_FAILED("task-failed"),
    /** The pool cannot do this in its state, such as closing it from one of its own tasks. */
    INVALID_STATE("invalid-state"),
    /**
     * A deadline passed: a command given one ({@code gather-and-close -t}) did not finish by
     * it, or, refusing a connection, no handshake came in time.
     */
    TIMEOUT("timeout"),
    /** The server closed while the command waited. */
    INTERRUPTED("interrupted"),
    /** A fault of the server; its log has the details, the client never gets a stack trace. */
    INTERNAL("internal");

    private static final Map<String, ErrorType> BY_WIRE_NAME = new HashMap<>();

    static {
        for (ErrorType type : values()) {
            BY_WIRE_NAME.put(type.wireName, type);
        }
    }

    private final String wireName;

    ErrorType(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire, such as {@code pool-is-locked}. */
    public String wireName() {
        return wireName;
    }

    /** The type with this name on the wire; empty for a name this version does not know. */
    public static Optional<ErrorType> fromWireName(String wireName) {
        return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
