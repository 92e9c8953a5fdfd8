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
import org.shmalloc.jcstress.arena.MiniArena;
import org.shmalloc.jcstress.arena.TreeFactory;

/**
 * Two frees of two buddies race the mallocs of their parent's class: A frees X, then mallocs the
 * parent class; B frees Y, then does the same. No other block of that class exists.
 *
 * <p>Whichever malloc comes second in a linearization follows both frees, so unless the first took
 * the parent, the second finds it free: exactly one malloc gets the parent (two actors stand in for
 * "two frees racing a third thread's malloc": on two cores jcstress would not schedule three actors).
 *
 * <p>Results: A's malloc, B's malloc, the arbiter's verdict (which also checks both frees).
 */
@Outcome(id = "\\d+, NULL, ok", expect = ACCEPTABLE, desc = "A got the merged parent, B found none")
@Outcome(id = "NULL, \\d+, ok", expect = ACCEPTABLE, desc = "B got the merged parent, A found none")
@Outcome(id = "NULL, NULL, .*", expect = FORBIDDEN, desc = "neither: the second malloc missed a whole parent")
@Outcome(id = "\\d+, \\d+, .*", expect = FORBIDDEN, desc = "both: the parent handed out twice")
@Outcome(expect = FORBIDDEN, desc = "a free failed, or the arbiter found the tree inconsistent")
public class BuddyMergeRace {

    public abstract static class Race {
        final MiniArena arena;
        final Buddies buddies;
        final BuddyTree.Cursor cursorA;
        final BuddyTree.Cursor cursorB;
        int freedA;
        int freedB;
        long unitA;
        long unitB;

        protected Race(Buddies buddies, TreeFactory trees) {
            this.buddies = buddies;
            arena = new MiniArena(buddies.shape(), trees);
            buddies.build(arena);
            cursorA = arena.cursor(0);
            cursorB = arena.cursor(0);
        }

        protected String actorA() {
            freedA = arena.tree.free(buddies.x());
            unitA = arena.tree.allocate(buddies.parentClass(), cursorA);
            return arena.offset(unitA);
        }

        protected String actorB() {
            freedB = arena.tree.free(buddies.y());
            unitB = arena.tree.allocate(buddies.parentClass(), cursorB);
            return arena.offset(unitB);
        }

        protected String verdict() {
            return arena.audit()
                    .freed(buddies.x())
                    .freed(buddies.y())
                    .allocated(unitA, buddies.parentClass())
                    .allocated(unitB, buddies.parentClass())
                    .check(freedA == buddies.buddyClass(), "A's free of X returned " + MiniArena.freed(freedA))
                    .check(freedB == buddies.buddyClass(), "B's free of Y returned " + MiniArena.freed(freedB))
                    .check(unitA < 0 || unitA == buddies.parent(), "A got " + arena.offset(unitA) + ", not X+Y")
                    .check(unitB < 0 || unitB == buddies.parent(), "B got " + arena.offset(unitB) + ", not X+Y")
                    .verdict();
        }
    }

    @JCStressTest
    @JCStressMeta(BuddyMergeRace.class)
    @Description("(5,9): X = units 4-5, Y = 6-7 (class 1) in one word; the parent is class 2 at unit 4")
    @State
    public static class InOneWord extends Race {
        public InOneWord() {
            super(Buddies.IN_ONE_WORD, TreeFactory.CORRECT);
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
    @JCStressMeta(BuddyMergeRace.class)
    @Description("(3,8): X, Y = the two class-3 halves of top slot 1's child; the parent is the slot (class 4), "
            + "which the malloc must collapse once both frees left it a stale pin")
    @State
    public static class UnderTopSlot extends Race {
        public UnderTopSlot() {
            super(Buddies.UNDER_TOP_SLOT, TreeFactory.CORRECT);
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
