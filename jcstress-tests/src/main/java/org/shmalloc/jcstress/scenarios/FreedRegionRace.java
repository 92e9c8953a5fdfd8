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
 * The freed-region hint against a search: the arena is full but for block X, which A freed (its
 * cursor remembers X, so A's malloc goes straight to X's word); B, with a fresh cursor, searches
 * the summary for the same class at the same time. One gets X, the other NULL: never both (X
 * handed out twice: the hint trusted, not CASed), never neither (X stayed free).
 *
 * <p>Results: A's offset, B's offset, the arbiter's verdict (which also checks that the winner got
 * X and that the tree words match the live set).
 */
@Outcome(id = "\\d+, NULL, ok", expect = ACCEPTABLE, desc = "A reused the region it had freed, B found none")
@Outcome(id = "NULL, \\d+, ok", expect = ACCEPTABLE, desc = "B's search took X first, A's hint found it taken")
@Outcome(id = "\\d+, \\d+, .*", expect = FORBIDDEN, desc = "both got a block: X was handed out twice")
@Outcome(id = "NULL, NULL, .*", expect = FORBIDDEN, desc = "neither got X, which stayed free")
@Outcome(expect = FORBIDDEN, desc = "the arbiter found the tree words inconsistent with the live set")
public class FreedRegionRace {

    /** The logic of one sample; each nested test below is a configuration of it. */
    public abstract static class Race {
        final MiniArena arena;
        final int sizeClass;
        final long freedX;
        final boolean freeInRace;
        final BuddyTree.Cursor cursorA;
        final BuddyTree.Cursor cursorB;
        int freedA = -1;
        long unitA;
        long unitB;

        /**
         * Fills the arena with {@code sizeClass} blocks; X is the {@code pick}-th. A frees X in the
         * setup, or, if {@code freeInRace}, in its actor just before its malloc.
         */
        protected Race(ArenaShape shape, int sizeClass, int pick, boolean freeInRace, TreeFactory trees) {
            arena = new MiniArena(shape, trees);
            this.sizeClass = sizeClass;
            this.freeInRace = freeInRace;
            List<Long> blocks = arena.fill(sizeClass);
            freedX = blocks.get(pick);
            cursorA = arena.cursor(0);
            cursorB = arena.cursor(1);
            if (!freeInRace) {
                arena.release(freedX, cursorA);
            }
        }

        protected String actorA() {
            if (freeInRace) {
                freedA = arena.tree.free(freedX, cursorA);
            }
            unitA = arena.tree.allocate(sizeClass, cursorA);
            return arena.offset(unitA);
        }

        protected String actorB() {
            unitB = arena.tree.allocate(sizeClass, cursorB);
            return arena.offset(unitB);
        }

        protected String verdict() {
            var audit = arena.audit();
            if (freeInRace) {
                audit.check(freedA == sizeClass, "A's free returned " + MiniArena.freed(freedA)).freed(freedX);
            }
            return audit.allocated(unitA, sizeClass)
                    .allocated(unitB, sizeClass)
                    .check(unitA < 0 || unitA == freedX, "A got " + arena.offset(unitA) + ", X is "
                            + arena.offset(freedX))
                    .check(unitB < 0 || unitB == freedX, "B got " + arena.offset(unitB) + ", X is "
                            + arena.offset(freedX))
                    .verdict();
        }
    }

    @JCStressTest
    @JCStressMeta(FreedRegionRace.class)
    @Description("(3,8), class 1: X = units 22-23, in the second leaf word; A freed it in the setup")
    @State
    public static class Remembered extends Race {
        public Remembered() {
            super(ArenaShape.TWO_LEVELS, 1, 11, false, TreeFactory.CORRECT);
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
    @JCStressMeta(FreedRegionRace.class)
    @Description("(3,8), class 1: as Remembered, but A frees X in its actor, then mallocs")
    @State
    public static class FreeThenMalloc extends Race {
        public FreeThenMalloc() {
            super(ArenaShape.TWO_LEVELS, 1, 11, true, TreeFactory.CORRECT);
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
