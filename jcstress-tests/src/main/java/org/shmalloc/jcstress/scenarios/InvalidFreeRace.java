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
 * A free that must fail (a double free, or an offset inside a block) races a legal operation on
 * the same word: the bad free returns its error code and changes nothing, the legal operation
 * behaves as if alone. ({@code ShmAllocator.free} turns these codes into IllegalArgumentException.)
 * The offsets are chosen so the legal operation can never create a block starting at the bad
 * offset (where a later free would legitimately free the new block).
 *
 * <p>Results: A's free, B's operation, the arbiter's verdict.
 */
public class InvalidFreeRace {

    /**
     * The outcomes of {@link DoubleFreeRace}'s tests, for their {@code @JCStressMeta}. Not on
     * DoubleFreeRace itself: {@code @Outcome} is {@code @Inherited}, and a test that both inherits
     * and imports an outcome table gets every case twice (jcstress then shows zero counts).
     */
    @Outcome(id = "free:1, NOT_ALLOCATED, ok", expect = ACCEPTABLE, desc = "A freed it; B's double free was refused")
    @Outcome(id = "NOT_ALLOCATED, free:1, ok", expect = ACCEPTABLE, desc = "B freed it; A's double free was refused")
    @Outcome(id = "free:1, free:1, .*", expect = FORBIDDEN, desc = "both frees succeeded: a double free went through")
    @Outcome(expect = FORBIDDEN, desc = "another result, or the arbiter found the tree inconsistent")
    public static final class DoubleFreeOutcomes {
        private DoubleFreeOutcomes() {
        }
    }

    /** Two threads free the same block: one frees it, the other gets NOT_ALLOCATED. */
    public abstract static class DoubleFreeRace {
        final MiniArena arena;
        final int sizeClass;
        final long block;
        int freedA;
        int freedB;

        /** Fills the arena with {@code sizeClass} blocks; both actors free the {@code pick}-th. */
        protected DoubleFreeRace(ArenaShape shape, int sizeClass, int pick, TreeFactory trees) {
            arena = new MiniArena(shape, trees);
            this.sizeClass = sizeClass;
            block = arena.fill(sizeClass).get(pick);
        }

        protected String actorA() {
            freedA = arena.tree.free(block);
            return MiniArena.freed(freedA);
        }

        protected String actorB() {
            freedB = arena.tree.free(block);
            return MiniArena.freed(freedB);
        }

        protected String verdict() {
            return arena.audit()
                    .freed(block)
                    .check((freedA == sizeClass) != (freedB == sizeClass), "not exactly one free succeeded")
                    .verdict();
        }
    }

