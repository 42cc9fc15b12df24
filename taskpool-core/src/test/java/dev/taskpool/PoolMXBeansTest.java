package dev.taskpool;

import dev.taskpool.jmx.PoolMXBeans;
import dev.taskpool.jmx.TaskPoolMXBean;
import org.junit.jupiter.api.Test;

import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class PoolMXBeansTest {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Test
    void aRegisteredPoolShowsItsCountersAndObeysItsOperations() throws Exception {
        Gate gate = new Gate();
        SimpleTaskPool pool = SimpleTaskPool.builder(gate.task()).name("jmx-workers").build();
        ObjectName name = PoolMXBeans.register(pool);
        try {
            TaskPoolMXBean bean = JMX.newMXBeanProxy(server, name, TaskPoolMXBean.class);
            pool.start(3);
            await().until(() -> bean.getRunning() == 3);

            assertThat(name.toString()).isEqualTo("dev.taskpool:name=\"jmx-workers\",type=SimpleTaskPool");
            assertThat(bean.getPoolSize()).isEqualTo(-1);
            assertThat(bean.getGroupNames()).containsExactly("start-group-0");
            bean.setPoolSize(2);
            assertThat(pool.poolSize()).isEqualTo(2);
            bean.lock();
            assertThat(pool.isLocked()).isTrue();
            bean.cancelAll();
            assertThat(bean.getCancelledTotal()).isEqualTo(3);
        } finally {
            PoolMXBeans.unregister(pool);
        }
        assertThat(server.isRegistered(name)).isFalse();
    }

    @Test
    void twoPoolsOfOneNameCannotBothBeRegistered() {
        TaskPool first = new TaskPool(1, "jmx-twin");
        TaskPool second = new TaskPool(1, "jmx-twin");
        PoolMXBeans.register(first);
        try {
            assertThatThrownBy(() -> PoolMXBeans.register(second))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("a pool named jmx-twin is registered with JMX already");
        } finally {
            PoolMXBeans.unregister(first);
        }
    }
}
