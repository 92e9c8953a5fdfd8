package org.shmalloc.jcstress.broken;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLLL_Result;
import org.shmalloc.jcstress.arena.ArenaShape;
import org.shmalloc.jcstress.scenarios.DeadRefresherRace;

/** DeadRefresherRace.BlockWord on a tree whose free's cover trusts a TENTATIVE word to claim its class */
@JCStressTest
@JCStressMeta(DeadRefresherRace.class)
@Description("DeadRefresherRace.BlockWord on a tree whose free's cover trusts a TENTATIVE word to claim its class")
@State
public class DeadRefresherWithCoverTrustingTentative extends DeadRefresherRace.Race {
    public DeadRefresherWithCoverTrustingTentative() {
        super(ArenaShape.TWO_BLOCKS, 1, 12, 0, BrokenTrees.COVER_TRUSTING_TENTATIVE);
    }

    @Actor
    public void a(LLLL_Result r) {
        r.r1 = actorA();
    }

    @Actor
    public void b(LLLL_Result r) {
        r.r2 = actorB();
    }

    @Arbiter
    public void arbiter(LLLL_Result r) {
        r.r3 = tentativeWord();
        r.r4 = verdict();
    }
}
