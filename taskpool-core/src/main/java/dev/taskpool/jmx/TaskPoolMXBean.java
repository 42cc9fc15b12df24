package dev.taskpool.jmx;

/**
 * A pool seen through JMX (JConsole, VisualVM, any JMX agent): its counters, its size,
 * which can be changed, and the operations an operator needs in an emergency. Register a
 * pool with {@link PoolMXBeans#register}.
 *
 * <p>Every method delegates to the pool, hence is thread-safe.
 */
public interface TaskPoolMXBean {

    /** The pool's display name. */
    String getName();

    /** The pool size; {@code -1} when unbounded. */
    int getPoolSize();

    /** Changes the pool size; {@code -1} for unbounded. */
    void setPoolSize(int size);

    int getRunning();

    int getQueued();

    int getCancelled();

    int getEnded();

    /** Tasks failed since the pool was created. */
    long getFailed();

    /** Tasks started since the pool was created. */
    long getStarted();

    /** Tasks whose body returned, uncancelled, since the pool was created. */
    long getCompleted();

    /** Tasks cancelled since the pool was created. */
    long getCancelledTotal();

    /** Tasks whose timeout passed since the pool was created. */
    long getTimedOut();

    /** Tasks whose end or cancel callbacks are running now; closing waits for them. */
    int getCallbacks();

    boolean isLocked();

    boolean isClosed();

    boolean isFull();

    /** The names of the groups the pool knows, sorted. */
    String[] getGroupNames();

    /** Refuses new starts until {@link #unlock()}. */
    void lock();

    void unlock();

    /** Cancels one group: nothing of it starts afterwards, its running tasks are interrupted. */
    void cancelGroup(String groupName);

    /** Cancels every group and every running task. */
    void cancelAll();
}
