package org.shmalloc.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/** Words stored in a memory segment (the mapped file): the only class that touches them there. */
public final class SegmentWordStore implements WordStore {

    private static final VarHandle WORD = ValueLayout.JAVA_LONG.varHandle();

    private final MemorySegment words;
    private final long length;

    /** {@code words} must be 8-byte aligned; its size is rounded down to whole words. */
    public SegmentWordStore(MemorySegment words) {
        if ((words.address() & 7) != 0) {
            throw new IllegalArgumentException("word segment is not 8-byte aligned: " + words);
        }
        this.words = words;
        this.length = words.byteSize() >>> 3;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public long lv(long index) {
        return (long) WORD.getVolatile(words, index << 3);
    }

    @Override
    public boolean cas(long index, long expected, long updated) {
        return WORD.compareAndSet(words, index << 3, expected, updated);
    }
}
