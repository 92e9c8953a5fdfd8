package org.shmalloc.jcstress.scenarios;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLLLL_Result;
import org.shmalloc.jcstress.arena.MiniArena;
import org.shmalloc.jcstress.arena.PausingTree;
import org.shmalloc.jcstress.arena.TreeFactory;

/**
 * Why an operation that observes freed space must cover it (the helping rule), although every
 * free covers the summary before and after its CAS. A frees Y: its first cover makes the full
 * arena's summary claim Y's class; C's request for all of Y finds Y still taken and its refresh
 * lowers the word again; then A's CAS frees Y. Until A's second cover nothing claims Y. Then
 * the same thread mallocs half of Y by its hint (G: no summary read), then the other half through
 * the summary (S). C, G and S run on one thread B (jcstress runs no more actors than CPUs). If G
 * got half of Y and S returned NULL, no linearization exists (as in {@link CoverLagRace}): G saw
 * A's free, so A precedes G, and the other half of Y stayed free throughout S.
 *
 * <p>(5,9) x 1 as in CoverLagRace: unit 0 is B's, unit 1 the setup's, units 2-15 in class-1
 * blocks; Y = units 8-9 (offsets 256 and 288). Results: A's free, C's offset, G's, S's, verdict.
 */
@Outcome(id = "free:1, 256, NULL, NULL, ok", expect = ACCEPTABLE, desc = "C took all of Y after A's free")
@Outcome(id = "free:1, NULL, NULL, NULL, ok", expect = ACCEPTABLE, desc = "C before A's free, G and S before it too")
@Outcome(id = "free:1, NULL, NULL, 256, ok", expect = ACCEPTABLE, desc = "A's free between G and S")
@Outcome(id = "free:1, NULL, 256, 288, ok", expect = ACCEPTABLE, desc = "A's free before G: G and S got the halves of Y")
@Outcome(id = "free:1, .*, 256, NULL, .*", expect = FORBIDDEN, desc = "not linearizable: G got half of Y, then S "
        + "found nothing though the other half was free (C's refresh had lowered the summary under A's free)")
@Outcome(expect = FORBIDDEN, desc = "wrong result, or the arbiter found the tree or the summary inconsistent")
public class HelpingRace {

    /** CoverLagRace's arena, free and G; B asks for all of Y first (C). */
    public abstract static class Race extends CoverLagRace.Race {
        long unitC;

        protected Race(TreeFactory trees) {
            super(trees);
        }

        /** C, G then S, on one thread. */
        protected void actorCThenGThenS(LLLLL_Result r) {
            unitC = arena.tree.allocate(1, arena.cursor(0));
            r.r2 = arena.offset(unitC);
            unitG = arena.tree.allocate(0, cursorG);
            unitS = arena.tree.allocate(0, arena.cursor(0));
            r.r3 = arena.offset(unitG);
            r.r4 = arena.offset(unitS);
        }

        @Override
        protected String verdict() {
            long stillFree = 2 - (unitC >= 0 ? 2 : 0) - (unitG >= 0 ? 1 : 0) - (unitS >= 0 ? 1 : 0);
            return arena.audit()
                    .freed(y)
                    .allocated(unitC, 1)
                    .allocated(unitG, 0)
                    .allocated(unitS, 0)
                    .check(freedA == 1, "A's free of Y returned " + MiniArena.freed(freedA))
                    .check(unitC < 0 || unitC == 8, "C got " + arena.offset(unitC) + ", not Y")
                    .check(unitG < 0 || unitG == 8, "G got " + arena.offset(unitG) + ", not the first half of Y")
                    .check(unitS < 0 || unitS == 8 || unitS == 9, "S got " + arena.offset(unitS) + ", not in Y")
                    .mallocAfterwards(0, stillFree > 0)
                    .verdict();
        }
    }

    @JCStressTest
    @JCStressMeta(HelpingRace.class)
    @Description("A frees Y; B asks for all of Y (C), mallocs half of Y by its hint (G), then through the summary "
            + "(S); on the tree paused in the protocol's windows (PausingTree)")
    @State
    public static class HintThenSearchPaused extends Race {
        public HintThenSearchPaused() {
            super(PausingTree.FACTORY);
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
}
