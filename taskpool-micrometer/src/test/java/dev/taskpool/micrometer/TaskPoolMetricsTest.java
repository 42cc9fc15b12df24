package dev.taskpool.micrometer;

import dev.taskpool.BaseTaskPool;
import dev.taskpool.TaskOutcome;
import dev.taskpool.TaskPool;
import dev.taskpool.function.CheckedRunnable;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A bound pool's meters show its tasks as they run and end, and go when the binder closes. */
class TaskPoolMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        release.countDown();
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    private TaskPool pool(int size, String name) {
        TaskPool pool = new TaskPool(size, name);
        toClose.add(pool);
        return pool;
    }

    private TaskPoolMetrics bind(BaseTaskPool pool) {
        TaskPoolMetrics metrics = new TaskPoolMetrics(pool);
        toClose.add(metrics);
        metrics.bindTo(registry);
        return metrics;
    }

    /** A task that waits until the test releases it, or until it is interrupted. */
    private final CheckedRunnable blocked = () -> release.await();

    private double counter(String name, String pool) {
        return registry.get(name).tag(TaskPoolMetrics.POOL_TAG, pool).functionCounter().count();
    }

    private double gauge(String name, String pool) {
        return registry.get(name).tag(TaskPoolMetrics.POOL_TAG, pool).gauge().value();
    }

    private FunctionTimer timer(String pool, TaskOutcome outcome) {
        return registry.get(TaskPoolMetrics.DURATION).tag(TaskPoolMetrics.POOL_TAG, pool)
                .tag(TaskPoolMetrics.OUTCOME_TAG, TaskPoolMetrics.outcomeTag(outcome)).functionTimer();
    }

    @Test
    void countsAndTimesTasksByHowTheyEnded() throws Exception {
        TaskPool pool = pool(10, "p");
        bind(pool);

        pool.apply(() -> { }, 2, "quick");
        pool.apply(() -> {
            throw new IllegalStateException("failing on purpose");
        }, 1, "failing");
        pool.apply(blocked, 1, "cancelled");
        pool.apply(blocked, 1, "slow", null, null, Duration.ofMillis(20));
        await().until(() -> pool.numRunning() == 1);
        pool.cancelGroup("cancelled");
        pool.gatherAndClose(true);

        assertThat(counter(TaskPoolMetrics.STARTED, "p")).isEqualTo(5);
        assertThat(counter(TaskPoolMetrics.COMPLETED, "p")).isEqualTo(2);
        assertThat(counter(TaskPoolMetrics.FAILED, "p")).isEqualTo(1);
        assertThat(counter(TaskPoolMetrics.CANCELLED, "p")).isEqualTo(1);
        assertThat(counter(TaskPoolMetrics.TIMED_OUT, "p")).isEqualTo(1);
        assertThat(timer("p", TaskOutcome.COMPLETED).count()).isEqualTo(2);
        assertThat(timer("p", TaskOutcome.FAILED).count()).isEqualTo(1);
        assertThat(timer("p", TaskOutcome.CANCELLED).count()).isEqualTo(1);
        assertThat(timer("p", TaskOutcome.TIMED_OUT).count()).isEqualTo(1);
        assertThat(timer("p", TaskOutcome.TIMED_OUT).totalTime(TimeUnit.MILLISECONDS))
                .as("the timed-out task ran until its deadline").isGreaterThanOrEqualTo(20);
    }

    @Test
    void everyOutcomeHasItsTimerBeforeAnyTaskEnds() {
        bind(pool(10, "p"));

        assertThat(registry.find(TaskPoolMetrics.DURATION).functionTimers())
                .extracting(t -> t.getId().getTag(TaskPoolMetrics.OUTCOME_TAG))
                .containsExactlyInAnyOrder("completed", "failed", "cancelled", "timed_out");
        assertThat(registry.find(TaskPoolMetrics.DURATION).functionTimers()).allMatch(t -> t.count() == 0);
    }

    @Test
    void countersIncludeWhatThePoolDidBeforeBinding() throws Exception {
        TaskPool pool = pool(10, "p");
        pool.apply(() -> { }, 3);
        await().until(() -> pool.stats().completed() == 3);
        pool.flush();

        bind(pool);

        assertThat(counter(TaskPoolMetrics.STARTED, "p")).isEqualTo(3);
        assertThat(counter(TaskPoolMetrics.COMPLETED, "p")).isEqualTo(3);
    }

    @Test
    void gaugesShowRunningQueuedAndPoolSize() {
        TaskPool pool = pool(2, "p");
        bind(pool);

        pool.apply(blocked, 5);
        await().until(() -> pool.numRunning() == 2);

        assertThat(gauge(TaskPoolMetrics.RUNNING, "p")).isEqualTo(2);
        assertThat(gauge(TaskPoolMetrics.QUEUED, "p")).isEqualTo(3);
        assertThat(gauge(TaskPoolMetrics.POOL_SIZE, "p")).isEqualTo(2);

        pool.setPoolSize(BaseTaskPool.UNBOUNDED);
        await().until(() -> pool.numRunning() == 5);

        assertThat(gauge(TaskPoolMetrics.RUNNING, "p")).isEqualTo(5);
        assertThat(gauge(TaskPoolMetrics.QUEUED, "p")).isZero();
        assertThat(gauge(TaskPoolMetrics.POOL_SIZE, "p")).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void closingRemovesTheMetersAndStopsTiming() throws Exception {
        TaskPool pool = pool(10, "p");
        TaskPoolMetrics metrics = bind(pool);
        FunctionTimer completed = timer("p", TaskOutcome.COMPLETED);
        assertThat(registry.getMeters()).hasSize(12);

        metrics.close();
        pool.apply(() -> { }, 1);
        pool.gatherAndClose();

        assertThat(registry.getMeters()).isEmpty();
        assertThat(completed.count()).as("a task ending after the close").isZero();
        metrics.close();
    }

    @Test
    void twoPoolsInOneRegistryKeepTheirOwnSeries() throws Exception {
        TaskPool a = pool(10, "a");
        TaskPool b = pool(10, "b");
        bind(a);
        bind(b);

        a.apply(() -> { }, 1);
        b.apply(() -> { }, 3);
        a.gatherAndClose();
        b.gatherAndClose();

        assertThat(counter(TaskPoolMetrics.STARTED, "a")).isEqualTo(1);
        assertThat(counter(TaskPoolMetrics.STARTED, "b")).isEqualTo(3);
        assertThat(timer("a", TaskOutcome.COMPLETED).count()).isEqualTo(1);
        assertThat(timer("b", TaskOutcome.COMPLETED).count()).isEqualTo(3);
        assertThat(registry.getMeters()).extracting(Meter::getId)
                .allMatch(id -> id.getTag(TaskPoolMetrics.POOL_TAG) != null);
    }

    @Test
    void bindingAPoolTwiceIsRefusedAndItsTasksAreTimedOnce() throws Exception {
        TaskPool pool = pool(10, "p");
        bind(pool);
        TaskPoolMetrics second = new TaskPoolMetrics(pool);

        assertThatThrownBy(() -> second.bindTo(registry))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a pool named p is bound to this registry already; close its TaskPoolMetrics first,"
                        + " or give this pool another name");
        pool.apply(() -> { }, 1);
        pool.gatherAndClose();

        assertThat(timer("p", TaskOutcome.COMPLETED).count()).isEqualTo(1);
        second.close();
        assertThat(registry.getMeters()).as("the refused binder's close leaves the first one's meters").hasSize(12);
    }

    @Test
    void aPoolOfTheSameNameIsRefusedUntilTheFirstBinderCloses() {
        TaskPoolMetrics first = bind(pool(10, "p"));
        TaskPool namesake = pool(10, "p");

        assertThatThrownBy(() -> bind(namesake)).isInstanceOf(IllegalStateException.class);

        first.close();
        bind(namesake);
        assertThat(registry.find(TaskPoolMetrics.STARTED).functionCounters()).hasSize(1);
    }

    @Test
    void aBinderBindsOnce() {
        TaskPoolMetrics metrics = bind(pool(10, "p"));

        assertThatThrownBy(() -> metrics.bindTo(new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the metrics of pool p are bound already");
        metrics.close();
        assertThatThrownBy(() -> metrics.bindTo(registry))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the metrics of pool p were closed");
    }

    @Test
    void neitherTheRegistryNorTheBinderKeepsADroppedPoolAlive() {
        WeakReference<TaskPool> dropped = bindAndDropAPool("dropped");

        await("the pool collected").pollInterval(Duration.ofMillis(10)).until(() -> {
            System.gc();
            return dropped.get() == null;
        });
        assertThat(gauge(TaskPoolMetrics.RUNNING, "dropped")).isNaN();
        assertThat(counter(TaskPoolMetrics.STARTED, "dropped")).as("the last value read").isEqualTo(1);
    }

    private WeakReference<TaskPool> bindAndDropAPool(String name) {
        TaskPool pool = new TaskPool(10, name);
        TaskPoolMetrics metrics = new TaskPoolMetrics(pool);
        toClose.add(metrics);
        metrics.bindTo(registry);
        pool.apply(() -> { }, 1);
        pool.close();
        assertThat(counter(TaskPoolMetrics.STARTED, name)).isEqualTo(1);
        return new WeakReference<>(pool);
    }

    @Test
    void tasksAreTimedAfterTheBinderItselfIsDroppedUnclosed() throws Exception {
        TaskPool pool = pool(10, "p");
        bindAndForget(pool);
        System.gc();

        pool.apply(() -> { }, 3);
        pool.gatherAndClose();

        assertThat(timer("p", TaskOutcome.COMPLETED).count()).isEqualTo(3);
    }

    private void bindAndForget(TaskPool pool) {
        new TaskPoolMetrics(pool).bindTo(registry);
    }

    @Test
    void aSimplePoolAlsoShowsItsAutoscalersDecisions() throws Exception {
        dev.taskpool.SimpleTaskPool workers = dev.taskpool.SimpleTaskPool.builder(blocked).name("workers").build();
        toClose.add(workers);
        bind(workers);
        assertThat(counter(TaskPoolMetrics.AUTOSCALER_UPS, "workers")).isZero();
        assertThat(gauge(TaskPoolMetrics.AUTOSCALER_WANTED, "workers")).isNaN();

        dev.taskpool.Autoscaler autoscaler = dev.taskpool.Autoscaler.builder(workers).limits(1, 3)
                .backlog(() -> 100, 10).interval(java.time.Duration.ofMillis(5)).build();
        toClose.add(autoscaler);
        autoscaler.start();

        org.awaitility.Awaitility.await().until(() -> counter(TaskPoolMetrics.AUTOSCALER_UPS, "workers") >= 1);
        assertThat(gauge(TaskPoolMetrics.AUTOSCALER_WANTED, "workers")).isEqualTo(3.0);
        assertThat(counter(TaskPoolMetrics.AUTOSCALER_DOWNS, "workers")).isZero();
        assertThat(registry.find(TaskPoolMetrics.AUTOSCALER_UPS).tag(TaskPoolMetrics.POOL_TAG, "general").meter())
                .isNull();
    }

    @Test
    void everyPoolHasTheSameMetersWithTheSameTagKeys() {
        bind(pool(10, "a"));
        bind(pool(10, "b"));

        for (String pool : List.of("a", "b")) {
            assertThat(registry.getMeters().stream()
                    .filter(meter -> pool.equals(meter.getId().getTag(TaskPoolMetrics.POOL_TAG)))
                    .map(TaskPoolMetricsTest::describe))
                    .containsExactlyInAnyOrder(
                            "GAUGE taskpool.tasks.running [pool]",
                            "GAUGE taskpool.tasks.queued [pool]",
                            "GAUGE taskpool.pool.size [pool]",
                            "COUNTER taskpool.tasks.started [pool]",
                            "COUNTER taskpool.tasks.completed [pool]",
                            "COUNTER taskpool.tasks.failed [pool]",
                            "COUNTER taskpool.tasks.cancelled [pool]",
                            "COUNTER taskpool.tasks.timed.out [pool]",
                            "TIMER taskpool.task.duration [outcome, pool]",
                            "TIMER taskpool.task.duration [outcome, pool]",
                            "TIMER taskpool.task.duration [outcome, pool]",
                            "TIMER taskpool.task.duration [outcome, pool]");
        }
    }

    /** A meter's type, name and tag keys (sorted). */
    private static String describe(Meter meter) {
        Meter.Id id = meter.getId();
        return id.getType() + " " + id.getName() + " " + id.getTags().stream().map(tag -> tag.getKey()).sorted().toList();
    }
}
