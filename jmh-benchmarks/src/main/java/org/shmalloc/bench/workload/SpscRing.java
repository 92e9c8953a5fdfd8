package org.shmalloc.bench.workload;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * A single-producer single-consumer ring of non-zero {@code long}s (allocation handles) in a
 * memory segment, which may be heap, native or a mapped file shared by two processes. The cross
 * free benchmarks hand allocations from the allocating thread (or process) to the freeing one
 * through it.
 *
 * <pre>
 * offset 0    producer index (its own 128-byte line): next slot to write, written only by the producer
 * offset 128  consumer index (its own 128-byte line): next slot to read, written only by the consumer
 * offset 256  capacity slots of 8 bytes
 * </pre>
 * NOTE: a slot is written before the producer index is released past it (setRelease), and read
 * after the index is acquired (getAcquire); the consumer index is released after the slot is read.
 */
public final class SpscRing {

    private static final long PRODUCER = 0;
    private static final long CONSUMER = 128;
    private static final long SLOTS = 256;
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private final MemorySegment segment;
    private final int mask;
    // each side's cached view of the other side's index (not shared)
    private long producerIndex;
    private long consumerLimitCache;
    private long consumerIndex;
    private long producerLimitCache;

    /** Bytes a ring of {@code capacity} slots needs. */
    public static long bytesFor(int capacity) {
        return SLOTS + 8L * capacity;
    }

    /** A ring over {@code segment}, of {@code capacity} (a power of two) slots; the indices are read from it. */
    public SpscRing(MemorySegment segment, int capacity) {
        if (Integer.bitCount(capacity) != 1 || segment.byteSize() < bytesFor(capacity)) {
            throw new IllegalArgumentException("capacity " + capacity + " must be a power of two fitting in "
                    + segment.byteSize() + " bytes");
        }
        this.segment = segment;
        this.mask = capacity - 1;
        this.producerIndex = (long) LONG.getAcquire(segment, PRODUCER);
        this.consumerIndex = (long) LONG.getAcquire(segment, CONSUMER);
    }

    /** Producer side: appends {@code value} (non-zero), or returns false if the ring is full. */
    public boolean offer(long value) {
        long index = producerIndex;
        if (index - consumerLimitCache > mask) {
            consumerLimitCache = (long) LONG.getAcquire(segment, CONSUMER);
            if (index - consumerLimitCache > mask) {
                return false;
            }
        }
        LONG.set(segment, SLOTS + ((index & mask) << 3), value);
        producerIndex = index + 1;
        LONG.setRelease(segment, PRODUCER, index + 1);
        return true;
    }

    /** Consumer side: removes and returns the oldest value, or 0 if the ring is empty. */
    public long poll() {
        long index = consumerIndex;
        if (index >= producerLimitCache) {
            producerLimitCache = (long) LONG.getAcquire(segment, PRODUCER);
            if (index >= producerLimitCache) {
                return 0;
            }
        }
        long value = (long) LONG.get(segment, SLOTS + ((index & mask) << 3));
        consumerIndex = index + 1;
        LONG.setRelease(segment, CONSUMER, index + 1);
        return value;
    }
}
