package dev.taskpool;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class CancellationTest {

    @Test
    void cancelInterruptsTheTask() {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool();
        pool.apply(gate.task(), 2);
        await().until(() -> pool.numRunning() == 2);

        pool.cancel(1);

        await().until(() -> gate.interrupted.get() == 1 && pool.numEnded() == 1);
        assertThat(pool.numRunning()).isEqualTo(1);
        assertThat(pool.numCancelled()).isZero();
        gate.open();
    }

    @Test
    void aCancelledTaskCountsAsCancelledUntilItStopsThenAsEnded() throws Exception {
        CountDownLatch letGo = new CountDownLatch(1);
        CountDownLatch inBody = new CountDownLatch(1);
        TaskPool pool = new TaskPool();
        pool.apply(() -> {
            inBody.countDown();
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                letGo.await();
            }
        }, 1);
        // Cancelled before its body began, the task would skip it and end at once.
        assertThat(inBody.await(30, TimeUnit.SECONDS)).isTrue();

        pool.cancel(0);

        assertThat(pool.numCancelled()).isEqualTo(1);
        assertThat(pool.numEnded()).isZero();
        letGo.countDown();
        await().until(() -> pool.numEnded() == 1);
        assertThat(pool.numCancelled()).isZero();
        assertThat(pool.stats().cancelledTotal()).isEqualTo(1);
    }

    @Test
    void aCancelledTaskCountsAsCancelledThroughItsCancelCallbackAndAsEndedInItsEndCallback() throws Exception {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        TaskPool[] self = new TaskPool[1];
        TaskPool pool = new TaskPool();
        self[0] = pool;
        pool.apply(() -> Thread.sleep(Long.MAX_VALUE), 1, "g",
                id -> seen.add("end: cancelled " + self[0].numCancelled() + ", ended " + self[0].numEnded()),
                id -> seen.add("cancel: cancelled " + self[0].numCancelled() + ", ended " + self[0].numEnded()));

        pool.cancel(0);

        await().until(() -> seen.size() == 2);
        assertThat(seen).containsExactly("cancel: cancelled 1, ended 0", "end: cancelled 0, ended 1");
    }

    @Test
    void cancellingAnUnknownIdNamesTheIdAndThePool() {
        TaskPool pool = new TaskPool(1, "p");

        assertThatThrownBy(() -> pool.cancel(99))
                .isInstanceOf(UnknownTaskException.class)
                .hasMessage("No task with ID 99 found in p");
    }

    @Test
    void cancellingTwiceIsAnAlreadyCancelledError() {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool(5, "p");
        pool.apply(gate.task(), 1);
        await().until(() -> pool.numRunning() == 1);
        pool.cancel(0);

        assertThatThrownBy(() -> pool.cancel(0))
                .isInstanceOf(AlreadyCancelledException.class)
                .hasMessage("p_Task-0 has already been cancelled");
    }

    @Test
    void cancellingAnEndedTaskIsAnAlreadyEndedError() {
        TaskPool pool = new TaskPool(5, "p");
        pool.apply(() -> { }, 1);
        await().until(() -> pool.numEnded() == 1);

        assertThatThrownBy(() -> pool.cancel(0))
                .isInstanceOf(AlreadyEndedException.class)
                .hasMessage("p_Task-0 has already finished running");
    }

    @Test
    void cancelIsAllOrNone() {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool();
        pool.apply(gate.task(), 2);
        await().until(() -> pool.numRunning() == 2);

        assertThatThrownBy(() -> pool.cancel(0, 42)).isInstanceOf(UnknownTaskException.class);

        assertThat(pool.numRunning()).isEqualTo(2);
        gate.open();
    }

    @Test
    void cancelNamingATaskTwiceIsRefusedAndCancelsNothing() {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool();
        pool.apply(gate.task(), 2);
        await().until(() -> pool.numRunning() == 2);

        assertThatThrownBy(() -> pool.cancel(1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task ID 1 is given more than once");

        assertThat(pool.numRunning()).isEqualTo(2);
        gate.open();
    }

    @RepeatedTest(300)
    void aTaskEndingWhileOthersAreCancelledIsReportedNotPassedOver() throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        Gate gate = new Gate();
        TaskPool pool = new TaskPool(10, "p");
        pool.apply(gate.task(), 5, "others");
        pool.apply(finish::await, 1, "racer");
        await().until(() -> pool.numRunning() == 6 && gate.started.get() == 5);
        long racerId = pool.getGroupIds("racer").first();

        finish.countDown();
        String error = null;
        try {
            pool.cancel(0, 1, 2, 3, 4, 5);
        } catch (AlreadyEndedException e) {
            error = e.getMessage();
        }

        boolean allOrNone = error != null && !error.contains("while");
        await().until(() -> pool.tasks().stream().noneMatch(t -> t.state() == TaskState.CANCELLING
                || t.state() == TaskState.RUNNING && !allOrNone));
        TaskState racer = pool.tasks().stream().filter(t -> t.id() == racerId).findFirst().orElseThrow().state();
        if (error == null) {
            assertThat(racer).as("the racer, cancelled without complaint").isEqualTo(TaskState.CANCELLED);
            assertThat(gate.interrupted).hasValue(5);
        } else if (error.contains("while")) {
            assertThat(error).isEqualTo("p_Task-" + racerId
                    + " has already finished running while the others were being cancelled");
            assertThat(racer).isEqualTo(TaskState.ENDED);
            assertThat(gate.interrupted).hasValue(5);
        } else {
            assertThat(error).isEqualTo("p_Task-" + racerId + " has already finished running");
            assertThat(pool.numCancelled()).as("all or none").isZero();
        }
        pool.cancelAll();
        pool.gatherAndClose();
    }

    @Test
    void cancelGroupCancelsOnlyThatGroup() {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool();
        pool.apply(gate.task(), 2, "a");
        pool.apply(gate.task(), 3, "b");
        await().until(() -> pool.numRunning() == 5);

        pool.cancelGroup("a");

        assertThat(pool.numRunning()).isEqualTo(3);
        assertThat(pool.stats().cancelledTotal()).isEqualTo(2);
        await().until(() -> gate.interrupted.get() == 2);
        assertThat(gate.finished).hasValue(0);
        gate.open();
    }

    @Test
    void aCancelledGroupIsForgottenByNameButListedUntilFlushed() throws Exception {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool(10, "p");
        pool.apply(gate.task(), 2, "a");

        pool.cancelGroup("a");

        assertThatThrownBy(() -> pool.getGroupIds("a")).isInstanceOf(UnknownGroupException.class)
                .hasMessage("No task group named a exists in p");
        assertThatThrownBy(() -> pool.cancelGroup("a")).isInstanceOf(UnknownGroupException.class);
        assertThat(pool.groups()).extracting(GroupInfo::name, GroupInfo::cancelled).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", true));
        pool.apply(gate.task(), 1, "a");
        assertThat(pool.getGroupIds("a")).containsExactly(2L);
        await().until(() -> pool.tasks().stream().filter(t -> t.state() == TaskState.CANCELLED).count() == 2);
        pool.flush();
        assertThat(pool.groups()).extracting(GroupInfo::name, GroupInfo::cancelled).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", false));
        gate.open();
    }

    @Test
    void cancellingAnUnknownGroupIsItsOwnError() {
        TaskPool pool = new TaskPool(1, "p");

        assertThatThrownBy(() -> pool.cancelGroup("nope"))
                .isInstanceOf(UnknownGroupException.class)
                .hasMessage("No task group named nope exists in p");
        assertThatThrownBy(() -> pool.getGroupIds("nope")).isInstanceOf(UnknownGroupException.class);
    }

    @Test
    void noTaskOfACancelledGroupStartsEvenIfItWasWaitingForRoom() throws Exception {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool(1);
        pool.apply(gate.task(), 1, "holder");
        await().until(pool::isFull);
        AtomicInteger queuedStarts = new AtomicInteger();
        pool.apply(queuedStarts::incrementAndGet, 10, "queued");

        pool.cancelGroup("queued");
        gate.open();
        pool.gatherAndClose();

        assertThat(queuedStarts).hasValue(0);
        assertThat(pool.isClosed()).isTrue();
    }

    @Test
    void cancelAllStopsSpawnersAndTasksButLeavesThePoolOpen() throws Exception {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool(2);
        pool.apply(gate.task(), 5);
        await().until(() -> pool.numRunning() == 2);

        pool.cancelAll();

        assertThat(pool.numRunning()).isZero();
        await().until(() -> gate.interrupted.get() == 2);
        assertThat(gate.started).hasValue(2);
        assertThat(pool.isLocked()).isFalse();
        pool.apply(() -> { }, 1);
        pool.gatherAndClose();
        assertThat(gate.started).hasValue(2);
    }

    @Test
    void aTaskIgnoringInterruptsStaysCancelledAndKeepsItsRoomUntilItEnds() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        Set<Long> ended = ConcurrentHashMap.newKeySet();
        TaskPool pool = new TaskPool(1);
        pool.apply(() -> {
            running.countDown();
            while (true) {
                try {
                    letGo.await();
                    return;
                } catch (InterruptedException ignored) {
                    // This task insists on finishing.
                }
            }
        }, 1, null, ended::add, null);
        running.await();

        pool.cancel(0);

        assertThat(pool.numCancelled()).isEqualTo(1);
        assertThat(pool.numRunning()).isZero();
        assertThat(pool.isFull()).isTrue();
        assertThat(pool.tasks()).singleElement().extracting(TaskInfo::state).isEqualTo(TaskState.CANCELLING);
        assertThat(ended).isEmpty();
        letGo.countDown();
        await().until(() -> ended.contains(0L));
        assertThat(pool.numCancelled()).isZero();
        assertThat(pool.numEnded()).isEqualTo(1);
        assertThat(pool.isFull()).isFalse();
        assertThat(pool.tasks()).singleElement().extracting(TaskInfo::state).isEqualTo(TaskState.CANCELLED);
    }

    @Test
    void cancelledTasksGetTheirCancelCallbackThenTheirEndCallbackOnce() throws Exception {
        List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Gate gate = new Gate();
        TaskPool pool = new TaskPool();
        pool.apply(gate.task(), 1, null, id -> events.add("end " + id), id -> events.add("cancel " + id));
        await().until(() -> pool.numRunning() == 1);

        pool.cancel(0);
        pool.gatherAndClose();

        assertThat(events).containsExactly("cancel 0", "end 0");
    }

    @Test
    void callbacksRunWithTheInterruptStatusCleared() throws Exception {
        AtomicInteger interruptedInCallback = new AtomicInteger();
        Gate gate = new Gate();
        TaskPool pool = new TaskPool();
        pool.apply(gate.task(), 1, null, id -> {
            if (Thread.currentThread().isInterrupted()) {
                interruptedInCallback.incrementAndGet();
            }
        }, null);
        await().until(() -> pool.numRunning() == 1);

        pool.cancel(0);
        pool.gatherAndClose();

        assertThat(interruptedInCallback).hasValue(0);
    }

    @Test
    void aCancelledTaskThatStopsByInterruptionIsNotAFailure() throws Exception {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool();
        pool.apply(gate.task(), 1);
        await().until(() -> pool.numRunning() == 1);

        pool.cancel(0);

        assertThat(pool.gatherAndClose(true)).isEmpty();
    }

    @Test
    void aCancelMessageIsKeptWithEachTaskItCancelled() {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool();
        pool.apply(gate.task(), 2, "g");
        pool.apply(gate.task(), 1, "other");

        pool.cancel("operator asked", 0);
        pool.cancelGroup("g", "group retired");
        pool.cancelAll(null);

        assertThat(pool.tasks()).extracting(TaskInfo::id, TaskInfo::cancelMessage).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0L, "operator asked"),
                org.assertj.core.groups.Tuple.tuple(1L, "group retired"),
                org.assertj.core.groups.Tuple.tuple(2L, null));
    }

    @Test
    void cancellingNoTaskDoesNothing() {
        Gate gate = new Gate();
        TaskPool pool = new TaskPool();
        pool.apply(gate.task(), 1);

        pool.cancel();

        assertThat(pool.numRunning()).isEqualTo(1);
        assertThat(pool.stats().cancelledTotal()).isZero();
        gate.open();
    }
}
