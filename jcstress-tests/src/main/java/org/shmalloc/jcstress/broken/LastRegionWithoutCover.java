package org.shmalloc.jcstress.broken;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;
import org.shmalloc.jcstress.arena.ArenaShape;
import org.shmalloc.jcstress.scenarios.LastRegionRace;

/** LastRegionRace.OnlyTheFreedRegion on a tree whose free does not make the space summary claim what it freed */
@JCStressTest
@JCStressMeta(LastRegionRace.OnlyRegionOutcomes.class)
@Description("LastRegionRace.OnlyTheFreedRegion on a tree whose free does not make the space summary claim what it freed")
@State
public class LastRegionWithoutCover extends LastRegionRace.Race {
    public LastRegionWithoutCover() {
        super(ArenaShape.MANY_TINY, -1, 80, BrokenTrees.NO_COVER);
    }

    @Actor
    public void a(LLL_Result r) {
        r.r1 = actorA();
    }

    @Actor
    public void b(LLL_Result r) {
        r.r2 = actorB();
    }

    @Arbiter
    public void arbiter(LLL_Result r) {
        r.r3 = verdict();
    }
}
