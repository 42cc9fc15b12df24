package dev.taskpool;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A listener hears of each task's start and end, and of the pool's changes, as they happen. */
class PoolListenerTest {

    /** Records what it hears as lines. */
    static final class Recorder implements PoolListener {
        final List<String> heard = new CopyOnWriteArrayList<>();
        final List<Duration> durations = new CopyOnWriteArrayList<>();

        @Override
        public void taskStarted(String pool, long taskId, String group) {
            heard.add("started " + pool + " " + taskId + " " + group);
        }

        @Override
        public void taskEnded(String pool, long taskId, String group, TaskOutcome outcome, Duration duration) {
            heard.add("ended " + taskId + " " + outcome);
            durations.add(duration);
        }

        @Override
        public void poolResized(String pool, int oldSize, int newSize) {
            heard.add("resized " + oldSize + " -> " + newSize);
        }

        @Override
        public void poolLocked(String pool) {
            heard.add("locked");
        }

        @Override
        public void poolUnlocked(String pool) {
            heard.add("unlocked");
        }
    }

    @Test
    void hearsEachTaskStartAndEndWithItsOutcome() throws Exception {
        Recorder recorder = new Recorder();
        Gate gate = new Gate();
        TaskPool pool = new TaskPool(10, "p");
        pool.addListener(recorder);

        pool.apply(() -> { }, 1, "quick");
        pool.apply(() -> {
            throw new IllegalStateException("no");
        }, 1, "failing");
        pool.apply(gate.task(), 1, "cancelled");
        pool.apply(gate.task(), 1, "slow", null, null, Duration.ofMillis(20));
        await().until(() -> gate.started.get() == 2);
        pool.cancel(2);

        await().until(() -> recorder.durations.size() == 4);
        assertThat(recorder.heard).contains("started p 0 quick", "started p 1 failing", "started p 2 cancelled",
                "started p 3 slow", "ended 0 COMPLETED", "ended 1 FAILED", "ended 2 CANCELLED", "ended 3 TIMED_OUT");
        assertThat(recorder.durations).allMatch(d -> !d.isNegative());
        gate.open();
    }

    @Test
    void hearsResizingLockingAndUnlocking() {
        Recorder recorder = new Recorder();
        TaskPool pool = new TaskPool(4);
        pool.addListener(recorder);

        pool.setPoolSize(2);
        pool.lock();
        pool.unlock();
        pool.removeListener(recorder);
        pool.lock();

        assertThat(recorder.heard).containsExactly("resized 4 -> 2", "locked", "unlocked");
    }

    @Test
    void aListenerThatThrowsIsLoggedAndTheOthersStillHear() {
        Recorder recorder = new Recorder();
        TaskPool pool = new TaskPool();
        pool.addListener(new PoolListener() {
            @Override
            public void taskStarted(String pool, long taskId, String group) {
                throw new IllegalStateException("broken listener");
            }
        });
        pool.addListener(recorder);

        pool.apply(() -> { }, 1);

        await().until(() -> recorder.durations.size() == 1);
        assertThat(pool.numEnded()).isEqualTo(1);
    }

    @Test
    void aListenerMayReadThePoolWhenItHearsOfAnEnd() {
        List<Integer> endedSeen = new CopyOnWriteArrayList<>();
        TaskPool pool = new TaskPool();
        pool.addListener(new PoolListener() {
            @Override
            public void taskEnded(String name, long taskId, String group, TaskOutcome outcome, Duration duration) {
                endedSeen.add(pool.numEnded());
            }
        });

        pool.apply(() -> { }, 1);

        await().until(() -> endedSeen.size() == 1);
        assertThat(endedSeen).containsExactly(1);
    }
}
