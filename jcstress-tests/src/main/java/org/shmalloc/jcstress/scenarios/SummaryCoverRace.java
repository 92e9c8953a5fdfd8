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
import org.openjdk.jcstress.infra.results.LLL_Result;
import org.shmalloc.jcstress.arena.ArenaShape;
import org.shmalloc.jcstress.arena.MiniArena;
import org.shmalloc.jcstress.arena.TreeFactory;

/**
 * Two frees in two blocks cover the summary words above them at once. (3,5) x 65: block 0 holds
 * one whole-block allocation X (class 2), blocks 1-64 two class-1 blocks each; the arena is full
 * and its summary claims nothing. A frees X, B frees Y (class 1, in another block). Their covers
 * meet on the shared words (the group word over blocks 0-63 and the root, or the root alone), each
 * adding its own class bit by CAS; if B's bit lands first, A must still add the larger class 2.
 *
 * <p>Results: A's free, B's free, the arbiter's verdict. The arbiter checks that every word above
 * X's block claims class 2 and every word above Y's claims class 1, and that mallocs of class 2,
 * then 1 succeed, and of class 0 then fails.
 */
@Outcome(id = "free:2, free:1, ok", expect = ACCEPTABLE, desc = "both freed; every level claims both classes")
@Outcome(expect = FORBIDDEN, desc = "wrong free result, or the arbiter found the tree or the summary inconsistent "
        + "(a level that lost a class, a malloc that fails though a block of its class is free)")
public class SummaryCoverRace {

    public abstract static class Race {
        final MiniArena arena;
        final long x;
        final long y;
        int freedA;
        int freedB;

        /** Y is the {@code pick}-th class-1 block (blocks 1-64 hold two each, so block 1 + pick / 2). */
        protected Race(int pick, TreeFactory trees) {
            arena = new MiniArena(ArenaShape.MANY_TINY, trees);
            x = arena.take(2);
            arena.expect(0, 2);
            y = FullArena.fill(arena, 1).get(pick);
            arena.setupDone();
        }

        protected String actorA() {
            freedA = arena.tree.free(x);
            return MiniArena.freed(freedA);
        }

        protected String actorB() {
            freedB = arena.tree.free(y);
            return MiniArena.freed(freedB);
        }

        protected String verdict() {
            return arena.audit()
                    .freed(x)
                    .freed(y)
                    .summaryClaims(x, 2)
                    .summaryClaims(y, 1)
                    .mallocAfterwards(2, true)
                    .mallocAfterwards(1, true)
                    .mallocAfterwards(0, false)
                    .verdict();
        }
    }

    @JCStressTest
    @JCStressMeta(SummaryCoverRace.class)
    @Description("(3,5) x 65: A frees X (class 2, block 0), B frees Y (class 1, units 4-5 in block 1): "
            + "both covers CAS their block word, then the same group word, then the root")
    @State
    public static class SameGroup extends Race {
        public SameGroup() {
            super(0, TreeFactory.CORRECT);
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

    @JCStressTest
    @JCStressMeta(SummaryCoverRace.class)
    @Description("(3,5) x 65: A frees X (class 2, block 0), B frees Y (class 1, units 256-257 in block 64): "
            + "the covers go up different group words and meet at the root")
    @State
    public static class AcrossGroups extends Race {
        public AcrossGroups() {
            super(126, TreeFactory.CORRECT);
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
}
