package org.shmalloc.bench.workload;

import java.util.Locale;

/**
 * The request sizes of a benchmark ({@code sizes} parameter), drawn ahead of time into a table so
 * that the measured loop only reads an array:
 * <ul>
 *   <li>{@code min}, {@code mid}, {@code max}: one size class (the smallest, the middle one, the
 *       largest): every request is exactly that block size;</li>
 *   <li>{@code uniform}: uniform in 1..max bytes;</li>
 *   <li>{@code paths}: "path names": 85% uniform in 32..256 bytes, 15% a long tail, log-uniform
 *       from 257 bytes to the largest block (capped at max);</li>
 *   <li>{@code orders}: a size class chosen uniformly (so small and large blocks are equally
 *       likely), every request exactly a block size: the NBBS papers' "several orders".</li>
 * </ul>
 */
public final class SizeMix {

    /** Table length: a power of two, large enough that the period does not show. */
    public static final int TABLE = 1 << 14;

    /** The mixes {@link #table} knows. */
    public static final java.util.List<String> NAMES = java.util.List.of("min", "mid", "max", "uniform", "paths",
            "orders");

    private SizeMix() {
    }

    public static int[] table(String mix, ArenaParams arena, long seed) {
        XorShift random = new XorShift(seed * 0x9E37_79B9_7F4A_7C15L + 1);
        int minExp = arena.config().minExponent();
        int maxExp = arena.config().maxExponent();
        long max = 1L << maxExp;
        int[] sizes = new int[TABLE];
        String name = mix.trim().toLowerCase(Locale.ROOT);
        for (int i = 0; i < TABLE; i++) {
            long size = switch (name) {
                case "min" -> 1L << minExp;
                case "mid" -> 1L << ((minExp + maxExp) / 2);
                case "max" -> max;
                case "uniform" -> 1 + (long) (random.nextDouble() * max);
                case "paths" -> pathName(random, max);
                case "orders" -> 1L << (minExp + random.nextInt(maxExp - minExp + 1));
                default -> throw new IllegalArgumentException("unknown sizes '" + mix
                        + "': use min, mid, max, uniform, paths or orders");
            };
            sizes[i] = (int) Math.min(max, Math.max(1, size));
        }
        return sizes;
    }

    private static long pathName(XorShift random, long max) {
        if (random.nextDouble() < 0.85 || max <= 256) {
            return 32 + random.nextInt(256 - 32 + 1);
        }
        double logLow = Math.log(257);
        double logHigh = Math.log(max);
        return (long) Math.exp(logLow + random.nextDouble() * (logHigh - logLow));
    }
}
