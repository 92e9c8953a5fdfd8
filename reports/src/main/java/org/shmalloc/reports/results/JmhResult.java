package org.shmalloc.reports.results;

import java.util.List;
import java.util.Map;

/**
 * One element of a JMH JSON result file (one benchmark with one set of parameters).
 *
 * @param key       benchmark, mode, threads and params
 * @param forks     JMH's {@code forks}
 * @param primary   the primary metric
 * @param secondary the secondary metrics by name ({@code @AuxCounters}, group members, sample percentiles)
 * @param jvm       JDK version, VM name and version and JVM arguments as JMH recorded them
 * @param source    the file it was read from
 */
public record JmhResult(BenchmarkKey key, int forks, Metric primary, Map<String, Metric> secondary, JvmInfo jvm,
                        String source) {

    public JmhResult {
        secondary = Map.copyOf(secondary);
    }

    /** What JMH records about the JVM that ran a benchmark. */
    public record JvmInfo(String jmhVersion, String jdkVersion, String vmName, String vmVersion, List<String> jvmArgs) {
        public JvmInfo {
            jvmArgs = List.copyOf(jvmArgs);
        }
    }
}
