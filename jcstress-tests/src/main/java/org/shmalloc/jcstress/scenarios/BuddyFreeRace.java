package org.shmalloc.jcstress.scenarios;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;
import org.shmalloc.internal.BuddyTree;
import org.shmalloc.jcstress.arena.MiniArena;
import org.shmalloc.jcstress.arena.TreeFactory;

/**
 * X is the only free block; B frees its buddy Y while A mallocs. Both operations touch the same
 * word (or, across levels, A's collapse of the parent slot races B's free in the child).
 * <ul>
 *   <li>A mallocs X's class: X is free throughout, so A always gets a block (X, or Y once freed).</li>
 *   <li>A mallocs the parent's class: it fits only once B's free made X+Y whole; before that, NULL.</li>
 * </ul>
 * Results: A's offset, B's free result, the arbiter's verdict.
 */
public class BuddyFreeRace {

    public abstract static class Race {
        final MiniArena arena;
        final Buddies buddies;
        final int mallocClass;
        final BuddyTree.Cursor cursorA;
        long unitA;
        int freedB;

        protected Race(Buddies buddies, int mallocClass, TreeFactory trees) {
            this.buddies = buddies;
            this.mallocClass = mallocClass;
            arena = new MiniArena(buddies.shape(), trees);
            buddies.build(arena);
            arena.release(buddies.x());
            cursorA = arena.cursor(0);
        }

        protected String actorA() {
            unitA = arena.tree.allocate(mallocClass, cursorA);
            return arena.offset(unitA);
        }

        protected String actorB() {
            freedB = arena.tree.free(buddies.y());
            return MiniArena.freed(freedB);
        }

        protected String verdict() {
            boolean sameClass = mallocClass == buddies.buddyClass();
            return arena.audit()
                    .freed(buddies.y())
                    .allocated(unitA, mallocClass)
                    .check(freedB == buddies.buddyClass(), "B's free of Y returned " + MiniArena.freed(freedB))
                    .check(unitA < 0 || unitA == buddies.x() || (sameClass && unitA == buddies.y()),
                            "A got " + arena.offset(unitA) + ", not X or X+Y")
                    .verdict();
        }
    }

    @JCStressTest
    @Description("(5,9): X = units 4-5 free, B frees Y = 6-7, A mallocs class 1 (X's class)")
    @Outcome(id = "\\d+, free:1, ok", expect = ACCEPTABLE, desc = "A got X (or Y, freed just before); B freed Y")
    @Outcome(id = "NULL, .*", expect = FORBIDDEN, desc = "A found nothing though X was free throughout")
    @Outcome(expect = FORBIDDEN, desc = "wrong free result, or the arbiter found the tree inconsistent")
    @State
    public static class SameClass extends Race {
        public SameClass() {
            super(Buddies.IN_ONE_WORD, 1, TreeFactory.CORRECT);
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
    @Description("(5,9): X = units 4-5 free, B frees Y = 6-7, A mallocs class 2 (X+Y)")
    @Outcome(id = "128, free:1, ok", expect = ACCEPTABLE, desc = "B's free came first: A took X+Y")
    @Outcome(id = "NULL, free:1, ok", expect = ACCEPTABLE, desc = "A's malloc came first: X alone was too small")
    @Outcome(expect = FORBIDDEN, desc = "wrong block, wrong free result, or the arbiter found the tree inconsistent")
    @State
    public static class ParentClass extends Race {
        public ParentClass() {
            super(Buddies.IN_ONE_WORD, 2, TreeFactory.CORRECT);
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
    @Description("(3,8): top slot 1 split into X = units 16-23 (free) and Y = 24-31; B frees Y, A mallocs "
            + "class 4 (the whole slot: collapse the child once it is empty)")
    @Outcome(id = "128, free:3, ok", expect = ACCEPTABLE, desc = "B's free came first: A collapsed the child and took the slot")
    @Outcome(id = "NULL, free:3, ok", expect = ACCEPTABLE, desc = "A's malloc came first: Y still lived in the slot")
    @Outcome(expect = FORBIDDEN, desc = "wrong block, wrong free result, or the arbiter found the tree inconsistent")
    @State
    public static class ParentAcrossLevels extends Race {
        public ParentAcrossLevels() {
            super(Buddies.UNDER_TOP_SLOT, 4, TreeFactory.CORRECT);
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
