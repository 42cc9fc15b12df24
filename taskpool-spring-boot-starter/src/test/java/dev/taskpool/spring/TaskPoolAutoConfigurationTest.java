package dev.taskpool.spring;

import dev.taskpool.SimpleTaskPool;
import dev.taskpool.TaskFunction;
import dev.taskpool.TaskPool;
import dev.taskpool.control.ControlClient;
import dev.taskpool.control.ControlServer;
import dev.taskpool.control.FunctionRegistry;
import dev.taskpool.jmx.PoolMXBeans;
import dev.taskpool.micrometer.TaskPoolMetrics;
import dev.taskpool.spring.actuate.TaskPoolsEndpoint;
import dev.taskpool.spring.actuate.TaskPoolsEndpointWebExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Which parts the starter configures, under which properties, and what it refuses. */
class TaskPoolAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TaskPoolAutoConfiguration.class,
                    TaskPoolControlAutoConfiguration.class, TaskPoolJmxAutoConfiguration.class,
                    TaskPoolMetricsAutoConfiguration.class, TaskPoolsEndpointAutoConfiguration.class));

    @Configuration(proxyBeanMethods = false)
    static class Pools {
        @Bean
        SimpleTaskPool mailers() {
            return SimpleTaskPool.builder(() -> Thread.sleep(Long.MAX_VALUE)).name("mailers").build();
        }

        @Bean
        TaskPool batches() {
            return TaskPool.builder().name("batches").build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UnnamedPool {
        @Bean
        TaskPool reports() {
            return new TaskPool();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoPoolsOfOneName {
        @Bean
        TaskPool first() {
            return TaskPool.builder().name("same").build();
        }

        @Bean
        TaskPool second() {
            return TaskPool.builder().name("same").build();
        }
    }

    /** Holds a function a control client may start. */
    public static final class Greetings {
        private Greetings() {
        }

        /** Greets. */
        public static void greet(String name) {
            System.out.println("hello " + name);
        }
    }

    @Test
    void knowsEveryPoolByItsBeanName() {
        runner.withUserConfiguration(Pools.class, UnnamedPool.class).run(context -> {
            TaskPools pools = context.getBean(TaskPools.class);
            assertThat(pools.byBeanName()).containsOnlyKeys("mailers", "batches", "reports");
            assertThat(pools.get("reports")).isSameAs(context.getBean("reports"));
            assertThat(pools.get("reports").name()).startsWith("TaskPool-");
        });
    }

    @Test
    void startsNoControlServerNorMXBeansUnlessAskedTo() {
        runner.withUserConfiguration(Pools.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(ControlServer.class);
            assertThat(context).doesNotHaveBean(TaskPoolMXBeans.class);
        });
    }

    @Test
    void controlServerUsesTheFunctionRegistryBeanAsItsAllowList() {
        runner.withUserConfiguration(Pools.class)
                .withBean(FunctionRegistry.class, () -> {
                    try {
                        return new FunctionRegistry().register(TaskFunction.of(
                                Greetings.class.getMethod("greet", String.class)).withName("greet"));
                    } catch (NoSuchMethodException e) {
                        throw new AssertionError(e);
                    }
                })
                .withPropertyValues("taskpool.control.enabled=true", "taskpool.control.port=0",
                        "taskpool.control.token=s3cret")
                .run(context -> {
                    ControlServer server = context.getBean(ControlServer.class);
                    try (ControlClient client = ControlClient.connect(server.endpoint(),
                            ControlClient.Options.defaults().withToken("s3cret"))) {
                        client.send("use batches");
                        assertThat(client.send("functions").output()).contains("greet");
                    }
                });
    }

    @Test
    void controlServerClosesWithTheContext() {
        AtomicReference<ControlServer> server = new AtomicReference<>();
        runner.withUserConfiguration(Pools.class)
                .withPropertyValues("taskpool.control.enabled=true", "taskpool.control.port=0")
                .run(context -> {
                    server.set(context.getBean(ControlServer.class));
                    assertThat(server.get().isOpen()).isTrue();
                });
        assertThat(server.get().isOpen()).isFalse();
    }

    @Test
    void controlServerWithoutPoolsFailsTheStartup() {
        runner.withPropertyValues("taskpool.control.enabled=true", "taskpool.control.port=0")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("has no SimpleTaskPool or TaskPool bean"));
    }

    @Test
    void twoPoolsOfOneNameFailTheControlServerNamingBothBeans() {
        runner.withUserConfiguration(TwoPoolsOfOneName.class)
                .withPropertyValues("taskpool.control.enabled=true", "taskpool.control.port=0")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("Pool beans 'first' and 'second' hold pools both named 'same'"));
    }

    @Test
    void registersMXBeansWithJmxOnAndUnregistersThemOnClose() {
        AtomicReference<SimpleTaskPool> mailers = new AtomicReference<>();
        runner.withUserConfiguration(Pools.class).withPropertyValues("spring.jmx.enabled=true").run(context -> {
            mailers.set(context.getBean(SimpleTaskPool.class));
            assertThat(ManagementFactory.getPlatformMBeanServer()
                    .isRegistered(PoolMXBeans.objectName(mailers.get()))).isTrue();
        });
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(PoolMXBeans.objectName(mailers.get())))
                .isFalse();
    }

    @Test
    void bindsNoMetersWithoutARegistry() {
        runner.withUserConfiguration(Pools.class)
                .run(context -> assertThat(context).doesNotHaveBean(TaskPoolMeterBinder.class));
    }

    @Test
    void metersLeaveTheRegistryWhenTheContextCloses() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        runner.withUserConfiguration(Pools.class).withBean(MeterRegistry.class, () -> registry).run(context -> {
            context.getBean(TaskPoolMeterBinder.class).bindTo(registry);
            assertThat(registry.find(TaskPoolMetrics.RUNNING).tag(TaskPoolMetrics.POOL_TAG, "batches").gauge()).isNotNull();
        });
        assertThat(registry.find(TaskPoolMetrics.RUNNING).gauges()).isEmpty();
    }

    @Test
    void poolSizeForAnUnknownBeanFailsTheStartup() {
        runner.withUserConfiguration(Pools.class).withPropertyValues("taskpool.pools.mailer.pool-size=4")
                .run(context -> assertThat(context).getFailure().hasStackTraceContaining(
                        "taskpool.pools.mailer.pool-size: there is no pool bean named 'mailer';"
                                + " the pool beans are [batches, mailers]"));
    }

    @Test
    void negativePoolSizeFailsTheStartupNamingTheProperty() {
        runner.withUserConfiguration(Pools.class).withPropertyValues("taskpool.pools.batches.pool-size=-2")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("taskpool.pools.batches.pool-size is -2"));
    }

    @Test
    void endpointExistsOnlyWhereTheApplicationExposesIt() {
        runner.withUserConfiguration(Pools.class).run(context -> {
            assertThat(context).doesNotHaveBean(TaskPoolsEndpoint.class);
            assertThat(context).doesNotHaveBean(TaskPoolsEndpointWebExtension.class);
        });
        runner.withUserConfiguration(Pools.class)
                .withPropertyValues("management.endpoints.web.exposure.include=health,taskpools")
                .run(context -> {
                    assertThat(context).hasSingleBean(TaskPoolsEndpoint.class);
                    assertThat(context).hasSingleBean(TaskPoolsEndpointWebExtension.class);
                });
        runner.withUserConfiguration(Pools.class)
                .withPropertyValues("management.endpoints.web.exposure.include=taskpools",
                        "management.endpoint.taskpools.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(TaskPoolsEndpoint.class));
    }
}
