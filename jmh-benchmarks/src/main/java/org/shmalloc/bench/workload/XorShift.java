package org.shmalloc.bench.workload;

/** A xorshift64* generator: a few ns per number, deterministic from its seed, for one thread. */
public final class XorShift {

    private long state;

    public XorShift(long seed) {
        this.state = seed == 0 ? 0x9E37_79B9_7F4A_7C15L : seed;
    }

    public long nextLong() {
        long x = state;
        x ^= x >>> 12;
        x ^= x << 25;
        x ^= x >>> 27;
        state = x;
        return x * 0x2545_F491_4F6C_DD1DL;
    }

    /** Uniform in [0, bound), bound > 0. */
    public int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }
}
