package org.shmalloc.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Secondary results of the benchmarks whose mallocs may fail (high occupancy, churn, threads):
 * how many mallocs were attempted and how many returned NULL in each iteration, summed over the
 * threads. A score means little without them: a failed malloc costs a different amount of work
 * than a successful one.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class MallocOutcomes {

    /** Mallocs attempted in this iteration. */
    public long mallocs;
    /** Mallocs that returned NULL (no fit) in this iteration. */
    public long failedMallocs;

    @Setup(Level.Iteration)
    public void reset() {
        mallocs = 0;
        failedMallocs = 0;
    }

    /** Counts one malloc and returns its result. */
    long count(long handle) { // not public: JMH would read a public method as a counter
        mallocs++;
        if (handle == 0) {
            failedMallocs++;
        }
        return handle;
    }
}
