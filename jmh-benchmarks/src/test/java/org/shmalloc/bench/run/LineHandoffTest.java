package org.shmalloc.bench.run;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class LineHandoffTest {

    /** Not a speed check: the probe finishes and reports a time per handoff, not a count or infinity. */
    @Test
    void twoCoresReportAFiniteTimePerHandoff() {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs two cores");
        double nanos = LineHandoff.measureNanos();
        assertTrue(nanos > 0 && Double.isFinite(nanos), "measured " + nanos + " ns");
    }
}
