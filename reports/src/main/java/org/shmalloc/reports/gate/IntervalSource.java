package org.shmalloc.reports.gate;

import org.shmalloc.reports.results.Metric;

/**
 * Which uncertainty a score carries into the gate. JMH's own error treats every measured
 * iteration as independent; on a shared machine successive forks (JVMs) often differ by more than
 * the iterations within one fork, so the spread of the fork means is the other witness. The
 * default takes both: an interval wide enough for either.
 */
public enum IntervalSource {
    /** JMH's {@code scoreConfidence} (99.9 % Student-t over all measured iterations by default). */
    JMH,
    /** From the lowest to the highest fork mean (needs at least two forks). */
    FORKS,
    /**
     * The smallest interval that holds both of the above (the default); with one fork, JMH's alone
     * (which then misses the fork-to-fork noise: run at least two forks).
     */
    UNION;

    /** The interval of {@code metric}'s score, in its own unit; {@code null} when this source knows none. */
    public double[] of(Metric metric) {
        double[] jmh = metric.hasError() ? new double[] {metric.confidenceLo(), metric.confidenceHi()} : null;
        double[] forks = null;
        double[] means = metric.forkMeans();
        if (means.length >= 2) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double mean : means) {
                lo = Math.min(lo, mean);
                hi = Math.max(hi, mean);
            }
            forks = new double[] {lo, hi};
        }
        return switch (this) {
            case JMH -> jmh;
            case FORKS -> forks;
            case UNION -> jmh == null ? forks : forks == null ? jmh
                    : new double[] {Math.min(jmh[0], forks[0]), Math.max(jmh[1], forks[1])};
        };
    }
}
