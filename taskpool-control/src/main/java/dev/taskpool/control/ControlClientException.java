package dev.taskpool.control;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ControlClient} could not connect, was turned away, or lost its connection. The
 * message is meant for a person and says what to fix, for instance
 * {@code connection refused: nothing listens on 127.0.0.1:9999},
 * {@code no socket at /run/app/control.sock} or {@code authentication failed: wrong token};
 * {@link #reason()} says the same for a program.
 */
public final class ControlClientException extends IOException {

    /** What went wrong, for a program to act on. */
    public enum Reason {
        /** Nothing listens at the TCP address, or on the UNIX socket file (a stale file). */
        CONNECTION_REFUSED,
        /** No UNIX socket at the path: nothing there, or a file that is not a socket. */
        NO_SOCKET,
        /** The TCP host name does not resolve. */
        UNKNOWN_HOST,
        /** Connecting, the handshake or an answer took longer than the options allow. */
        TIMEOUT,
        /** The server wants a token and the one sent (or its absence) was not it. */
        AUTHENTICATION_FAILED,
        /** The server turned the connection away for another reason, say too many sessions. */
        REFUSED,
        /** The server closed the connection, or the client was closed. */
        CLOSED,
        /** The server sent something this client does not understand. */
        PROTOCOL,
        /** Any other input/output failure; the cause has the details. */
        IO
    }

    private final Reason reason;
    private final ErrorType errorType;

    /**
     * @param reason  what went wrong
     * @param message what to tell a person, without a trailing period
     * @param cause   the underlying failure, or {@code null}
     */
    public ControlClientException(Reason reason, String message, Throwable cause) {
        this(reason, null, message, cause);
    }

    /**
     * @param reason    what went wrong
     * @param errorType the type of the server's refusal, or {@code null}
     * @param message   what to tell a person, without a trailing period
     * @param cause     the underlying failure, or {@code null}
     */
    public ControlClientException(Reason reason, ErrorType errorType, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.errorType = errorType;
    }

    /** @see #ControlClientException(Reason, String, Throwable) */
    public ControlClientException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** What went wrong. */
    public Reason reason() {
        return reason;
    }

    /**
     * When the server refused the connection, the type it gave ({@link ErrorType#BUSY},
     * {@link ErrorType#THROTTLED}...); empty otherwise, and for a text refusal of no known kind.
     */
    public Optional<ErrorType> errorType() {
        return Optional.ofNullable(errorType);
    }
}
