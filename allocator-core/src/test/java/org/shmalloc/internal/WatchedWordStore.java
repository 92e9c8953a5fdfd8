package org.shmalloc.internal;

/**
 * Passes every read and CAS on to a word store after showing its index to {@link #watch}: the
 * base of the tests that count what the allocator touches.
 */
abstract class WatchedWordStore implements WordStore {

    private final WordStore words;

    WatchedWordStore(WordStore words) {
        this.words = words;
    }

    /** Called with the index of each word read or CASed, before the access. */
    abstract void watch(long index);

    @Override
    public long length() {
        return words.length();
    }

    @Override
    public long lv(long index) {
        watch(index);
        return words.lv(index);
    }

    @Override
    public boolean cas(long index, long expected, long updated) {
        watch(index);
        return words.cas(index, expected, updated);
    }
}
