package dev.taskpool.internal;

import dev.taskpool.function.CheckedRunnable;

import java.util.Collection;
import java.util.Iterator;
import java.util.function.Function;

/**
 * The work of a {@code map}-like group: one task per element of the input, created as the
 * spawner asks for it. The input's iterator is obtained on the spawner's thread on first
 * use, and a collection's size likewise, so that no user code runs on the caller's thread, and elements are pulled one at a
 * time, so that an endless input works.
 *
 * <p>Used by one spawner thread only.
 */
public final class MappedWork<T> implements Iterator<CheckedRunnable> {

    private final Iterable<? extends T> input;
    private final Function<? super T, CheckedRunnable> toTask;
    private Iterator<? extends T> iterator;

    public MappedWork(Iterable<? extends T> input, Function<? super T, CheckedRunnable> toTask) {
        this.input = input;
        this.toTask = toTask;
    }

    /**
     * The number of elements if the input is a collection, else {@link TaskGroup#UNKNOWN}.
     * Called on the spawner's thread too, since {@code size()} is the input's own code.
     */
    int knownSize() {
        return input instanceof Collection<?> collection ? collection.size() : TaskGroup.UNKNOWN;
    }

    @Override
    public boolean hasNext() {
        if (iterator == null) {
            iterator = input.iterator();
        }
        return iterator.hasNext();
    }

    @Override
    public CheckedRunnable next() {
        if (iterator == null) {
            iterator = input.iterator();
        }
        return toTask.apply(iterator.next());
    }
}
