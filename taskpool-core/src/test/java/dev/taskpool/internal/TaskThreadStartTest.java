package dev.taskpool.internal;

import dev.taskpool.TaskFailure;
import dev.taskpool.function.CheckedRunnable;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A task whose thread cannot start fails like any task: its room, count and callbacks are settled. */
class TaskThreadStartTest {

    /** Threads whose first start fails, as when the JVM cannot create one more. */
    private static TaskRegistry.TaskThreads firstStartFails() {
        AtomicBoolean failed = new AtomicBoolean();
        return (name, body) -> {
            if (failed.compareAndSet(false, true)) {
                return new Thread(body, name) {
                    @Override
                    public void start() {
                        throw new OutOfMemoryError("unable to create new thread");
                    }
                };
            }
            return Thread.ofVirtual().name(name).unstarted(body);
        };
    }

    @Test
    void aThreadThatCannotStartGivesItsRoomBackAndFailsItsTask() {
        TaskRegistry registry = new TaskRegistry("p", 1, firstStartFails());
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        CheckedRunnable body = ran::incrementAndGet;

        registry.spawn(new GroupSpec("g", "apply", "f", 2, 0, id -> ended.incrementAndGet(), null, null, false),
                new Repeat<>(body, 2));

        await().until(() -> ended.get() == 2);
        assertThat(ran).hasValue(1);
        assertThat(registry.permits().availablePermits()).isEqualTo(1);
        assertThat(registry.numRunning()).isZero();
        assertThat(registry.numEnded()).isEqualTo(2);
        List<TaskFailure> failures = registry.flush();
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.taskId()).isZero();
            assertThat(f.error()).isInstanceOf(OutOfMemoryError.class);
        });
    }
}
