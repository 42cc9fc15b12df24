package dev.taskpool;

import dev.taskpool.function.CheckedRunnable;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test tasks that block until the gate opens (or they are interrupted), counting how many
 * started, ended and were interrupted, and which threads ran them.
 */
final class Gate {

    final CountDownLatch open = new CountDownLatch(1);
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger finished = new AtomicInteger();
    final AtomicInteger interrupted = new AtomicInteger();
    final Set<String> threadNames = ConcurrentHashMap.newKeySet();

    /** A task that waits for the gate to open; interruption ends it. */
    CheckedRunnable task() {
        return () -> {
            started.incrementAndGet();
            threadNames.add(Thread.currentThread().getName());
            try {
                open.await();
                finished.incrementAndGet();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
        };
    }

    void open() {
        open.countDown();
    }
}
