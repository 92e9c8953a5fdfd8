package org.shmalloc.jcstress.broken;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;
import org.shmalloc.jcstress.arena.ArenaShape;
import org.shmalloc.jcstress.scenarios.ParentChildRace;

/** ParentChildRace.StalePin on a tree whose unpin reads the parent after checking the child */
@JCStressTest
@JCStressMeta(ParentChildRace.class)
@Description("ParentChildRace.StalePin on a tree whose unpin reads the parent after checking the child")
@State
public class StalePinWithLateParentUnpin extends ParentChildRace.Race {
    public StalePinWithLateParentUnpin() {
        super(ArenaShape.TWO_LEVELS, 4, 0, 1, true, BrokenTrees.LATE_PARENT_UNPIN);
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
