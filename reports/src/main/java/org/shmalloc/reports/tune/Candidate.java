package org.shmalloc.reports.tune;

import org.shmalloc.ShmConfig;
import org.shmalloc.internal.ArenaLayout;

/** One (minExponent, maxExponent) config of the sweep, with the arena bytes its capacity rule gave it. */
public record Candidate(ShmConfig config) {

    public int minExponent() {
        return config.minExponent();
    }

    public int maxExponent() {
        return config.maxExponent();
    }

    /** {@code 5-12}: the benchmark suite's name for a config. */
    public String label() {
        return minExponent() + "-" + maxExponent();
    }

    /** {@code (5, 12)}. */
    public String pair() {
        return "(" + minExponent() + ", " + maxExponent() + ")";
    }

    /** {@code 32 B–4 KiB}. */
    public String blockRange() {
        return Bytes.binary(1L << minExponent()) + "–" + Bytes.binary(1L << maxExponent());
    }

    /** The file as {@link ArenaLayout} lays it out: data, tree words, header. */
    public ArenaLayout layout() {
        return new ArenaLayout(config);
    }
}
