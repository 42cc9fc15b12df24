package dev.taskpool.internal;

import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * The room in a pool: one permit per task allowed to run. Resizable at any time: growing
 * releases permits at once, so waiting spawners start their tasks; shrinking may drive the
 * count negative, which never touches running tasks and only holds back new ones until
 * enough of them have ended.
 *
 * <p>An unbounded pool hands out no permits: a task started while the pool is unbounded runs
 * without one, so that a starting and an ending task do not both update the semaphore, a
 * write that every task would pass between cores. When the pool becomes bounded, every such
 * task still running is charged a permit (see {@link TaskRecord#chargePermit()}): those the
 * resize finds in the pool's table, and those whose spawner sees the pool bounded right
 * after publishing them. Each is charged once and gives its permit back when it ends.
 *
 * <p>Fair, so that groups waiting for room are served in the order they asked. Thread-safe.
 */
public final class PoolPermits extends Semaphore {

    /** The size that stands for "no limit"; also the largest size a pool accepts. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    private final ReentrantLock resizeLock = new ReentrantLock();
    private volatile int size;
    private volatile boolean bounded;

    public PoolPermits(int size) {
        super(checkSize(size), true);
        this.size = size;
        this.bounded = size != UNBOUNDED;
    }

    /** Whether a starting task must take a permit: the pool has a size limit. */
    public boolean isBounded() {
        return bounded;
    }

    /**
     * Counts one more task against the pool's size: one that started without a permit while
     * the pool was unbounded, charged now that it is not. May drive the count negative.
     */
    void charge() {
        reducePermits(1);
    }

    /** The current size: the number of tasks allowed to run at once. */
    public int size() {
        return size;
    }

    /**
     * Changes the size; takes effect at once.
     *
     * @param chargeUnpermitted charges a permit to every task running without one, and
     *                          returns how many it charged; called when an unbounded pool
     *                          becomes bounded, after starting tasks are asked for permits
     * @return the size before
     * @throws IllegalArgumentException if {@code newSize} is negative
     */
    public int resize(int newSize, IntSupplier chargeUnpermitted) {
        checkSize(newSize);
        resizeLock.lock();
        try {
            int old = size;
            int delta = newSize - size;
            size = newSize;
            boolean wasBounded = bounded;
            bounded = newSize != UNBOUNDED;
            if (delta > 0) {
                release(delta);
            } else if (delta < 0) {
                reducePermits(-delta);
            }
            if (bounded && !wasBounded) {
                // Written bounded first: a spawner that publishes a task from now on sees it
                // and charges the task itself, and this walk finds every task published before.
                int charged = chargeUnpermitted.getAsInt();
                if (charged > 0) {
                    reducePermits(charged);
                }
            }
            return old;
        } finally {
            resizeLock.unlock();
        }
    }

    /** Whether a task asking for room now would have to wait. */
    public boolean isFull() {
        return availablePermits() <= 0;
    }

    private static int checkSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("pool size must be 0 or more, got " + size);
        }
        return size;
    }
}
