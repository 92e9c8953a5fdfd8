package org.shmalloc;

import java.util.random.RandomGenerator;

/** Request sizes for tests. */
final class Sizes {

    private Sizes() {
    }

    /** 1..max, log-uniform: every size class is about as likely as any other. */
    static long random(RandomGenerator random, long max) {
        int bits = random.nextInt(64 - Long.numberOfLeadingZeros(max));
        return Math.min(max, 1 + random.nextLong(1L << bits));
    }

    /** The usable size the allocator must give a request of {@code size}: the class that holds it. */
    static long classSize(long size, long min) {
        return size <= min ? min : Long.highestOneBit(size - 1) << 1;
    }
}
