package org.shmalloc.bench;

import org.shmalloc.bench.peer.BenchAllocator;
import org.shmalloc.bench.peer.Impl;
import org.shmalloc.bench.workload.ArenaParams;

/**
 * What every benchmark state holds: the allocator named by the {@code impl} parameter over an
 * arena of the {@code config} and {@code arena} parameters (a fresh file in /dev/shm, deleted in
 * {@link #close()}). The subclasses declare the {@code @Param}s, with defaults that suit them.
 */
public abstract class AllocatorState {

    protected ArenaParams arenaParams;
    protected BenchAllocator allocator;

    /** Opens the allocator; call from {@code @Setup(Level.Trial)}. */
    protected final void open(String impl, String config, String arena, long maxLive) {
        arenaParams = ArenaParams.of(config, arena);
        allocator = Impl.of(impl).open(arenaParams.config(), maxLive);
    }

    /** Closes the allocator and deletes its file; call from {@code @TearDown(Level.Trial)}. */
    protected final void close() {
        if (allocator != null) {
            allocator.close();
            allocator = null;
        }
    }

    /** Fails the trial when an allocation that must succeed does not (a result would be meaningless). */
    protected static long mustAllocate(long handle, long size) {
        if (handle == 0) {
            throw new IllegalStateException("malloc(" + size + ") failed where the benchmark needs it to succeed");
        }
        return handle;
    }
}
