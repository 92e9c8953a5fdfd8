package org.shmalloc.bench.workload;

/**
 * The allocations one thread holds: handles with their block bytes, removable at random in O(1)
 * (the last entry moves into the hole). Tracks the bytes in blocks, for occupancy levels.
 */
public final class LiveSet {

    private long[] handles;
    private long[] blocks;
    private int size;
    private long usedBytes;

    public LiveSet(int initialCapacity) {
        handles = new long[Math.max(16, initialCapacity)];
        blocks = new long[handles.length];
    }

    public void add(long handle, long blockBytes) {
        if (size == handles.length) {
            handles = java.util.Arrays.copyOf(handles, size * 2);
            blocks = java.util.Arrays.copyOf(blocks, size * 2);
        }
        handles[size] = handle;
        blocks[size] = blockBytes;
        size++;
        usedBytes += blockBytes;
    }

    /** Removes entry {@code i} and returns its handle. */
    public long removeAt(int i) {
        long handle = handles[i];
        usedBytes -= blocks[i];
        size--;
        handles[i] = handles[size];
        blocks[i] = blocks[size];
        return handle;
    }

    /** Replaces entry {@code i} with another allocation. */
    public void replace(int i, long handle, long blockBytes) {
        usedBytes += blockBytes - blocks[i];
        handles[i] = handle;
        blocks[i] = blockBytes;
    }

    public long handle(int i) {
        return handles[i];
    }

    public long blockBytes(int i) {
        return blocks[i];
    }

    public int size() {
        return size;
    }

    public long usedBytes() {
        return usedBytes;
    }
}
