package dev.taskpool.internal;

import dev.taskpool.DuplicateGroupException;
import dev.taskpool.TaskFailure;
import dev.taskpool.UnknownGroupException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The groups of a pool by name: creating them under a chosen or generated name
 * ({@code <prefix>-group-<k>}, counted per prefix as the reference names them), finding them,
 * retiring cancelled ones, and forgetting those with nothing left to start or run.
 *
 * <p>A cancelled group is retired: it can no longer be found by its name (which a new group
 * may take), but it is still listed, with its tasks, until a flush forgets it.
 *
 * <p>Thread-safe.
 */
final class GroupDirectory {

    private final String poolName;
    private final TaskRegistry registry;
    private final ConcurrentHashMap<String, TaskGroup> groups = new ConcurrentHashMap<>();
    private final Set<TaskGroup> retired = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, AtomicInteger> nameCounters = new ConcurrentHashMap<>();

    GroupDirectory(String poolName, TaskRegistry registry) {
        this.registry = registry;
        this.poolName = poolName;
    }

    /**
     * Creates a group.
     *
     * @param spec what the group is to be, its name included ({@code null} to generate
     *             {@code <prefix>-group-<k>})
     * @throws DuplicateGroupException if the requested name is taken
     */
    TaskGroup register(GroupSpec spec) {
        String requestedName = spec.requestedName();
        if (requestedName != null) {
            TaskGroup group = new TaskGroup(requestedName, spec, registry);
            if (groups.putIfAbsent(requestedName, group) != null) {
                throw new DuplicateGroupException(
                        "A task group named " + requestedName + " already exists in " + poolName);
            }
            return group;
        }
        AtomicInteger counter = nameCounters.computeIfAbsent(spec.prefix(), p -> new AtomicInteger());
        while (true) {
            // Skips names a caller chose explicitly, such as "start-group-3".
            String name = spec.prefix() + "-group-" + counter.getAndIncrement();
            TaskGroup group = new TaskGroup(name, spec, registry);
            if (groups.putIfAbsent(name, group) == null) {
                return group;
            }
        }
    }

    /**
     * @throws UnknownGroupException if there is no such group
     */
    TaskGroup get(String name) {
        TaskGroup group = groups.get(name);
        if (group == null) {
            throw new UnknownGroupException("No task group named " + name + " exists in " + poolName);
        }
        return group;
    }

    /**
     * Takes a group out of the lookup for good, keeping it listed until it is forgotten.
     *
     * @throws UnknownGroupException if there is no such group (or it was retired before)
     */
    TaskGroup retire(String name) {
        TaskGroup group = groups.get(name);
        // Listed as retired before it leaves the lookup, so that it is always listed somewhere.
        if (group != null) {
            retired.add(group);
        }
        if (group == null || !groups.remove(name, group)) {
            throw new UnknownGroupException("No task group named " + name + " exists in " + poolName);
        }
        return group;
    }

    /** Retires every group that can be found now. */
    void retireAll() {
        for (TaskGroup group : groups.values()) {
            retired.add(group);
            groups.remove(group.name(), group);
        }
    }

    /** Every group still listed: those that can be found by name, and the retired ones. */
    Collection<TaskGroup> all() {
        List<TaskGroup> all = new ArrayList<>(groups.values());
        all.addAll(retired);
        return all;
    }

    /**
     * Forgets every group whose spawner is done and whose tasks have all been forgotten, and moves
     * the failures of spawners (input iterators that threw) to {@code failures}.
     */
    void forgetFinished(List<TaskFailure> failures) {
        for (TaskGroup group : all()) {
            Throwable spawnFailure = group.spawnFailure();
            if (spawnFailure != null) {
                group.clearSpawnFailure();
                failures.add(new TaskFailure(-1, poolName + "_Spawner-" + group.name(), group.name(), spawnFailure));
            }
            if (group.isForgettable()) {
                groups.remove(group.name(), group);
                retired.remove(group);
            }
        }
    }
}
