package org.shmalloc.bench.peer;

/**
 * One allocator under test, as the benchmarks see it: shared by all threads of a run, reached by
 * each thread through its own {@link Caller}. Handles are opaque non-zero longs; 0 means "no
 * memory" (a failed malloc). Implementations: {@link Impl}.
 */
public interface BenchAllocator extends AutoCloseable {

    /** A caller for the current thread; call once per thread and keep it (never share it). */
    Caller caller();

    /** True if this allocator has a fixed arena, so that occupancy and failed mallocs mean something. */
    boolean bounded();

    /** Releases everything, deletes any file it created. */
    @Override
    void close();

    /** One thread's access to the allocator. */
    interface Caller {
        /** A handle for at least {@code size} bytes, or 0 if nothing fits. */
        long malloc(long size);

        /** Frees a handle from {@link #malloc} (possibly one that another thread allocated). */
        void free(long handle);
    }
}
