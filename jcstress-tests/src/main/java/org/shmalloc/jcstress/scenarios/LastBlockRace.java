package org.shmalloc.jcstress.scenarios;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.List;

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
 * Two threads malloc the same class when exactly one block of it is free: one gets that block, the
 * other NULL. Never both (one block handed out twice), never neither (NULL is only linearizable if
 * no block was free at some instant of the call, and the block stays free until one thread takes it).
 *
 * <p>Results: A's offset, B's offset, the arbiter's verdict (which also checks that the winner got
 * the one free block).
 */
@Outcome(id = "\\d+, NULL, ok", expect = ACCEPTABLE, desc = "A took the last block, B found none")
@Outcome(id = "NULL, \\d+, ok", expect = ACCEPTABLE, desc = "B took the last block, A found none")
@Outcome(id = "\\d+, \\d+, .*", expect = FORBIDDEN, desc = "both got a block: the last one was handed out twice")
@Outcome(id = "NULL, NULL, .*", expect = FORBIDDEN, desc = "neither got the block that stayed free")
@Outcome(expect = FORBIDDEN, desc = "the arbiter found the tree words inconsistent with the live set")
public class LastBlockRace {

    /** The logic of one sample; each nested test below is a configuration of it. */
    public abstract static class Race {
        final MiniArena arena;
        final int sizeClass;
        final long lastFree;
        final BuddyTree.Cursor cursorA;
        final BuddyTree.Cursor cursorB;
        long unitA;
        long unitB;

        /** Fills the arena with {@code sizeClass} blocks, then frees the {@code pick}-th one. */
        protected Race(ArenaShape shape, int sizeClass, int pick, TreeFactory trees) {
            arena = new MiniArena(shape, trees);
            this.sizeClass = sizeClass;
            List<Long> blocks = arena.fill(sizeClass);
            lastFree = blocks.get(pick);
            arena.release(lastFree);
            cursorA = arena.cursor(0);
            cursorB = arena.cursor(1);
        }

        protected String actorA() {
            unitA = arena.tree.allocate(sizeClass, cursorA);
            return arena.offset(unitA);
        }

        protected String actorB() {
            unitB = arena.tree.allocate(sizeClass, cursorB);
            return arena.offset(unitB);
        }

        protected String verdict() {
            return arena.audit()
                    .allocated(unitA, sizeClass)
                    .allocated(unitB, sizeClass)
                    .check(unitA < 0 || unitA == lastFree, "A got " + arena.offset(unitA) + ", the free block was "
                            + arena.offset(lastFree))
                    .check(unitB < 0 || unitB == lastFree, "B got " + arena.offset(unitB) + ", the free block was "
                            + arena.offset(lastFree))
                    .verdict();
        }
    }

    @JCStressTest
    @JCStressMeta(LastBlockRace.class)
    @Description("(3,5) x 1, class 0: one word of 4 slots, 3 taken")
    @State
    public static class Tiny extends Race {
        public Tiny() {
            super(ArenaShape.TINY, 0, 2, TreeFactory.CORRECT);
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
    @JCStressMeta(LastBlockRace.class)
    @Description("(5,9) x 1, class 1: runs of 2 slots in one 16-slot word, 7 of 8 taken")
    @State
    public static class OneWord extends Race {
        public OneWord() {
            super(ArenaShape.ONE_WORD, 1, 4, TreeFactory.CORRECT);
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
    @JCStressMeta(LastBlockRace.class)
    @Description("(5,9) x 2, class 4 (whole blocks): block 0 taken; A's search starts at block 0, B's at block 1")
    @State
    public static class TwoBlocks extends Race {
        public TwoBlocks() {
            super(ArenaShape.TWO_BLOCKS, 4, 1, TreeFactory.CORRECT);
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
    @JCStressMeta(LastBlockRace.class)
    @Description("(3,8) x 1, class 0: leaves in two child words under a 2-slot top word, 31 of 32 taken")
    @State
    public static class ChildWord extends Race {
        public ChildWord() {
            super(ArenaShape.TWO_LEVELS, 0, 21, TreeFactory.CORRECT);
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
    @JCStressMeta(LastBlockRace.class)
    @Description("(3,11) x 1, class 4: slots of the 16-slot top word, 15 taken; the free slot's child was never used")
    @State
    public static class TopSlot extends Race {
        public TopSlot() {
            super(ArenaShape.WIDE_11, 4, 7, TreeFactory.CORRECT);
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
