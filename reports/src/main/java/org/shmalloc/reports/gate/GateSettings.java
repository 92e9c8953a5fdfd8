package org.shmalloc.reports.gate;

/**
 * The gate's thresholds (the {@code compare} command's options; defaults in {@link #defaults()}).
 *
 * @param maxSlowdown    a benchmark whose normalised cost grew by more than this fraction (0.15 =
 *                       15 %) AND whose intervals do not overlap is a regression
 * @param minImprovement likewise for a speed-up: cost shrank to below {@code 1 / (1 + minImprovement)}
 * @param normalise      divide every cost by the floor of its own run (off: compare raw ns/op, which
 *                       is what a noisy shared machine cannot support)
 * @param intervals      which uncertainty each score carries
 * @param failOnMissing  a benchmark of the baseline absent from the new run also fails the gate
 * @param floorRule      how a result's floor is found
 */
public record GateSettings(double maxSlowdown, double minImprovement, boolean normalise, IntervalSource intervals,
                           boolean failOnMissing, FloorRule floorRule) {

    public static final double DEFAULT_MAX_SLOWDOWN = 0.15;
    public static final double DEFAULT_MIN_IMPROVEMENT = 0.15;

    public GateSettings {
        if (!(maxSlowdown >= 0) || !(minImprovement >= 0)) {
            throw new IllegalArgumentException("thresholds must be >= 0, got " + maxSlowdown + " and " + minImprovement);
        }
    }

    public static GateSettings defaults() {
        return new GateSettings(DEFAULT_MAX_SLOWDOWN, DEFAULT_MIN_IMPROVEMENT, true, IntervalSource.UNION, false,
                FloorRule.defaults());
    }
}
