package org.shmalloc.bench.peer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * No allocator at all: {@code malloc} returns the next number of a per-caller counter and
 * {@code free} does nothing. What a benchmark scores with it is its own harness: in the
 * cross-thread benchmark, the ceiling that handing every allocation through the ring puts on any
 * allocator.
 */
final class HandoffPeer implements BenchAllocator {

    private final AtomicInteger callers = new AtomicInteger();

    @Override
    public Caller caller() {
        long first = ((long) callers.incrementAndGet() << 40) + 1; // distinct across callers, never 0
        return new Caller() {
            private long next = first;

            @Override
            public long malloc(long size) {
                return next++;
            }

            @Override
            public void free(long handle) {
                // nothing to release
            }
        };
    }

    @Override
    public boolean bounded() {
        return false;
    }

    @Override
    public void close() {
        // nothing held
    }
}
