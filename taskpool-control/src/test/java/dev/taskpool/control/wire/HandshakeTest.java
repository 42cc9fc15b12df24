package dev.taskpool.control.wire;

import dev.taskpool.control.SharedToken;
import dev.taskpool.control.ErrorType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskpool.control.wire.Handshake.HandshakeRejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HandshakeTest {

    @Test
    void referenceClientHandshakeMeansTextProtocol() throws Exception {
        assertThat(Handshake.parse("{\"terminal_width\": 100}"))
                .isEqualTo(new Handshake(WireFormat.TEXT, 100, null));
    }

    @Test
    void everyFieldIsOptionalAndUnknownOnesAreIgnored() throws Exception {
        assertThat(Handshake.parse("{}")).isEqualTo(new Handshake(WireFormat.TEXT, 80, null));
        assertThat(Handshake.parse("{\"protocol\": 2, \"client\": {\"name\": \"x\"}, \"token\": \"t\"}"))
                .isEqualTo(new Handshake(WireFormat.FRAMED, 80, "t"));
    }

    @Test
    void terminalWidthIsClampedToASaneRange() throws Exception {
        assertThat(Handshake.parse("{\"terminal_width\": -5}").terminalWidth()).isEqualTo(20);
        assertThat(Handshake.parse("{\"terminal_width\": 123.7}").terminalWidth()).isEqualTo(123);
        assertThat(Handshake.parse("{\"terminal_width\": 1e300}").terminalWidth()).isEqualTo(1000);
    }

    @Test
    void nonNumericTerminalWidthIsRejectedInTheChosenFormat() {
        assertThatThrownBy(() -> Handshake.parse("{\"protocol\": 2, \"terminal_width\": \"wide\"}"))
                .isInstanceOfSatisfying(HandshakeRejectedException.class, e -> {
                    assertThat(e.format()).isEqualTo(WireFormat.FRAMED);
                    assertThat(e.getMessage()).isEqualTo("terminal_width must be a number");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "0", "2.0", "\"2\"", "true", "[2]"})
    void unsupportedProtocolIsRejectedInFramedForm(String protocol) {
        assertThatThrownBy(() -> Handshake.parse("{\"protocol\": " + protocol + "}"))
                .isInstanceOfSatisfying(HandshakeRejectedException.class, e -> {
                    assertThat(e.format()).isEqualTo(WireFormat.FRAMED);
                    assertThat(e.errorType()).isEqualTo(ErrorType.PROTOCOL);
                    assertThat(e.getMessage()).endsWith("supported versions are 1 (text) and 2 (framed)");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "80", "null", "\"{}\"", "{\"a\": 1,}", "{\"a\": 1, \"a\": 2}", "{} {}"})
    void anythingButOneJsonObjectIsRejectedInTextForm(String line) {
        assertThatThrownBy(() -> Handshake.parse(line))
                .isInstanceOfSatisfying(HandshakeRejectedException.class, e -> {
                    assertThat(e.format()).isEqualTo(WireFormat.TEXT);
                    assertThat(e.getMessage()).isEqualTo(Handshake.NOT_AN_OBJECT);
                });
    }

    @Test
    void nonStringTokenNeverMatchesAndToStringHidesTheToken() throws Exception {
        assertThat(Handshake.parse("{\"token\": 12345}").token()).isEmpty();
        assertThat(Handshake.parse("{\"token\": \"hunter2\"}").toString()).doesNotContain("hunter2");
        assertThat(SharedToken.of("hunter2").matches("")).isFalse();
        assertThat(SharedToken.of("hunter2").toString()).doesNotContain("hunter2");
    }
}
