package dev.taskpool.internal;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** An iterator yielding the same element a fixed number of times; the work of {@code start} and {@code apply}. */
public final class Repeat<T> implements Iterator<T> {

    private final T element;
    private int remaining;

    public Repeat(T element, int times) {
        this.element = element;
        this.remaining = times;
    }

    @Override
    public boolean hasNext() {
        return remaining > 0;
    }

    @Override
    public T next() {
        if (remaining <= 0) {
            throw new NoSuchElementException();
        }
        remaining--;
        return element;
    }
}
