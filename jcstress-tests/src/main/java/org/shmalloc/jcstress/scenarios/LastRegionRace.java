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
import org.shmalloc.internal.BuddyTree;
import org.shmalloc.jcstress.arena.ArenaShape;
import org.shmalloc.jcstress.arena.MiniArena;
import org.shmalloc.jcstress.arena.TreeFactory;

/**
 * A malloc that needs the last free region races the free that creates another, in another block:
 * the malloc finds regions only through the summary, so the free's cover decides whether its
 * region can be found. The arena is full of class-1 blocks and its summary exact, except,
 * in some configurations, for one free region R in another block; A mallocs class 1, starting its
 * search at Y's block; B frees Y. Once both are done, the arbiter's malloc must find the region A
 * did not take, if any (never a NULL once the free has returned), after which one more must fail.
 *
 * <p>Results: A's offset, B's free, the arbiter's verdict.
 */
public class LastRegionRace {

    public abstract static class Race {
        final MiniArena arena;
        final long r;
        final long y;
        final BuddyTree.Cursor cursorA;
        long unitA;
        int freedB;

        /**
         * Fills {@code shape} with class-1 blocks; Y is the {@code pickY}-th; if {@code pickR >= 0}
         * the setup frees the {@code pickR}-th, R, which stays free until A takes a block.
         */
        protected Race(ArenaShape shape, int pickR, int pickY, TreeFactory trees) {
            arena = new MiniArena(shape, trees);
            var blocks = FullArena.fill(arena, 1);
            y = blocks.get(pickY);
            r = pickR < 0 ? -1 : blocks.get(pickR);
            if (r >= 0) {
                arena.release(r);
            }
            cursorA = arena.cursor(y >>> arena.geometry.depth);
            arena.setupDone();
        }

        protected String actorA() {
            unitA = arena.tree.allocate(1, cursorA);
            return arena.offset(unitA);
        }

        protected String actorB() {
            freedB = arena.tree.free(y);
            return MiniArena.freed(freedB);
        }

        protected String verdict() {
            return arena.audit()
                    .freed(y)
                    .allocated(unitA, 1)
                    .check(freedB == 1, "B's free of Y returned " + MiniArena.freed(freedB))
                    .check(unitA < 0 || unitA == y || unitA == r, "A got " + arena.offset(unitA)
                            + ", neither Y = " + arena.offset(y) + " nor R = " + arena.offset(r))
                    .mallocAfterwards(1, r >= 0 || unitA < 0) // R or Y, whichever A did not take
                    .mallocAfterwards(1, false)
                    .verdict();
        }
    }

    /** Outcomes when R is free: A always gets a block. */
    @Outcome(id = "\\d+, free:1, ok", expect = ACCEPTABLE, desc = "A took R, or Y freed just before; the other stays free and is found")
    @Outcome(id = "NULL, .*", expect = FORBIDDEN, desc = "A found nothing though R was free throughout")
    @Outcome(expect = FORBIDDEN, desc = "wrong result, or the arbiter found the tree or the summary inconsistent "
            + "(a free region the summary does not claim, a malloc that fails though a block is free)")
    public static final class WithRegionOutcomes {
        private WithRegionOutcomes() {
        }
    }

    /** Outcomes when nothing else is free: A gets Y or NULL. */
    @Outcome(id = "\\d+, free:1, ok", expect = ACCEPTABLE, desc = "B's free came first: A found Y")
    @Outcome(id = "NULL, free:1, ok", expect = ACCEPTABLE, desc = "A's malloc came first; the arbiter's malloc then found Y")
    @Outcome(expect = FORBIDDEN, desc = "wrong result, or the arbiter found the tree or the summary inconsistent "
            + "(a free region the summary does not claim, a malloc that fails though Y is free)")
    public static final class OnlyRegionOutcomes {
        private OnlyRegionOutcomes() {
        }
    }

    @JCStressTest
    @JCStressMeta(WithRegionOutcomes.class)
    @Description("(5,9) x 2, class 1: R = units 8-9 free in block 0; B frees Y = units 24-25 in block 1; "
            + "A's search starts at block 1")
    @State
    public static class OtherRegionFree extends Race {
        public OtherRegionFree() {
            super(ArenaShape.TWO_BLOCKS, 4, 12, TreeFactory.CORRECT);
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
    @JCStressMeta(WithRegionOutcomes.class)
    @Description("(3,5) x 65, class 1: R = units 4-5 free in block 1 (group word 0); B frees Y = units 256-257 "
            + "in block 64 (group word 1); A's search starts at block 64")
    @State
    public static class OtherGroupFree extends Race {
        public OtherGroupFree() {
            super(ArenaShape.MANY_TINY, 2, 128, TreeFactory.CORRECT);
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
    @JCStressMeta(OnlyRegionOutcomes.class)
    @Description("(3,5) x 65, class 1: nothing free; B frees Y = units 160-161 in block 40; A's search starts there")
    @State
    public static class OnlyTheFreedRegion extends Race {
        public OnlyTheFreedRegion() {
            super(ArenaShape.MANY_TINY, -1, 80, TreeFactory.CORRECT);
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
