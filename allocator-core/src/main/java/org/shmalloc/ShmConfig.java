package org.shmalloc;

/**
 * The size classes and capacity of an arena: blocks of {@code 2^minExponent} to
 * {@code 2^maxExponent} bytes, and {@code arenaBytes} of allocatable space (rounded down to whole
 * blocks of {@code 2^maxExponent} bytes). Stored in the file and checked on every attach.
 *
 * @param minExponent log2 of the smallest block, at least 3
 * @param maxExponent log2 of the largest block, at most 30 and at most {@code minExponent + 16}
 * @param arenaBytes  allocatable bytes, at least one largest block, at most 2^44 (16 TiB)
 */
public record ShmConfig(int minExponent, int maxExponent, long arenaBytes) {

    public static final int MIN_EXPONENT_LIMIT = 3;
    public static final int MAX_EXPONENT_LIMIT = 30;
    public static final int MAX_CLASS_SPREAD = 16;
    public static final long MAX_ARENA_BYTES = 1L << 44;

    public ShmConfig {
        if (minExponent < MIN_EXPONENT_LIMIT || maxExponent > MAX_EXPONENT_LIMIT || minExponent >= maxExponent
                || maxExponent - minExponent > MAX_CLASS_SPREAD) {
            throw new IllegalArgumentException("invalid exponents (" + minExponent + ", " + maxExponent
                    + "): need " + MIN_EXPONENT_LIMIT + " <= minExponent < maxExponent <= " + MAX_EXPONENT_LIMIT
                    + " and maxExponent - minExponent <= " + MAX_CLASS_SPREAD);
        }
        if (arenaBytes < (1L << maxExponent) || arenaBytes > MAX_ARENA_BYTES) {
            throw new IllegalArgumentException("invalid arenaBytes " + arenaBytes + ": need at least one block of "
                    + (1L << maxExponent) + " bytes and at most " + MAX_ARENA_BYTES);
        }
    }

    /** 32 B to 4096 B blocks in a 256 MiB arena. */
    public static ShmConfig defaults() {
        return new ShmConfig(5, 12, 256L << 20);
    }

    /** Whole blocks of {@code 2^maxExponent} bytes. */
    public long blockCount() {
        return arenaBytes >>> maxExponent;
    }
}
