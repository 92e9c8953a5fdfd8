package org.shmalloc.reports.tune;

import java.nio.file.Path;

/** Measures the speed of one candidate config on the workload (JMH in the tool; stand-ins in tests). */
public interface SpeedProbe {

    /**
     * @param candidate the config
     * @param requests  the workload's first requests, one size per line, in order
     * @return the measured speed
     * @throws Exception when the measurement failed; the sweep records it and goes on
     */
    SpeedMetrics measure(Candidate candidate, Path requests) throws Exception;

    /** Rough seconds one {@link #measure} takes, for the progress line's estimate. */
    double estimateSeconds();

    /** What and how it measures, for the report. */
    String describe();
}
