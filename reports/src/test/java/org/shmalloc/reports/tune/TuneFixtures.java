package org.shmalloc.reports.tune;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** A small real sweep (memory replayed, speeds from a stand-in) for the page and browser tests. */
public final class TuneFixtures {

    private TuneFixtures() {
    }

    /** The paths mix over min 4..6 x max 11..13 in 4 MiB arenas; throughput falls with the tree's depth. */
    public static Sweep.Result pathsSweep(Path dir) throws IOException {
        Workload w = SyntheticMix.PATHS.workload();
        CandidateGrid.Plan plan = CandidateGrid.of(new ExponentRange(4, 6), new ExponentRange(11, 13),
                Capacity.arena(4L << 20));
        SpeedProbe probe = new TuneSweepTest.StubProbe(c -> 40.0 / (c.maxExponent() - c.minExponent()));
        return Sweep.run(w, plan, probe, Weights.defaults(), 1, 2, dir, dir.resolve("requests.txt"),
                new PrintWriter(new StringWriter()));
    }
}
