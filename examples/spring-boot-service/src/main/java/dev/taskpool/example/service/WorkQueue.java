package dev.taskpool.example.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.SmartLifecycle;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory queue of work items that refills itself: whenever it is empty, a batch of new
 * items is added, so the workers never run dry. Items are numbers; an item a stopped worker
 * did not finish is handed back and taken again first.
 *
 * <p>As a {@link SmartLifecycle} of the default phase it closes when the application stops,
 * before the pools shut down (the starter's phase is lower): workers then finish the item in
 * hand and take no other, so they end well within the grace period instead of being cancelled.
 * Thread-safe.
 */
final class WorkQueue implements SmartLifecycle {

    private static final int BATCH = 100;

    private final ConcurrentLinkedDeque<Long> items = new ConcurrentLinkedDeque<>();
    private final AtomicLong made = new AtomicLong();
    private final Counter processed;
    private volatile boolean open = true;

    WorkQueue(MeterRegistry meterRegistry) {
        this.processed = Counter.builder("service.items.processed")
                .description("Work items the workers finished").register(meterRegistry);
    }

    /** The next item, or {@code null} once the queue is closed. */
    Long take() {
        while (open) {
            Long item = items.pollFirst();
            if (item != null) {
                return item;
            }
            refill();
        }
        return null;
    }

    /** Puts back an item that was taken and not finished, to be taken next. */
    void handBack(long item) {
        items.addFirst(item);
    }

    /** Counts an item as finished. */
    void done(long item) {
        processed.increment();
    }

    /** How many items the workers have finished. */
    long processed() {
        return (long) processed.count();
    }

    private void refill() {
        long first = made.getAndAdd(BATCH);
        for (long item = first; item < first + BATCH; item++) {
            items.addLast(item);
        }
    }

    @Override
    public void start() {
        open = true;
    }

    @Override
    public void stop() {
        open = false;
    }

    @Override
    public boolean isRunning() {
        return open;
    }
}
