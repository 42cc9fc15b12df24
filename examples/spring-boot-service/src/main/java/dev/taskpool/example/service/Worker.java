package dev.taskpool.example.service;

import dev.taskpool.function.CheckedRunnable;

/**
 * One worker: takes items from the queue and works on each for 20 to 80 ms, until the queue
 * closes. A worker stopped in the middle of an item (by {@code stop} from a control client, or
 * when the grace period of the shutdown is over) hands the item back, so no item is lost
 * however the pool is reshaped.
 */
final class Worker implements CheckedRunnable {

    private final WorkQueue queue;

    Worker(WorkQueue queue) {
        this.queue = queue;
    }

    @Override
    public void run() throws InterruptedException {
        for (Long item = queue.take(); item != null; item = queue.take()) {
            try {
                work(item);
            } catch (InterruptedException e) {
                queue.handBack(item);
                throw e;
            }
            queue.done(item);
        }
    }

    private static void work(long item) throws InterruptedException {
        Thread.sleep(20 + Math.floorMod(item * 7919, 61));
    }
}
