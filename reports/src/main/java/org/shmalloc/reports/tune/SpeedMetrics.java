package org.shmalloc.reports.tune;

/**
 * A candidate's measured speed: malloc+free pairs of the workload's sizes, by every thread at
 * once, in an arena already partly filled with the workload.
 *
 * @param pairsPerMicro    throughput: pairs per microsecond, summed over the threads (JMH Throughput mode)
 * @param error            JMH's 99.9% confidence half-width of the throughput (NaN if it has none)
 * @param p50Nanos         median latency of one pair, ns (JMH SampleTime mode; includes the timer's ~25 ns)
 * @param p99Nanos         99th percentile, ns
 * @param p999Nanos        99.9th percentile, ns
 * @param failedMallocs    fraction of the measured mallocs that found no fit
 */
public record SpeedMetrics(double pairsPerMicro, double error, double p50Nanos, double p99Nanos, double p999Nanos,
                           double failedMallocs) {
}
