package org.shmalloc.reports.tune;

import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The named workloads of {@code tune --mix}, as exact distributions (so their percentiles and drop
 * fractions are exact, and the replay samples them with a fixed seed). Sizes are absolute, not
 * relative to a config: every candidate sees the same requests.
 */
public enum SyntheticMix {

    /** Uniform in 1..4096 bytes (the benchmark suite's {@code uniform} for its default config). */
    UNIFORM("uniform: 1..4096 bytes, uniform") {
        @Override
        void fill(SortedMap<Long, Double> weights) {
            band(weights, 1, 4096, 1.0);
        }
    },
    /**
     * Path names (what the C library was made for): 85% uniform in 32..256 bytes, 15% a long tail,
     * log-uniform from 257 bytes to 4 KiB (PATH_MAX), as the suite's {@code paths} mix.
     */
    PATHS("paths: 85% 32..256 bytes uniform, 15% log-uniform 257..4095 bytes") {
        @Override
        void fill(SortedMap<Long, Double> weights) {
            band(weights, 32, 256, 0.85);
            // floor(exp(U(ln 257, ln 4096))): size s has probability ln((s+1)/s) / ln(4096/257)
            double span = Math.log(4096.0 / 257);
            for (long s = 257; s <= 4095; s++) {
                weights.merge(s, 0.15 * Math.log((s + 1.0) / s) / span, Double::sum);
            }
        }
    },
    /** Two kinds of record: 70% small ones of 16..64 bytes (keys, headers), 30% of 2..8 KiB (pages, blobs). */
    BIMODAL("bimodal: 70% 16..64 bytes, 30% 2048..8192 bytes, each uniform") {
        @Override
        void fill(SortedMap<Long, Double> weights) {
            band(weights, 16, 64, 0.70);
            band(weights, 2048, 8192, 0.30);
        }
    };

    private final String description;

    SyntheticMix(String description) {
        this.description = description;
    }

    abstract void fill(SortedMap<Long, Double> weights);

    /** Spreads {@code probability} evenly over the sizes {@code lo..hi}. */
    private static void band(SortedMap<Long, Double> weights, long lo, long hi, double probability) {
        double each = probability / (hi - lo + 1);
        for (long s = lo; s <= hi; s++) {
            weights.merge(s, each, Double::sum);
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    public Workload workload() {
        SortedMap<Long, Double> weights = new TreeMap<>();
        fill(weights);
        return Workload.histogram("mix " + label(), description, weights);
    }

    /** The mix named {@code name} (any case). */
    public static SyntheticMix named(String name) {
        for (SyntheticMix mix : values()) {
            if (mix.label().equals(name.strip().toLowerCase(Locale.ROOT))) {
                return mix;
            }
        }
        throw new IllegalArgumentException("unknown mix '" + name + "': use uniform, paths or bimodal");
    }
}
