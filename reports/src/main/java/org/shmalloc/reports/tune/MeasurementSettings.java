package org.shmalloc.reports.tune;

import java.util.Locale;

/**
 * JMH's settings for each candidate: forks x (warmup + measured iterations), run once in
 * Throughput mode and once in SampleTime mode (each in its own fork), with {@code threads} JMH
 * threads over {@code processes} attachments, in an arena {@code occupancy}% full.
 */
public record MeasurementSettings(int forks, int warmups, long warmupMillis, int iterations, long iterationMillis,
                                  int threads, int processes, double occupancy) {

    /** Seconds a fork takes besides its iterations (JVM start, class loading, filling the arena): measured here. */
    static final double FORK_OVERHEAD_SECONDS = 1.3;

    public MeasurementSettings {
        if (forks < 1 || warmups < 0 || iterations < 1 || warmupMillis < 1 || iterationMillis < 1) {
            throw new IllegalArgumentException("need forks >= 1, iterations >= 1, warmups >= 0, positive times");
        }
        if (threads < 1 || processes < 1) {
            throw new IllegalArgumentException("threads and processes must be at least 1");
        }
        if (occupancy < 0 || occupancy >= 100) {
            throw new IllegalArgumentException("occupancy must be in [0, 100), got " + occupancy);
        }
    }

    /** JMH threads: every process runs {@code threads} of them. */
    public int jmhThreads() {
        return threads * processes;
    }

    /** Both modes. */
    public double estimateSeconds() {
        return 2 * forks * (FORK_OVERHEAD_SECONDS + (warmups * warmupMillis + iterations * iterationMillis) / 1000.0);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d fork(s) x (%d warmup x %d ms + %d x %d ms), throughput and sample modes",
                forks, warmups, warmupMillis, iterations, iterationMillis);
    }
}
