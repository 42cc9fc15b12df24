package dev.taskpool;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Interrupting a thread blocked in a {@link FileChannel} read waits until the read returns.
 * Such a task must not hold back the cancellation of any other task, nor the caller.
 */
class BlockingInterruptTest {

    @TempDir
    Path dir;
    private Path fifo;
    private FileChannel writer;

    @BeforeEach
    void makeFifo() throws Exception {
        fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeThat(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0)
                .as("mkfifo is available").isTrue();
    }

    @AfterEach
    void releaseReader() throws Exception {
        if (writer == null) {
            return;
        }
        try (FileChannel channel = writer) {
            channel.write(ByteBuffer.wrap(new byte[] {1}));
        } catch (java.io.IOException readerGone) {
            // The reader closed its end already: nothing left to release.
        }
    }

    private void blockInFifoRead() throws Exception {
        try (FileChannel channel = FileChannel.open(fifo, StandardOpenOption.READ)) {
            channel.read(ByteBuffer.allocate(1));
        }
    }

    /**
     * Opens the writing end, which lets the reader's open complete, then waits until the
     * reader's stack shows it inside the read.
     */
    private void awaitReaderBlocked(BaseTaskPool pool, long readerId) throws Exception {
        openWriter();
        await().until(() -> pool.stack(readerId).stream()
                .anyMatch(frame -> frame.getClassName().endsWith("FileChannelImpl") && frame.getMethodName().equals("read")));
    }

    private void openWriter() throws Exception {
        CompletableFuture<FileChannel> open = CompletableFuture.supplyAsync(() -> {
            try {
                return FileChannel.open(fifo, StandardOpenOption.WRITE);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer = open.get(30, TimeUnit.SECONDS);
    }

    @Test
    void cancelAllDoesNotWaitForATaskBlockedInAFileRead() throws Exception {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool();
        pool.apply(this::blockInFifoRead, 1, "reader");
        awaitReaderBlocked(pool, 0);
        pool.apply(gate.task(), 10, "sleepers");
        await().until(() -> gate.started.get() == 10);

        CompletableFuture<Void> cancelling = CompletableFuture.runAsync(pool::cancelAll);

        await().atMost(Duration.ofSeconds(10)).until(cancelling::isDone);
        await().atMost(Duration.ofSeconds(10)).until(() -> gate.interrupted.get() == 10 && pool.numEnded() == 10);
        assertThat(pool.numRunning()).isZero();
        assertThat(pool.numCancelled()).as("the reader, still in its read").isEqualTo(1);
        assertThat(pool.stats().cancelledTotal()).isEqualTo(11);
    }

    @Test
    void theBlockedTaskStillEndsAsCancelledOnceItsReadReturns() throws Exception {
        TaskPool pool = new TaskPool();
        pool.apply(this::blockInFifoRead, 1, "reader");
        awaitReaderBlocked(pool, 0);

        CompletableFuture<Void> cancelling = CompletableFuture.runAsync(() -> pool.cancel(0));
        await().atMost(Duration.ofSeconds(10)).until(cancelling::isDone);
        writer.write(ByteBuffer.wrap(new byte[] {1}));

        assertThat(pool.gatherAndClose(true)).isEmpty();
        assertThat(pool.tasks()).isEmpty();
    }
}
