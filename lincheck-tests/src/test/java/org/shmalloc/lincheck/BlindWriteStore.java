package org.shmalloc.lincheck;

import org.shmalloc.internal.WordStore;

/**
 * BROKEN ON PURPOSE: a "compare and set" that is a plain read, a compare, then an unconditional
 * write. Between the read and the write another thread's CAS can land and be overwritten (a lost
 * update), which is exactly what the tree's single-CAS steps exist to prevent.
 */
final class BlindWriteStore implements WordStore {

    private final WordStore words;

    BlindWriteStore(WordStore words) {
        this.words = words;
    }

    @Override
    public long length() {
        return words.length();
    }

    @Override
    public long lv(long index) {
        return words.lv(index);
    }

    @Override
    public boolean cas(long index, long expected, long updated) {
        if (words.lv(index) != expected) {
            return false;
        }
        // the unconditional write, built from the store's own primitives: overwrite whatever is there now
        long now;
        do {
            now = words.lv(index);
        } while (!words.cas(index, now, updated));
        return true;
    }
}
