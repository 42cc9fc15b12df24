package dev.taskpool;

/**
 * A snapshot of one task group, as listed by {@link BaseTaskPool#groups()}.
 *
 * @param name      the group's name
 * @param function  the name of the function its tasks run
 * @param running   tasks of the group running now
 * @param queued    tasks still to be started, or {@code -1} when the input's size is unknown
 *                  and the group is still spawning
 * @param done      tasks of the group that have ended or were cancelled and stopped
 * @param total     how many tasks the group starts in all, or {@code -1} if unknown
 * @param spawning  whether the group may still start tasks
 * @param cancelled whether the group was cancelled
 */
public record GroupInfo(String name, String function, int running, int queued, int done,
                        int total, boolean spawning, boolean cancelled) {
}
