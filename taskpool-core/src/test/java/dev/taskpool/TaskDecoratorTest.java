package dev.taskpool;

import dev.taskpool.function.CheckedRunnable;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A pool's task decorator wraps every task body, with the caller's context captured per call. */
class TaskDecoratorTest {

    /** Stands for a logging or tracing context: a value bound to the current thread. */
    private static final ThreadLocal<String> CONTEXT = new ThreadLocal<>();

    /** Carries the caller's CONTEXT to each task and records what each task saw. */
    private static final class Propagating implements TaskDecorator {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final List<TaskDecorator.Task> tasks = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public TaskDecorator capture() {
            String caller = CONTEXT.get();
            return (task, body) -> () -> {
                tasks.add(task);
                threads.add(Thread.currentThread().getName());
                CONTEXT.set(caller + "/" + task.id());
                try {
                    body.run();
                } finally {
                    CONTEXT.remove();
                }
            };
        }

        @Override
        public CheckedRunnable decorate(Task task, CheckedRunnable body) {
            return capture().decorate(task, body);
        }

        CheckedRunnable recordingBody() {
            return () -> seen.add(CONTEXT.get());
        }
    }

    @Test
    void everyTaskOfASimplePoolRunsInsideTheDecoratorWithTheCallersContext() throws Exception {
        Propagating decorator = new Propagating();
        SimpleTaskPool pool = SimpleTaskPool.builder(decorator.recordingBody()).name("workers")
                .decorator(decorator).build();

        CONTEXT.set("request-7");
        String group;
        try {
            group = pool.start(3);
        } finally {
            CONTEXT.remove();
        }
        pool.gatherAndClose();

        assertThat(decorator.seen).containsExactlyInAnyOrder("request-7/0", "request-7/1", "request-7/2");
        assertThat(decorator.tasks).extracting(TaskDecorator.Task::pool).containsOnly("workers");
        assertThat(decorator.tasks).extracting(TaskDecorator.Task::group).containsOnly(group);
        // Decorated on the task's own thread, whose name the Task gives.
        assertThat(decorator.threads).containsExactlyInAnyOrderElementsOf(
                decorator.tasks.stream().map(TaskDecorator.Task::threadName).toList());
    }

    @Test
    void eachCallCapturesItsOwnCallersContextEvenForTasksStartedLater() throws Exception {
        Propagating decorator = new Propagating();
        TaskPool pool = TaskPool.builder().poolSize(1).decorator(decorator).build();
        CountDownLatch release = new CountDownLatch(1);

        CONTEXT.set("first");
        pool.apply(release::await);
        CONTEXT.set("second");
        // Waits for room: its tasks start on the group's spawner thread, long after this call.
        pool.map(x -> decorator.recordingBody().run(), List.of(1, 2), 1);
        CONTEXT.remove();
        release.countDown();
        pool.gatherAndClose();

        assertThat(decorator.seen).containsExactly("second/1", "second/2");
    }

    @Test
    void whatTheDecoratedBodyThrowsFailsTheTask() throws Exception {
        TaskPool pool = TaskPool.builder().decorator((task, body) -> () -> {
            throw new IllegalStateException("no context for " + task.threadName());
        }).name("strict").build();

        pool.apply(() -> { }, 1);

        List<TaskFailure> failures = pool.gatherAndClose(true);
        assertThat(failures).singleElement().satisfies(failure ->
                assertThat(failure.error()).hasMessage("no context for strict_Task-0"));
        assertThat(pool.stats().failed()).isEqualTo(1);
    }

    @Test
    void aDecoratorReturningNullFailsTheTaskWithAClearMessage() throws Exception {
        TaskPool pool = TaskPool.builder().decorator((task, body) -> null).build();

        pool.apply(() -> { }, 1);

        List<TaskFailure> failures = pool.gatherAndClose(true);
        assertThat(failures).singleElement().satisfies(failure ->
                assertThat(failure.error()).isInstanceOf(NullPointerException.class)
                        .hasMessageContaining("returned null"));
    }

    @Test
    void aTaskCancelledBeforeItsBodyBeganIsNotDecorated() throws Exception {
        Propagating decorator = new Propagating();
        TaskPool pool = TaskPool.builder().poolSize(1).decorator(decorator).build();
        CountDownLatch release = new CountDownLatch(1);
        pool.apply(release::await, 1, "blocker");
        pool.apply(decorator.recordingBody(), 1, "waiting", null, null);
        pool.cancelGroup("waiting");
        release.countDown();

        pool.gatherAndClose();

        assertThat(decorator.tasks).extracting(TaskDecorator.Task::group).containsExactly("blocker");
        assertThat(decorator.seen).isEmpty();
    }

    @Test
    void submittedCallablesAreDecoratedToo() throws Exception {
        Propagating decorator = new Propagating();
        TaskPool pool = TaskPool.builder().decorator(decorator).build();

        CONTEXT.set("caller");
        String seen;
        try {
            seen = pool.submit(CONTEXT::get).get(30, TimeUnit.SECONDS);
        } finally {
            CONTEXT.remove();
        }

        assertThat(seen).isEqualTo("caller/0");
        await().until(() -> pool.stats().completed() == 1);
    }
}
