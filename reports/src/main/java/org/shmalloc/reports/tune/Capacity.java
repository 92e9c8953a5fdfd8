package org.shmalloc.reports.tune;

import org.shmalloc.ShmConfig;
import org.shmalloc.internal.ArenaLayout;

/**
 * How big each candidate's arena is: the same allocatable bytes for every config
 * ({@link #arena}), or the most allocatable bytes whose whole file (data, tree words, header)
 * fits a memory budget ({@link #budget}), so that a config that spends more on metadata gets
 * less room for data, as it would on the user's machine.
 */
public record Capacity(long bytes, boolean isBudget) {

    public Capacity {
        if (bytes <= 0) {
            throw new IllegalArgumentException("the arena size or budget must be positive, got " + bytes);
        }
    }

    public static Capacity arena(long arenaBytes) {
        return new Capacity(arenaBytes, false);
    }

    public static Capacity budget(long fileBytes) {
        return new Capacity(fileBytes, true);
    }

    /**
     * The config of (min, max) under this capacity.
     *
     * @throws IllegalArgumentException naming the reason when there is none: the exponents break the
     *                                  core's limits, or not even one block of {@code 2^max} bytes fits
     */
    public ShmConfig configFor(int min, int max) {
        if (!isBudget) {
            return new ShmConfig(min, max, bytes); // checks every limit
        }
        new ShmConfig(min, max, 1L << max); // the exponents' limits, with a message naming them
        long lo = 1;
        long hi = Math.min(bytes, ShmConfig.MAX_ARENA_BYTES) >>> max;
        if (hi < 1 || fileBytes(min, max, 1) > bytes) {
            throw new IllegalArgumentException("a budget of " + Bytes.binary(bytes) + " cannot hold the file of one "
                    + Bytes.binary(1L << max) + " block");
        }
        while (lo < hi) { // the most blocks whose file fits; file size grows with the block count
            long mid = lo + (hi - lo + 1) / 2;
            if (fileBytes(min, max, mid) <= bytes) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return new ShmConfig(min, max, lo << max);
    }

    private static long fileBytes(int min, int max, long blocks) {
        return new ArenaLayout(new ShmConfig(min, max, blocks << max)).fileSize;
    }

    public String describe() {
        return isBudget ? "memory budget " + Bytes.binary(bytes) + " per file (data + metadata)"
                : "arena " + Bytes.binary(bytes) + " of data per config";
    }
}
