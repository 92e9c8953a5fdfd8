package org.shmalloc.jcstress.broken;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;
import org.shmalloc.jcstress.arena.ArenaShape;
import org.shmalloc.jcstress.scenarios.LastBlockRace;

/** LastBlockRace.OneWord on a tree that claims runs with a plain store instead of a CAS */
@JCStressTest
@JCStressMeta(LastBlockRace.class)
@Description("LastBlockRace.OneWord on a tree that claims runs with a plain store instead of a CAS")
@State
public class LastBlockWithPlainStoreClaim extends LastBlockRace.Race {
    public LastBlockWithPlainStoreClaim() {
        super(ArenaShape.ONE_WORD, 1, 4, BrokenTrees.PLAIN_STORE_CLAIM);
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
