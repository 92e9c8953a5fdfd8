package org.shmalloc.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Words on the Java heap. Used by tests (Lincheck's model checker switches threads at
 * {@code AtomicLongArray} accesses, not at memory-segment accesses) and by in-process peers.
 */
public final class AtomicWordStore implements WordStore {

    private final AtomicLongArray words;

    public AtomicWordStore(int length) {
        this.words = new AtomicLongArray(length);
    }

    @Override
    public long length() {
        return words.length();
    }

    @Override
    public long lv(long index) {
        return words.get(Math.toIntExact(index));
    }

    @Override
    public boolean cas(long index, long expected, long updated) {
        return words.compareAndSet(Math.toIntExact(index), expected, updated);
    }
}
