package dev.taskpool.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The secret a client must present in its handshake. Only a SHA-256 digest of it is kept, and
 * candidates are compared digest to digest with {@link MessageDigest#isEqual}, so the time a
 * comparison takes reveals neither the token's content nor its length.
 *
 * <p>The control server checks its token with it; a program that guards another door with the
 * same token (the demo's JMX connector) can too. Immutable and thread-safe.
 * {@link #toString()} never shows the token.
 */
public final class SharedToken {

    private final byte[] digest;

    private SharedToken(byte[] digest) {
        this.digest = digest;
    }

    /**
     * @throws NullPointerException     if {@code token} is null
     * @throws IllegalArgumentException if {@code token} is empty or blank: such a token would
     *                                  look like protection without being any
     */
    public static SharedToken of(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        return new SharedToken(sha256(token));
    }

    /** Whether {@code candidate} is the token; false for null. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(digest, sha256(candidate));
    }

    @Override
    public String toString() {
        return "SharedToken[****]";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java platform has SHA-256", e);
        }
    }
}
