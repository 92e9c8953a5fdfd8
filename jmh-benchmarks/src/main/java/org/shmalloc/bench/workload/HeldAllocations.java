package org.shmalloc.bench.workload;

/**
 * The allocations the freeing side of a cross-free benchmark holds before it frees them, oldest
 * first: {@link #hold} takes one and, once {@code capacity} are held, gives back the oldest to be
 * freed (with capacity 0, the one just taken). So each allocation outlives {@code capacity} more
 * hand-offs. One thread's: not thread-safe.
 */
public final class HeldAllocations {

    private final long[] handles;
    private int oldest;
    private int count;

    public HeldAllocations(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity " + capacity + " is negative");
        }
        handles = new long[capacity];
    }

    /** Holds {@code handle}; returns the allocation to free now, or 0 if none is due. */
    public long hold(long handle) {
        if (handles.length == 0) {
            return handle;
        }
        long due = count == handles.length ? takeOldest() : 0;
        int slot = oldest + count;
        handles[slot < handles.length ? slot : slot - handles.length] = handle;
        count++;
        return due;
    }

    /** Removes and returns the oldest held allocation, or 0 if none is held. */
    public long takeOldest() {
        if (count == 0) {
            return 0;
        }
        long handle = handles[oldest];
        oldest = oldest + 1 == handles.length ? 0 : oldest + 1;
        count--;
        return handle;
    }
}
