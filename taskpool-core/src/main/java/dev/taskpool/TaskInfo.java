package dev.taskpool;

import java.time.Duration;

/**
 * A snapshot of one task, as listed by {@link BaseTaskPool#tasks()}.
 *
 * @param id       the task's ID within its pool
 * @param group    the name of its group
 * @param state    where it is in its life
 * @param age      how long ago it was started
 * @param function the name of the function it runs
 * @param inCallback whether its end or cancel callback is running now; a task stays listed,
 *                 and is not flushed, until its callbacks have returned, so a callback that
 *                 never returns shows here (and holds up {@link BaseTaskPool#gatherAndClose()})
 * @param cancelMessage the message given with its cancellation, or {@code null}
 */
public record TaskInfo(long id, String group, TaskState state, Duration age, String function,
                       boolean inCallback, String cancelMessage) {
}
