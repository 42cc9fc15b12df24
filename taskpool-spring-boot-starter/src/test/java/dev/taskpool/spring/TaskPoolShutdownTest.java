package dev.taskpool.spring;

import dev.taskpool.TaskPool;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The pools end with the context: their tasks get the grace period, and no more. */
class TaskPoolShutdownTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TaskPoolAutoConfiguration.class));

    @Configuration(proxyBeanMethods = false)
    static class TwoPools {
        @Bean
        TaskPool first() {
            return TaskPool.builder().name("first").build();
        }

        @Bean
        TaskPool second() {
            return TaskPool.builder().name("second").build();
        }
    }

    @Test
    void aTaskThatFinishesWithinTheGracePeriodCompletes() {
        runner.withUserConfiguration(TwoPools.class).withPropertyValues("taskpool.shutdown.grace=20s").run(context -> {
            TaskPool pool = context.getBean("first", TaskPool.class);
            CountDownLatch started = new CountDownLatch(1);
            // Ends only once the shutdown has begun: it needs the grace period to complete.
            pool.apply(() -> {
                started.countDown();
                await().atMost(Duration.ofSeconds(20)).until(pool::isLocked);
            });
            started.await();

            context.close();

            assertThat(pool.isClosed()).isTrue();
            assertThat(pool.stats().completed()).isEqualTo(1);
            assertThat(pool.stats().cancelledTotal()).isZero();
        });
    }

    @Test
    void aTaskStillRunningWhenTheGracePeriodIsOverIsCancelled() {
        Duration grace = Duration.ofMillis(300);
        runner.withUserConfiguration(TwoPools.class).withPropertyValues("taskpool.shutdown.grace=300ms").run(context -> {
            TaskPool pool = context.getBean("first", TaskPool.class);
            CountDownLatch started = new CountDownLatch(1);
            AtomicLong interruptedAt = new AtomicLong();
            pool.apply(() -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    interruptedAt.set(System.nanoTime());
                    throw e;
                }
            });
            started.await();

            long closing = System.nanoTime();
            context.close();

            assertThat(pool.isClosed()).isTrue();
            assertThat(pool.stats().cancelledTotal()).isEqualTo(1);
            assertThat(pool.stats().completed()).isZero();
            assertThat(Duration.ofNanos(interruptedAt.get() - closing)).isGreaterThanOrEqualTo(grace);
        });
    }

    @Test
    void poolsShutDownSideBySide() {
        runner.withUserConfiguration(TwoPools.class).withPropertyValues("taskpool.shutdown.grace=20s").run(context -> {
            TaskPool first = context.getBean("first", TaskPool.class);
            TaskPool second = context.getBean("second", TaskPool.class);
            CountDownLatch started = new CountDownLatch(2);
            // Each task ends once the other pool is shutting down. One pool after the other, the
            // first pool's task would wait out the grace period and be cancelled.
            first.apply(() -> {
                started.countDown();
                await().atMost(Duration.ofSeconds(20)).until(second::isLocked);
            });
            second.apply(() -> {
                started.countDown();
                await().atMost(Duration.ofSeconds(20)).until(first::isLocked);
            });
            started.await();

            context.close();

            assertThat(first.stats().completed()).isEqualTo(1);
            assertThat(second.stats().completed()).isEqualTo(1);
            assertThat(first.stats().cancelledTotal() + second.stats().cancelledTotal()).isZero();
        });
    }

    @Test
    void poolsStopBeforeTheWebServerStopsTakingRequests() {
        // Higher phases stop first.
        assertThat(TaskPoolShutdown.PHASE)
                .isGreaterThan(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE)
                .isLessThan(SmartLifecycle.DEFAULT_PHASE);
    }

    @Test
    void graceIsTenSecondsByDefault() {
        runner.run(context -> assertThat(context.getBean(TaskPoolShutdown.class).grace())
                .isEqualTo(Duration.ofSeconds(10)));
    }
}
