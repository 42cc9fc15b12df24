package dev.taskpool.internal;

import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The room in a pool: one permit per task allowed to run. Resizable at any time: growing
 * releases permits at once, so waiting spawners start their tasks; shrinking may drive the
 * count negative, which never touches running tasks and only holds back new ones until
 * enough of them have ended.
 *
 * <p>Fair, so that groups waiting for room are served in the order they asked. Thread-safe.
 */
public final class PoolPermits extends Semaphore {

    /** The size that stands for "no limit"; also the largest size a pool accepts. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    private final ReentrantLock resizeLock = new ReentrantLock();
    private volatile int size;

    public PoolPermits(int size) {
        super(checkSize(size), true);
        this.size = size;
    }

    /** The current size: the number of tasks allowed to run at once. */
    public int size() {
        return size;
    }

    /**
     * Changes the size; takes effect at once.
     *
     * @return the size before
     * @throws IllegalArgumentException if {@code newSize} is negative
     */
    public int resize(int newSize) {
        checkSize(newSize);
        resizeLock.lock();
        try {
            int old = size;
            int delta = newSize - size;
            size = newSize;
            if (delta > 0) {
                release(delta);
            } else if (delta < 0) {
                reducePermits(-delta);
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
