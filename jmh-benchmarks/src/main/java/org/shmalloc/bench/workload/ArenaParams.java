package org.shmalloc.bench.workload;

import java.util.Locale;

import org.shmalloc.ShmConfig;

/**
 * Parses the {@code config} ("5-12": minExponent-maxExponent) and {@code arena} ("64M", "256M",
 * "1G", "16G") parameters into a {@link ShmConfig}, and does the buddy-block arithmetic the
 * workloads need to track occupancy.
 */
public record ArenaParams(ShmConfig config) {

    public static ArenaParams of(String exponents, String arena) {
        String[] parts = exponents.split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("config must be MIN-MAX, e.g. 5-12, got " + exponents);
        }
        return new ArenaParams(new ShmConfig(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                bytes(arena)));
    }

    /** "64M" -> 67108864; suffixes K, M, G, T (powers of 1024); no suffix means bytes. */
    public static long bytes(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        int shift = switch (t.charAt(t.length() - 1)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            default -> 0;
        };
        String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
        return Long.parseLong(digits) << shift;
    }

    public long minBytes() {
        return 1L << config.minExponent();
    }

    public long maxBytes() {
        return 1L << config.maxExponent();
    }

    /** Bytes the buddy allocator spends on a request of {@code size}: its block. */
    public long blockBytes(long size) {
        long block = size <= 1 ? 1 : Long.highestOneBit(size - 1) << 1;
        return Math.max(minBytes(), block);
    }

    /** Allocatable bytes: whole max-size blocks, less the reserved NULL unit. */
    public long capacity() {
        return config.blockCount() * maxBytes() - minBytes();
    }

    /** Most blocks of the smallest class that can be alive at once. */
    public long maxLiveBlocks() {
        return capacity() / minBytes();
    }
}
