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
 */
public record TaskInfo(int id, String group, TaskState state, Duration age, String function) {
}
