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
import org.openjdk.jcstress.infra.results.LLLL_Result;
import org.shmalloc.internal.BuddyTree;
import org.shmalloc.jcstress.arena.ArenaShape;
import org.shmalloc.jcstress.arena.MiniArena;
import org.shmalloc.jcstress.arena.PausingTree;
import org.shmalloc.jcstress.arena.TreeFactory;

/**
 * A NULL after another operation has observed a free that has not covered the summary yet.
 * Between a free's CAS and its cover the region is free and unclaimed; the contract lets a NULL
 * that trusted the summary be ordered before such a free (invariant C exempts frees that have not
 * returned). Here that order is ruled out: B first mallocs class 0 with a cursor whose hint points
 * at Y's word (G: the fast path, which reads no summary) and gets half of Y only if A's free came
 * first, then mallocs class 0 again with a fresh cursor (S: through the summary). If G got half of
 * Y and S returned NULL, no linearization exists: A's free precedes G (G got memory only that free
 * released), G precedes S (one thread), and the other half of Y stayed free throughout S.
 *
 * <p>(5,9) x 1: unit 0 taken by B's cursor, unit 1 by the setup, units 2-15 in class-1 blocks; Y =
 * units 8-9 (offsets 256 and 288). Results: A's free, G's offset, S's offset, the verdict.
 */
@Outcome(id = "free:1, NULL, NULL, ok", expect = ACCEPTABLE, desc = "A's free ordered after both mallocs")
@Outcome(id = "free:1, NULL, 256, ok", expect = ACCEPTABLE, desc = "A's free between G and S: S found half of Y")
@Outcome(id = "free:1, 256, 288, ok", expect = ACCEPTABLE, desc = "A's free before both: G and S got the two halves of Y")
@Outcome(id = "free:1, 256, NULL, .*", expect = FORBIDDEN, desc = "not linearizable: G got half of Y (so A's free "
        + "came first), then S found nothing though the other half was free: the summary did not claim it yet")
@Outcome(expect = FORBIDDEN, desc = "wrong result, or the arbiter found the tree or the summary inconsistent")
public class CoverLagRace {

    public abstract static class Race {
        final MiniArena arena;
        final long y;
        final BuddyTree.Cursor cursorG;
        int freedA;
        long unitG;
        long unitS;

        protected Race(TreeFactory trees) {
            arena = new MiniArena(ArenaShape.ONE_WORD, trees);
            cursorG = arena.cursor(0);
            arena.expect(arena.take(0, cursorG), 0); // leaves G's hint for class 0 at the block's word
            arena.take(0);
            y = FullArena.fill(arena, 1).get(3);
            arena.expect(8, 1);
            arena.setupDone();
        }

        protected String actorA() {
            freedA = arena.tree.free(y);
            return MiniArena.freed(freedA);
        }

        /** G then S, on one thread. */
        protected void actorB(LLLL_Result r) {
            unitG = arena.tree.allocate(0, cursorG);
            unitS = arena.tree.allocate(0, arena.cursor(0));
            r.r2 = arena.offset(unitG);
            r.r3 = arena.offset(unitS);
        }

        protected String verdict() {
            long stillFree = 2 - (unitG >= 0 ? 1 : 0) - (unitS >= 0 ? 1 : 0);
            return arena.audit()
                    .freed(y)
                    .allocated(unitG, 0)
                    .allocated(unitS, 0)
                    .check(freedA == 1, "A's free of Y returned " + MiniArena.freed(freedA))
                    .check(unitG < 0 || unitG == 8, "G got " + arena.offset(unitG) + ", not the first half of Y")
                    .check(unitS < 0 || unitS == 8 || unitS == 9, "S got " + arena.offset(unitS) + ", not in Y")
                    .mallocAfterwards(0, stillFree > 0)
                    .verdict();
        }
    }

    @JCStressTest
    @JCStressMeta(CoverLagRace.class)
    @Description("A frees Y; B mallocs class 0 by its hint into Y's word, then through the summary")
    @State
    public static class HintThenSearch extends Race {
        public HintThenSearch() {
            super(TreeFactory.CORRECT);
        }

        @Actor
        public void a(LLLL_Result r) {
            r.r1 = actorA();
        }

        @Actor
        public void b(LLLL_Result r) {
            actorB(r);
        }

        @Arbiter
        public void arbiter(LLLL_Result r) {
            r.r4 = verdict();
        }
    }

    @JCStressTest
    @JCStressMeta(CoverLagRace.class)
    @Description("HintThenSearch on the correct tree paused at random where the protocol has windows "
            + "(PausingTree): among them, between the free's CAS and its cover")
    @State
    public static class HintThenSearchPaused extends Race {
        public HintThenSearchPaused() {
            super(PausingTree.FACTORY);
        }

        @Actor
        public void a(LLLL_Result r) {
            r.r1 = actorA();
        }

        @Actor
        public void b(LLLL_Result r) {
            actorB(r);
        }

        @Arbiter
        public void arbiter(LLLL_Result r) {
            r.r4 = verdict();
        }
    }
}
