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
 * Blocks whose tree spans several levels of words: A allocates at the top level while B allocates
 * a leaf at the bottom, which pins one slot on every level on its way down (three pins in a (3,19)
 * block: 1 + 16 + 256 + 4,096 words). When the two requests cannot both fit, exactly one succeeds;
 * with a chain of stale pins left by an earlier free, A must collapse three levels while B reuses
 * them.
 *
 * <p>Results: A's offset, B's offset, the arbiter's verdict.
 */
@Outcome(id = "\\d+, NULL, ok", expect = ACCEPTABLE, desc = "A's top-level block won; no leaf left for B")
@Outcome(id = "NULL, \\d+, ok", expect = ACCEPTABLE, desc = "B's leaf won; A's block was no longer whole")
@Outcome(id = "\\d+, \\d+, .*", expect = FORBIDDEN, desc = "both: B's leaf lies inside A's block")
@Outcome(id = "NULL, NULL, .*", expect = FORBIDDEN, desc = "neither, though the space was free until one took it")
@Outcome(expect = FORBIDDEN, desc = "the arbiter found the tree words inconsistent with the live set")
public class WideTreeRace {

    /** What the setup leaves in the block before the race. */
    enum Setup {
        /** A fresh, all-zero block. */
        EMPTY,
        /** All top slots allocated as classA blocks but one, in the middle. */
        ONE_TOP_SLOT_FREE,
        /** A leaf allocated and freed: SPLIT slots over empty words on every level above it. */
        STALE_PIN_CHAIN
    }

    public abstract static class Race {
        final MiniArena arena;
        final int classA;
        final int classB;
        final BuddyTree.Cursor cursorA;
        final BuddyTree.Cursor cursorB;
        long unitA;
        long unitB;

        protected Race(ArenaShape shape, int classA, int classB, Setup setup, TreeFactory trees) {
            arena = new MiniArena(shape, trees);
            this.classA = classA;
            this.classB = classB;
            switch (setup) {
                case EMPTY -> { }
                case ONE_TOP_SLOT_FREE -> {
                    var slots = arena.fill(classA);
                    arena.release(slots.get(slots.size() / 2 + 1));
                }
                case STALE_PIN_CHAIN -> arena.release(arena.take(classB));
            }
            cursorA = arena.cursor(0);
            cursorB = arena.cursor(0);
        }

        protected String actorA() {
            unitA = arena.tree.allocate(classA, cursorA);
            return arena.offset(unitA);
        }

        protected String actorB() {
            unitB = arena.tree.allocate(classB, cursorB);
            return arena.offset(unitB);
        }

        protected String verdict() {
            return arena.audit().allocated(unitA, classA).allocated(unitB, classB).verdict();
        }
    }

    @JCStressTest
    @JCStressMeta(WideTreeRace.class)
    @Description("(3,19), empty: A wants class 16 (the whole block: all 16 top slots), B class 0 (a leaf 3 levels down)")
    @State
    public static class WholeBlockVsLeaf extends Race {
        public WholeBlockVsLeaf() {
            super(ArenaShape.WIDE_19, 16, 0, Setup.EMPTY, TreeFactory.CORRECT);
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
    @JCStressMeta(WideTreeRace.class)
    @Description("(3,19): 15 top slots allocated (class 12); A wants the 16th, B a leaf (class 0) in it")
    @State
    public static class LastTopSlotVsLeaf extends Race {
        public LastTopSlotVsLeaf() {
            super(ArenaShape.WIDE_19, 12, 0, Setup.ONE_TOP_SLOT_FREE, TreeFactory.CORRECT);
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
    @JCStressMeta(WideTreeRace.class)
    @Description("(3,19): a leaf allocated and freed left stale pins on 3 levels; A wants the whole block "
            + "(collapse all three), B a leaf (reuse them)")
    @State
    public static class StalePinChain extends Race {
        public StalePinChain() {
            super(ArenaShape.WIDE_19, 16, 0, Setup.STALE_PIN_CHAIN, TreeFactory.CORRECT);
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
    @JCStressMeta(WideTreeRace.class)
    @Description("(3,11), empty: A wants class 8 (the whole block), B class 0 (a leaf one level down)")
    @State
    public static class WholeBlockVsLeaf11 extends Race {
        public WholeBlockVsLeaf11() {
            super(ArenaShape.WIDE_11, 8, 0, Setup.EMPTY, TreeFactory.CORRECT);
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
    @Description("(3,19), empty: A wants class 12 (one top slot), B class 0: room for both, in different top slots")
    @Outcome(id = "\\d+, \\d+, ok", expect = ACCEPTABLE, desc = "both succeeded without overlap")
    @Outcome(id = ".*NULL.*", expect = FORBIDDEN, desc = "a request failed though the block had room for both")
    @Outcome(expect = FORBIDDEN, desc = "the arbiter found overlap or inconsistent tree words")
    @State
    public static class TopSlotAndLeafBothFit extends Race {
        public TopSlotAndLeafBothFit() {
            super(ArenaShape.WIDE_19, 12, 0, Setup.EMPTY, TreeFactory.CORRECT);
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
