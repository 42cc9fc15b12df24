package dev.taskpool.jmx;

import dev.taskpool.BaseTaskPool;
import dev.taskpool.GroupInfo;
import dev.taskpool.PoolStats;

import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/**
 * Registers pools with the platform MBean server as
 * {@code dev.taskpool:type=<pool class>,name=<pool name>}, so that every JMX tool shows their
 * counters and can resize, lock or cancel them.
 *
 * <pre>{@code
 * PoolMXBeans.register(workers);
 * ...
 * PoolMXBeans.unregister(workers);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class PoolMXBeans {

    private PoolMXBeans() {
    }

    /**
     * Registers {@code pool} with the platform MBean server.
     *
     * @return the name it is registered under
     * @throws IllegalStateException if a pool of the same name is registered already
     */
    public static ObjectName register(BaseTaskPool pool) {
        ObjectName name = objectName(pool);
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(new PoolBean(pool), name);
        } catch (InstanceAlreadyExistsException e) {
            throw new IllegalStateException("a pool named " + pool.name() + " is registered with JMX already", e);
        } catch (JMException e) {
            throw new IllegalStateException("cannot register " + pool.name() + " with JMX: " + e.getMessage(), e);
        }
        return name;
    }

    /** Unregisters {@code pool}; does nothing if it is not registered. */
    public static void unregister(BaseTaskPool pool) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            server.unregisterMBean(objectName(pool));
        } catch (InstanceNotFoundException e) {
            // Not registered: nothing to do.
        } catch (JMException e) {
            throw new IllegalStateException("cannot unregister " + pool.name() + " from JMX: " + e.getMessage(), e);
        }
    }

    /** The name {@code pool} is registered under. */
    public static ObjectName objectName(BaseTaskPool pool) {
        try {
            return new ObjectName("dev.taskpool", new java.util.Hashtable<>(java.util.Map.of(
                    "type", pool.getClass().getSimpleName(), "name", ObjectName.quote(pool.name()))));
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("pool name " + pool.name() + " cannot name an MBean", e);
        }
    }

    private record PoolBean(BaseTaskPool pool) implements TaskPoolMXBean {

        @Override
        public String getName() {
            return pool.name();
        }

        @Override
        public int getPoolSize() {
            return pool.poolSize() == BaseTaskPool.UNBOUNDED ? -1 : pool.poolSize();
        }

        @Override
        public void setPoolSize(int size) {
            pool.setPoolSize(size == -1 ? BaseTaskPool.UNBOUNDED : size);
        }

        @Override
        public int getRunning() {
            return pool.numRunning();
        }

        @Override
        public int getQueued() {
            return stats().queued();
        }

        @Override
        public int getCancelled() {
            return pool.numCancelled();
        }

        @Override
        public int getEnded() {
            return pool.numEnded();
        }

        @Override
        public long getFailed() {
            return stats().failed();
        }

        @Override
        public long getCompleted() {
            return stats().completed();
        }

        @Override
        public long getCancelledTotal() {
            return stats().cancelledTotal();
        }

        @Override
        public long getTimedOut() {
            return stats().timedOut();
        }

        @Override
        public long getStarted() {
            return stats().started();
        }

        @Override
        public int getCallbacks() {
            return stats().callbacks();
        }

        @Override
        public boolean isLocked() {
            return pool.isLocked();
        }

        @Override
        public boolean isClosed() {
            return pool.isClosed();
        }

        @Override
        public boolean isFull() {
            return pool.isFull();
        }

        @Override
        public String[] getGroupNames() {
            return pool.groups().stream().map(GroupInfo::name).toArray(String[]::new);
        }

        @Override
        public void lock() {
            pool.lock();
        }

        @Override
        public void unlock() {
            pool.unlock();
        }

        @Override
        public void cancelGroup(String groupName) {
            pool.cancelGroup(groupName);
        }

        @Override
        public void cancelAll() {
            pool.cancelAll();
        }

        private PoolStats stats() {
            return pool.stats();
        }
    }
}
