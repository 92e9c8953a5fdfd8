package org.shmalloc.bench.peer;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The floor with many handles live: each caller owns a table of {@value #WORDS_PER_CALLER} words,
 * packed eight to a cache line; a malloc CASes the caller's next word, in turn, from 0 to 1, and a
 * free CASes a handle's word back to 0. It is what any allocator whose malloc sets a word and
 * whose free clears it costs at least, with its words as dense as they can be. With cross-thread
 * frees (one thread allocating, another freeing), each word's cache line moves between the two
 * cores: the ceiling that moving puts on any such allocator, where {@link CasFloorPeer} (one word
 * per caller, one handle live) cannot take part. A malloc fails (returns 0) if the word it comes to
 * is still set, so callers may hold up to {@value #WORDS_PER_CALLER} handles.
 */
final class CasTablePeer implements BenchAllocator {

    /** Words per caller: more than the cross-thread benchmark keeps in flight. */
    static final int WORDS_PER_CALLER = 2048;
    static final int MAX_CALLERS = 64;
    private static final VarHandle WORD = ValueLayout.JAVA_LONG.varHandle();

    private final Arena arena = Arena.ofShared();
    private final MemorySegment words =
            arena.allocate((long) WORDS_PER_CALLER * MAX_CALLERS * Long.BYTES, 64);
    private final AtomicInteger nextCaller = new AtomicInteger();

    @Override
    public Caller caller() {
        int index = nextCaller.getAndIncrement();
        if (index >= MAX_CALLERS) {
            throw new IllegalStateException("more than " + MAX_CALLERS + " table floor callers");
        }
        long base = (long) index * WORDS_PER_CALLER * Long.BYTES;
        MemorySegment w = words;
        return new Caller() {
            private int next;

            @Override
            public long malloc(long size) {
                long offset = base + (long) (next++ & (WORDS_PER_CALLER - 1)) * Long.BYTES;
                return WORD.compareAndSet(w, offset, 0L, 1L) ? offset + 1 : 0;
            }

            @Override
            public void free(long handle) {
                if (!WORD.compareAndSet(w, handle - 1, 1L, 0L)) {
                    throw new IllegalStateException("table floor word at " + (handle - 1) + " was not set");
                }
            }
        };
    }

    @Override
    public boolean bounded() {
        return false;
    }

    @Override
    public void close() {
        arena.close();
    }
}
