package org.shmalloc.jcstress.broken;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;
import org.shmalloc.jcstress.arena.ArenaShape;
import org.shmalloc.jcstress.scenarios.FreedRegionRace;

/** FreedRegionRace.Remembered on a tree that claims runs with a plain store instead of a CAS */
@JCStressTest
@JCStressMeta(FreedRegionRace.class)
@Description("FreedRegionRace.Remembered on a tree that claims runs with a plain store instead of a CAS")
@State
public class FreedRegionWithPlainStoreClaim extends FreedRegionRace.Race {
    public FreedRegionWithPlainStoreClaim() {
        super(ArenaShape.TWO_LEVELS, 1, 11, false, BrokenTrees.PLAIN_STORE_CLAIM);
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
