package org.shmalloc.internal;

/**
 * The shared 64-bit words of the allocator's trees: the only way the algorithm reads or changes
 * them. Production code uses {@link SegmentWordStore} over the mapped file; tests may run the same
 * algorithm over {@link AtomicWordStore} so that tools that cannot see memory-segment accesses
 * (Lincheck's model checker) still see every shared step.
 */
public interface WordStore {

    /** Number of words. */
    long length();

    /** Load volatile: reads word {@code index}. */
    long lv(long index);

    /** Compare and set with volatile semantics: the only way a published word changes. */
    boolean cas(long index, long expected, long updated);
}
