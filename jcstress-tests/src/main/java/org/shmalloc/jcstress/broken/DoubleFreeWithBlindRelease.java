package org.shmalloc.jcstress.broken;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;
import org.shmalloc.jcstress.arena.ArenaShape;
import org.shmalloc.jcstress.scenarios.InvalidFreeRace;

/** InvalidFreeRace.DoubleFree on a tree whose free, when its CAS fails, clears the run without re-checking it */
@JCStressTest
@JCStressMeta(InvalidFreeRace.DoubleFreeOutcomes.class)
@Description("InvalidFreeRace.DoubleFree on a tree whose free, when its CAS fails, clears the run without re-checking it")
@State
public class DoubleFreeWithBlindRelease extends InvalidFreeRace.DoubleFreeRace {
    public DoubleFreeWithBlindRelease() {
        super(ArenaShape.ONE_WORD, 1, 3, BrokenTrees.BLIND_RELEASE);
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
