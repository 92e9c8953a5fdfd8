package org.shmalloc.reports.tune;

/**
 * How the ranking weighs its terms; see {@link Ranking}.
 *
 * @param speed   weight of the relative throughput (fastest = 1): the most efficiency, as a fraction
 *                of the best, that speed can buy
 * @param drops   weight of the fraction of requests dropped (larger than the largest block)
 * @param noise   relative timing noise: a smaller throughput lead never changes the recommendation
 * @param maxDrop the largest fraction of dropped requests a recommendable config may have
 */
public record Weights(double speed, double drops, double noise, double maxDrop) {

    public static final double DEFAULT_SPEED = 0.04;
    public static final double DEFAULT_DROPS = 5;
    public static final double DEFAULT_NOISE = 0.15;

    public Weights {
        for (double w : new double[] {speed, drops, noise, maxDrop}) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be finite and non-negative");
            }
        }
    }

    public static Weights defaults() {
        return new Weights(DEFAULT_SPEED, DEFAULT_DROPS, DEFAULT_NOISE, 0);
    }
}
