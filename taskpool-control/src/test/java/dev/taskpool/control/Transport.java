package dev.taskpool.control;

import java.nio.file.Path;

/** The two kinds of endpoint every transport behaviour is checked on. */
public enum Transport {
    TCP {
        @Override
        public ControlEndpoint endpoint(Path tempDir) {
            return ControlEndpoint.loopback(0);
        }
    },
    UNIX {
        @Override
        public ControlEndpoint endpoint(Path tempDir) {
            return ControlEndpoint.unix(tempDir.resolve("control.sock"));
        }
    };

    /** Every transport in both modes (text, framed), for {@code @MethodSource}. */
    public static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> withModes() {
        return java.util.stream.Stream.of(values()).flatMap(t -> java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(t, false),
                org.junit.jupiter.params.provider.Arguments.of(t, true)));
    }

    /** A fresh endpoint: a free loopback port, or a socket path in {@code tempDir}. */
    public abstract ControlEndpoint endpoint(Path tempDir);
}
