package org.shmalloc.jcstress.broken;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLLLL_Result;
import org.shmalloc.jcstress.scenarios.HelpingRace;

/** HelpingRace on the paused tree without the helping rule: an operation that observes freed space does not cover it */
@JCStressTest
@JCStressMeta(HelpingRace.class)
@Description("HelpingRace on the paused tree without the helping rule: an operation that observes freed space does not cover it")
@State
public class HelpingRaceWithoutHelping extends HelpingRace.Race {
    public HelpingRaceWithoutHelping() {
        super(BrokenTrees.NO_HELPING);
    }

    @Actor
    public void a(LLLLL_Result r) {
        r.r1 = actorA();
    }

    @Actor
    public void b(LLLLL_Result r) {
        actorCThenGThenS(r);
    }

    @Arbiter
    public void arbiter(LLLLL_Result r) {
        r.r5 = verdict();
    }
}
