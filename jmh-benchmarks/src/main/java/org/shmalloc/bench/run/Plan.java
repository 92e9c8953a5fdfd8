package org.shmalloc.bench.run;

import java.util.List;

import org.shmalloc.bench.proc.ProcessBench;

/**
 * What a profile runs: JMH cases with one timing, then process-harness specs with theirs.
 *
 * @param name      quick, ci, full or smoke
 * @param jmh       forks and iterations of every JMH case
 * @param cases     the JMH runs, in order
 * @param processes the multi-process runs, after the JMH ones
 * @param processTiming forks and iterations of the multi-process runs
 */
public record Plan(String name, JmhTiming jmh, List<Case> cases, List<ProcessBench.Spec> processes,
                   ProcessBench.Timing processTiming) {

    /** Forks and iterations, as JMH's -f -wi -w -i -r options. */
    public record JmhTiming(int forks, int warmups, int warmupMillis, int iterations, int iterationMillis) {

        /** JVM start, JMH handshake and teardown per fork, measured here: ~0.7 s. */
        static final double FORK_OVERHEAD_SECONDS = 0.7;

        public double estimateSeconds(Case c) {
            return forks * (FORK_OVERHEAD_SECONDS + c.setupSeconds()
                    + (warmups * warmupMillis + iterations * iterationMillis) / 1000.0);
        }

        @Override
        public String toString() {
            return forks + " forks x (" + warmups + " warmup x " + warmupMillis + " ms + " + iterations + " x "
                    + iterationMillis + " ms)";
        }
    }

    public double estimateSeconds() {
        return cases.stream().mapToDouble(jmh::estimateSeconds).sum()
                + processes.size() * processTiming.estimateSeconds();
    }
}
