package dev.taskpool.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the live groups of a pool and lets a closer wait until there are none. A group
 * enters before its spawner starts and leaves once its spawner and every task thread it
 * started are done (see {@code TaskGroup#taskOver}), so the count reaches zero
 * only when everything is over.
 *
 * <p>Thread-safe. Entering and leaving are a single atomic update unless the count drops
 * to zero.
 */
final class Quiescence {

    private final AtomicInteger count = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition zero = lock.newCondition();

    void enter() {
        count.incrementAndGet();
    }

    void leave() {
        if (count.decrementAndGet() == 0) {
            lock.lock();
            try {
                zero.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Blocks until the count is zero. */
    void awaitZero() throws InterruptedException {
        lock.lock();
        try {
            while (count.get() != 0) {
                zero.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks until the count is zero or {@code nanos} have passed.
     *
     * @return whether the count reached zero
     */
    boolean awaitZero(long nanos) throws InterruptedException {
        lock.lock();
        try {
            while (count.get() != 0) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = zero.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
