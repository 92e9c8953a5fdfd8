package org.shmalloc.jcstress.broken;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLLLL_Result;
import org.shmalloc.jcstress.scenarios.HelpingRace;

/**
 * HelpingRace on the paused tree with a cover memo that trusts itself: G skips its cover because its
 * cursor covered Y's block in the setup, although C's refresh has lowered the summary since.
 */
@JCStressTest
@JCStressMeta(HelpingRace.class)
@Description("HelpingRace on the paused tree with a cover memo that does not check the block's summary word: "
        + "G skips its cover because its cursor covered the block before")
@State
public class HelpingRaceWithStaleCoverMemo extends HelpingRace.Race {
    public HelpingRaceWithStaleCoverMemo() {
        super(BrokenTrees.STALE_COVER_MEMO);
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
