package org.shmalloc.reports.gate;

/** What the gate concludes about one benchmark. Only {@link #REGRESSION} fails the gate. */
public enum Verdict {
    /** Slower by more than the threshold, and the intervals do not overlap. */
    REGRESSION("regression"),
    /** Faster by more than the threshold, and the intervals do not overlap. */
    IMPROVEMENT("improvement"),
    /** Within the threshold, or the intervals overlap (noise). */
    UNCHANGED("unchanged"),
    /** No error estimate, no floor, or not a time/throughput unit: shown, never flagged. */
    NOT_COMPARED("not compared"),
    /** The floor itself: the yardstick, not gated (its raw ratio tells how the machine differed). */
    FLOOR("floor"),
    /** In the baseline, not in the new run. */
    MISSING("missing"),
    /** In the new run, not in the baseline. */
    ADDED("new");

    public final String label;

    Verdict(String label) {
        this.label = label;
    }
}
