package org.shmalloc.reports.results;

import java.util.Arrays;
import java.util.Map;

/**
 * One JMH metric (the primary one or a secondary one) as JMH wrote it, plus what the raw data says
 * about each fork.
 *
 * @param score        JMH's score: the mean over all measured iterations of all forks
 * @param error        JMH's half-width of {@code confidence} (99.9 % by default); NaN when JMH had
 *                     too few iterations to estimate it
 * @param confidenceLo JMH's {@code scoreConfidence[0]}
 * @param confidenceHi JMH's {@code scoreConfidence[1]}
 * @param unit         JMH's unit, e.g. {@code ops/us} or {@code ns/op}
 * @param forkMeans    mean of each fork's measured iterations, from {@code rawData} (or
 *                     {@code rawDataHistogram} in sample mode); empty when the JSON has no raw data
 * @param iterations   measured iterations over all forks (0 when unknown)
 * @param percentiles  JMH's {@code scorePercentiles}: percentile (0..100) to value
 */
public record Metric(double score, double error, double confidenceLo, double confidenceHi, String unit,
                     double[] forkMeans, int iterations, Map<Double, Double> percentiles) {

    public Metric {
        forkMeans = forkMeans.clone();
        percentiles = Map.copyOf(percentiles);
    }

    @Override
    public double[] forkMeans() {
        return forkMeans.clone();
    }

    public int forks() {
        return forkMeans.length;
    }

    /** True when JMH could estimate an error for this score. */
    public boolean hasError() {
        return Double.isFinite(error);
    }

    @Override
    public String toString() {
        return score + " ± " + error + " " + unit + " (forks " + Arrays.toString(forkMeans) + ")";
    }
}
