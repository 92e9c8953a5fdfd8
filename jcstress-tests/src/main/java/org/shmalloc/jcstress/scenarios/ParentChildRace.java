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
 * Inside the one free parent slot, A mallocs the parent's class (the whole slot: a START in the
 * parent word) while B mallocs a leaf (pin the slot SPLIT, then a START in the child word). The two
 * blocks would overlap, so exactly one of them succeeds.
 *
 * <p>With a fresh child the race is A's claim against B's pin; with a stale pin (the slot left SPLIT
 * over an empty child by an earlier free) it is A's collapse (seal the child, unpin, finalize)
 * against B's claim in the child.
 *
 * <p>Results: A's offset, B's offset, the arbiter's verdict.
 */
@Outcome(id = "\\d+, NULL, ok", expect = ACCEPTABLE, desc = "A took the whole slot; no leaf was left for B")
@Outcome(id = "NULL, \\d+, ok", expect = ACCEPTABLE, desc = "B took a leaf in the slot; the slot was no longer whole for A")
@Outcome(id = "\\d+, \\d+, .*", expect = FORBIDDEN, desc = "both succeeded: B's leaf lies inside A's block")
@Outcome(id = "NULL, NULL, .*", expect = FORBIDDEN, desc = "neither succeeded, though the slot was free until one took it")
@Outcome(expect = FORBIDDEN, desc = "the arbiter found the tree words inconsistent with the live set")
public class ParentChildRace {

    public abstract static class Race {
        final MiniArena arena;
        final int parentClass;
        final int childClass;
        final long slot;
        final BuddyTree.Cursor cursorA;
        final BuddyTree.Cursor cursorB;
        long unitA;
        long unitB;

        /**
         * Fills the arena with {@code parentClass} blocks and frees the {@code pick}-th; with
         * {@code stalePin}, then allocates and frees a leaf in it, which leaves the slot SPLIT.
         */
        protected Race(ArenaShape shape, int parentClass, int childClass, int pick, boolean stalePin,
                       TreeFactory trees) {
            arena = new MiniArena(shape, trees);
            this.parentClass = parentClass;
            this.childClass = childClass;
            slot = arena.fill(parentClass).get(pick);
            arena.release(slot);
            if (stalePin) {
                arena.release(arena.take(childClass));
            }
            cursorA = arena.cursor(0);
            cursorB = arena.cursor(0);
        }

        protected String actorA() {
            unitA = arena.tree.allocate(parentClass, cursorA);
            return arena.offset(unitA);
        }

        protected String actorB() {
            unitB = arena.tree.allocate(childClass, cursorB);
            return arena.offset(unitB);
        }

        protected String verdict() {
            long slotEnd = slot + (1L << parentClass);
            return arena.audit()
                    .allocated(unitA, parentClass)
                    .allocated(unitB, childClass)
                    .check(unitA < 0 || unitA == slot, "A got " + arena.offset(unitA) + ", the free slot was "
                            + arena.offset(slot))
                    .check(unitB < 0 || (unitB >= slot && unitB < slotEnd), "B got " + arena.offset(unitB)
                            + ", outside the free slot at " + arena.offset(slot))
                    .verdict();
        }
    }

    @JCStressTest
    @JCStressMeta(ParentChildRace.class)
    @Description("(3,8) x 1: top slot 1 free over a never-used child; A wants class 4 (the slot), B class 0")
    @State
    public static class FreshChild extends Race {
        public FreshChild() {
            super(ArenaShape.TWO_LEVELS, 4, 0, 1, false, TreeFactory.CORRECT);
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
    @JCStressMeta(ParentChildRace.class)
    @Description("(3,8) x 1: top slot 1 SPLIT over an empty child (stale pin); A must collapse it, B reuses it")
    @State
    public static class StalePin extends Race {
        public StalePin() {
            super(ArenaShape.TWO_LEVELS, 4, 0, 1, true, TreeFactory.CORRECT);
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
    @JCStressMeta(ParentChildRace.class)
    @Description("(3,11) x 1: top slot 7 of 16 free over a never-used child; A wants class 4, B class 1")
    @State
    public static class WideFreshChild extends Race {
        public WideFreshChild() {
            super(ArenaShape.WIDE_11, 4, 1, 7, false, TreeFactory.CORRECT);
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
    @JCStressMeta(ParentChildRace.class)
    @Description("(3,11) x 1: top slot 7 of 16 a stale pin; A wants class 4, B class 1")
    @State
    public static class WideStalePin extends Race {
        public WideStalePin() {
            super(ArenaShape.WIDE_11, 4, 1, 7, true, TreeFactory.CORRECT);
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
