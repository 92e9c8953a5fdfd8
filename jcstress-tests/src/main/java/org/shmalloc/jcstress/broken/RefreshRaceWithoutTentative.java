package org.shmalloc.jcstress.broken;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;
import org.shmalloc.jcstress.arena.ArenaShape;
import org.shmalloc.jcstress.scenarios.SummaryRefreshRace;

/** SummaryRefreshRace.OneBlock on a tree whose refresh lowers the summary word without marking it TENTATIVE first */
@JCStressTest
@JCStressMeta(SummaryRefreshRace.class)
@Description("SummaryRefreshRace.OneBlock on a tree whose refresh lowers the summary word without marking it TENTATIVE first")
@State
public class RefreshRaceWithoutTentative extends SummaryRefreshRace.Race {
    public RefreshRaceWithoutTentative() {
        super(ArenaShape.ONE_WORD, 1, 4, BrokenTrees.REFRESH_WITHOUT_TENTATIVE);
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
