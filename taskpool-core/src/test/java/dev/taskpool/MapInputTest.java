package dev.taskpool;

import org.junit.jupiter.api.Test;

import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How the map family consumes its input: one element per task, taken only once the task
 * has room to start, on the group's own thread, and never lost when the group is cancelled.
 */
class MapInputTest {

    /** An endless input over a queue, as a consumer of work items would write it. */
    static final class QueueInput implements Iterable<String> {
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        final AtomicInteger taken = new AtomicInteger();

        @Override
        public Iterator<String> iterator() {
            return new Iterator<>() {
                private String next;

                @Override
                public boolean hasNext() {
                    if (next == null) {
                        try {
                            next = queue.take();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException("interrupted while waiting for work", e);
                        }
                        taken.incrementAndGet();
                    }
                    return true;
                }

                @Override
                public String next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    String item = next;
                    next = null;
                    return item;
                }
            };
        }
    }

    @Test
    void mapTakesNoElementWhileThePoolIsFull() {
        Gate holder = new Gate();
        TaskPool pool = new TaskPool(1);
        pool.apply(holder.task(), 1, "holder");
        await().until(() -> holder.started.get() == 1);
        QueueInput input = new QueueInput();
        input.queue.add("job-1");

        pool.map(item -> { }, input, 1, "consumer");
        await().until(() -> pool.registry.permits().hasQueuedThreads());

        assertThat(input.taken).hasValue(0);
        assertThat(input.queue).containsExactly("job-1");
        holder.open();
        await().until(() -> input.queue.isEmpty() && input.taken.get() == 1);
    }

    @Test
    void cancellingAMapWaitingForRoomLeavesItsNextElementInTheInput() throws Exception {
        Gate holder = new Gate();
        TaskPool pool = new TaskPool(1);
        pool.apply(holder.task(), 1, "holder");
        await().until(() -> holder.started.get() == 1);
        QueueInput input = new QueueInput();
        input.queue.add("job-1");
        pool.map(item -> { }, input, 1, "consumer");
        await().until(() -> pool.registry.permits().hasQueuedThreads());

        pool.cancelGroup("consumer");
        holder.open();
        pool.gatherAndClose();

        assertThat(input.queue).containsExactly("job-1");
    }

    @Test
    void cancellingAMapBlockedInItsInputIsNotAFailure() throws Exception {
        TaskPool pool = new TaskPool(4);
        QueueInput input = new QueueInput();
        input.queue.add("job-1");
        AtomicInteger done = new AtomicInteger();
        pool.map(item -> done.incrementAndGet(), input, 1, "consumer");
        await().until(() -> done.get() == 1 && input.taken.get() == 1);

        pool.cancelAll();

        assertThat(pool.gatherAndClose(true)).isEmpty();
    }

    @Test
    void cancellingAMapBlockedInItsInputLetsFlushSucceed() {
        TaskPool pool = new TaskPool(4);
        QueueInput input = new QueueInput();
        pool.map(item -> { }, input, 1, "consumer");
        await().until(() -> pool.groups().size() == 1);

        pool.cancelGroup("consumer");
        await().until(() -> pool.groups().stream().noneMatch(GroupInfo::spawning));

        assertThat(pool.flush(true)).isEmpty();
        assertThat(pool.groups()).isEmpty();
    }

    @Test
    void anInputFailingWithoutACancellationIsStillReported() {
        TaskPool pool = new TaskPool(4);
        Iterable<String> input = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                throw new IllegalStateException("interrupted while reading", new InterruptedException());
            }

            @Override
            public String next() {
                throw new NoSuchElementException();
            }
        };
        pool.map(item -> { }, input, 1, "broken");
        await().until(() -> pool.groups().stream().noneMatch(GroupInfo::spawning));

        assertThat(pool.flush(true)).singleElement()
                .satisfies(f -> assertThat(f.error()).hasMessage("interrupted while reading"));
    }

    @Test
    void mapAsksACollectionForItsSizeOnTheGroupsThreadNotTheCallers() {
        AtomicReference<Thread> askedOn = new AtomicReference<>();
        List<Integer> items = new AbstractList<>() {
            @Override
            public Integer get(int index) {
                return index;
            }

            @Override
            public int size() {
                askedOn.compareAndSet(null, Thread.currentThread());
                return 3;
            }
        };
        TaskPool pool = new TaskPool();
        AtomicInteger done = new AtomicInteger();

        pool.map(item -> done.incrementAndGet(), items, 1, "sized");

        await().until(() -> done.get() == 3);
        assertThat(askedOn.get()).isNotNull().isNotSameAs(Thread.currentThread());
        assertThat(pool.groups()).singleElement().extracting(GroupInfo::total).isEqualTo(3);
    }
}
