package dev.taskpool.control.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskpool.control.wire.LineReader.LineTooLongException;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static LineReader reader(String text, int maxLineBytes) {
        return reader(text.getBytes(UTF_8), maxLineBytes);
    }

    private static LineReader reader(byte[] bytes, int maxLineBytes) {
        return new LineReader(Channels.newChannel(new ByteArrayInputStream(bytes)), maxLineBytes);
    }

    /** Hands out one byte per read, like the slowest possible network. */
    private static ReadableByteChannel trickling(byte[] bytes) {
        ReadableByteChannel whole = Channels.newChannel(new ByteArrayInputStream(bytes));
        return new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer target) throws java.io.IOException {
                ByteBuffer one = ByteBuffer.allocate(1);
                int read = whole.read(one);
                if (read > 0) {
                    target.put(one.flip());
                }
                return read;
            }

            @Override
            public boolean isOpen() {
                return whole.isOpen();
            }

            @Override
            public void close() throws java.io.IOException {
                whole.close();
            }
        };
    }

    @Test
    void splitsOnNewlineAndDropsACarriageReturnBeforeIt() throws Exception {
        LineReader reader = reader("start 5\r\nnum-running\n\npool-size 3\n", 100);

        assertThat(reader.readLine()).isEqualTo("start 5");
        assertThat(reader.readLine()).isEqualTo("num-running");
        assertThat(reader.readLine()).isEmpty();
        assertThat(reader.readLine()).isEqualTo("pool-size 3");
        assertThat(reader.readLine()).isNull();
        assertThat(reader.readLine()).isNull();
    }

    @Test
    void returnsAnUnterminatedLastLineAtEndOfStream() throws Exception {
        LineReader reader = reader("a\nlast", 100);

        assertThat(reader.readLine()).isEqualTo("a");
        assertThat(reader.readLine()).isEqualTo("last");
        assertThat(reader.readLine()).isNull();
    }

    @Test
    void lineOfExactlyTheLimitIsAcceptedWithEitherTerminator() throws Exception {
        String limit = "x".repeat(64);
        LineReader reader = reader(limit + "\n" + limit + "\r\n" + limit + "y\n", 64);

        assertThat(reader.readLine()).isEqualTo(limit);
        assertThat(reader.readLine()).isEqualTo(limit);
        assertThatThrownBy(reader::readLine).isInstanceOf(LineTooLongException.class)
                .hasMessage("line too long: limit is 64 bytes");
        assertThat(reader.readLine()).isNull();
    }

    @Test
    void tooLongLineIsReportedEarlyAndTheReaderResynchronises() throws Exception {
        byte[] input = ("y".repeat(100_000) + "\nnext\n" + "z".repeat(100) + "\nlast\n").getBytes(UTF_8);
        for (LineReader reader : new LineReader[] {reader(input, 64), new LineReader(trickling(input), 64)}) {
            assertThatThrownBy(reader::readLine).isInstanceOf(LineTooLongException.class);
            assertThat(reader.readLine()).isEqualTo("next");
            assertThatThrownBy(reader::readLine).isInstanceOf(LineTooLongException.class);
            assertThat(reader.readLine()).isEqualTo("last");
            assertThat(reader.readLine()).isNull();
        }
    }

    @Test
    void tooLongLineWithoutEndIsReportedWithoutReadingItAll() throws Exception {
        LineReader reader = new LineReader(trickling("w".repeat(1_000_000).getBytes(UTF_8)), 64);

        assertThatThrownBy(reader::readLine).isInstanceOf(LineTooLongException.class);
        assertThat(reader.readLine()).isNull();
    }

    @Test
    void malformedUtf8IsReplacedNotFatal() throws Exception {
        byte[] input = {'a', (byte) 0xff, 'b', (byte) 0xe2, (byte) 0x82, '\n', (byte) 0xc3, (byte) 0xa9, '\n'};
        LineReader reader = reader(input, 100);

        assertThat(reader.readLine()).isEqualTo("a\uFFFDb\uFFFD");
        assertThat(reader.readLine()).isEqualTo("é");
    }

    @Test
    void multiByteCharactersSplitAcrossReadsStayWhole() throws Exception {
        LineReader reader = new LineReader(trickling("größe ✓\n".getBytes(UTF_8)), 100);

        assertThat(reader.readLine()).isEqualTo("größe ✓");
    }
}