    @JCStressTest
    @JCStressMeta(DoubleFreeOutcomes.class)
    @Description("(5,9): both actors free the class-1 block at units 6-7 of a full word")
    @State
    public static class DoubleFree extends DoubleFreeRace {
        public DoubleFree() {
            super(ArenaShape.ONE_WORD, 1, 3, TreeFactory.CORRECT);
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
    @Description("(5,9): units 4 and 5 (class 0) freed in setup, the rest full; A frees unit 5 again while "
            + "B mallocs class 1, which can only be units 4-5")
    @Outcome(id = "NOT_ALLOCATED, 128, ok", expect = ACCEPTABLE, desc = "A's double free came first: refused")
    @Outcome(id = "INTERIOR, 128, ok", expect = ACCEPTABLE, desc = "B's malloc came first: unit 5 is now inside B's block, refused")
    @Outcome(expect = FORBIDDEN, desc = "the bad free succeeded or B failed, or the arbiter found the tree inconsistent")
    @State
    public static class DoubleFreeVsMalloc {
        final MiniArena arena = new MiniArena(ArenaShape.ONE_WORD);
        final BuddyTree.Cursor cursorB = arena.cursor(0);
        int freedA;
        long unitB;

        public DoubleFreeVsMalloc() {
            arena.fill(0);
            arena.release(4);
            arena.release(5);
        }

        @Actor
        public void a(LLL_Result r) {
            freedA = arena.tree.free(5);
            r.r1 = MiniArena.freed(freedA);
        }

        @Actor
        public void b(LLL_Result r) {
            unitB = arena.tree.allocate(1, cursorB);
            r.r2 = arena.offset(unitB);
        }

        @Arbiter
        public void arbiter(LLL_Result r) {
            r.r3 = arena.audit()
                    .allocated(unitB, 1)
                    .check(unitB == 4, "B got " + arena.offset(unitB) + ", not units 4-5")
                    .check(freedA < 0, "the double free returned " + MiniArena.freed(freedA))
                    .verdict();
        }
    }

    @JCStressTest
    @Description("(5,9): four class-2 blocks; A frees unit 9 (inside the block at 8) while B frees that block")
    @Outcome(id = "INTERIOR, free:2, ok", expect = ACCEPTABLE, desc = "A came first: unit 9 was inside a live block")
    @Outcome(id = "NOT_ALLOCATED, free:2, ok", expect = ACCEPTABLE, desc = "B came first: unit 9 was free")
    @Outcome(expect = FORBIDDEN, desc = "the bad free succeeded or B's failed, or the arbiter found the tree inconsistent")
    @State
    public static class InteriorFreeVsFree {
        final MiniArena arena = new MiniArena(ArenaShape.ONE_WORD);
        int freedA;
        int freedB;

        public InteriorFreeVsFree() {
            arena.fill(2);
            arena.expect(8, 2);
        }

        @Actor
        public void a(LLL_Result r) {
            freedA = arena.tree.free(9);
            r.r1 = MiniArena.freed(freedA);
        }

        @Actor
        public void b(LLL_Result r) {
            freedB = arena.tree.free(8);
            r.r2 = MiniArena.freed(freedB);
        }

        @Arbiter
        public void arbiter(LLL_Result r) {
            r.r3 = arena.audit()
                    .freed(8)
                    .check(freedB == 2, "B's free returned " + MiniArena.freed(freedB))
                    .check(freedA < 0, "the interior free returned " + MiniArena.freed(freedA))
                    .verdict();
        }
    }

    @JCStressTest
    @Description("(3,8): leaves 16 and 17 allocated and freed in setup (top slot 1 a stale pin, slot 0 taken); "
            + "A frees leaf 17 again while B mallocs class 4, collapsing slot 1")
    @Outcome(id = "NOT_ALLOCATED, 128, ok", expect = ACCEPTABLE, desc = "refused: leaf 17 was free, or its word sealed")
    @Outcome(id = "INTERIOR, 128, ok", expect = ACCEPTABLE, desc = "refused: B's block already covered unit 17")
    @Outcome(expect = FORBIDDEN, desc = "the bad free succeeded or B failed, or the arbiter found the tree inconsistent")
    @State
    public static class StaleLeafVsCollapse {
        final MiniArena arena = new MiniArena(ArenaShape.TWO_LEVELS);
        final BuddyTree.Cursor cursorB = arena.cursor(0);
        int freedA;
        long unitB;

        public StaleLeafVsCollapse() {
            arena.expect(arena.take(4), 4);
            arena.take(0);
            arena.take(0);
            arena.expect(16, 0);
            arena.expect(17, 0);
            arena.release(16);
            arena.release(17);
        }

        @Actor
        public void a(LLL_Result r) {
            freedA = arena.tree.free(17);
            r.r1 = MiniArena.freed(freedA);
        }

        @Actor
        public void b(LLL_Result r) {
            unitB = arena.tree.allocate(4, cursorB);
            r.r2 = arena.offset(unitB);
        }

        @Arbiter
        public void arbiter(LLL_Result r) {
            r.r3 = arena.audit()
                    .allocated(unitB, 4)
                    .check(unitB == 16, "B got " + arena.offset(unitB) + ", not top slot 1")
                    .check(freedA < 0, "the double free returned " + MiniArena.freed(freedA))
                    .verdict();
        }
    }
}
