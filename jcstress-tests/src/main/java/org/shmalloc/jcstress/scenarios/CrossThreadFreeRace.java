package org.shmalloc.jcstress.scenarios;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.ArrayList;
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
 * A block allocated by one thread is freed by another while the first keeps allocating: two blocks
 * P and Q of the class are free. A mallocs x, publishes it (a volatile store, as an offset handed
 * over through shared memory), then mallocs y. B waits briefly for x, frees it, and mallocs z.
 *
 * <p>Every malloc must succeed (two blocks for at most two live requests at any time), all live
 * blocks must differ, and afterwards the state must be exact: the arbiter (a third thread) frees
 * whatever the actors left allocated, checks that the census equals the setup's, and mallocs the
 * class twice, which must give back exactly P and Q.
 *
 * <p>Results: "x y" of A, what B did, the arbiter's verdict.
 */
@Outcome(id = "\\d+ \\d+, nothing published, ok", expect = ACCEPTABLE, desc = "B gave up before A published x")
@Outcome(id = "\\d+ \\d+, freed \\d+ then got \\d+, ok", expect = ACCEPTABLE,
        desc = "B freed A's block and allocated again; all blocks reusable afterwards")
@Outcome(expect = FORBIDDEN, desc = "a failed malloc or free, a block handed out twice, or an inexact state")
public class CrossThreadFreeRace {

    /** How long B waits for A's first block, in spin iterations (a few microseconds). */
    static final int PATIENCE = 1_000;

    public abstract static class Race {
        final MiniArena arena;
        final int sizeClass;
        final long blockP;
        final long blockQ;
        final BuddyTree.Cursor cursorA;
        final BuddyTree.Cursor cursorB;
        /** A's first block, handed to B; -1 until published. */
        volatile long published = -1;
        long unitX;
        long unitY;
        long seenByB = -1;
        int freedB;
        long unitZ = -1;

        /** Fills the arena with {@code sizeClass} blocks, then frees the {@code p}-th and {@code q}-th. */
        protected Race(ArenaShape shape, int sizeClass, int p, int q, TreeFactory trees) {
            arena = new MiniArena(shape, trees);
            this.sizeClass = sizeClass;
            List<Long> blocks = arena.fill(sizeClass);
            blockP = blocks.get(p);
            blockQ = blocks.get(q);
            arena.release(blockP);
            arena.release(blockQ);
            cursorA = arena.cursor(0);
            cursorB = arena.cursor(0);
        }

        protected String actorA() {
            unitX = arena.tree.allocate(sizeClass, cursorA);
            published = unitX;
            unitY = arena.tree.allocate(sizeClass, cursorA);
            return arena.offset(unitX) + " " + arena.offset(unitY);
        }

        protected String actorB() {
            long seen = published;
            for (int i = 0; seen < 0 && i < PATIENCE; i++) {
                Thread.onSpinWait();
                seen = published;
            }
            if (seen < 0) {
                return "nothing published";
            }
            seenByB = seen;
            freedB = arena.tree.free(seen);
            unitZ = arena.tree.allocate(sizeClass, cursorB);
            return "freed " + arena.offset(seen) + " then got " + arena.offset(unitZ);
        }

        protected String verdict() {
            var audit = arena.audit()
                    .check(unitX >= 0 && unitY >= 0, "A's malloc failed: " + arena.offset(unitX) + " "
                            + arena.offset(unitY))
                    .allocated(unitX, sizeClass);
            if (seenByB >= 0) {
                audit.check(freedB == sizeClass, "B's free of A's block returned " + MiniArena.freed(freedB))
                        .freed(seenByB)
                        .check(unitZ >= 0, "B's malloc after its free failed");
            }
            String verdict = audit.allocated(unitY, sizeClass).allocated(unitZ, sizeClass).verdict();
            return verdict.equals("ok") ? reuse() : verdict;
        }

        /** Frees what the actors hold, from this (third) thread, then checks both blocks come back. */
        private String reuse() {
            List<Long> held = new ArrayList<>(List.of(unitX, unitY));
            if (seenByB >= 0) {
                held.remove(Long.valueOf(seenByB));
                held.add(unitZ);
            }
            for (long unit : held) {
                if (arena.tree.free(unit) != sizeClass) {
                    return "the arbiter could not free " + arena.offset(unit);
                }
            }
            String after = arena.audit().verdict();
            if (!after.equals("ok")) {
                return "after freeing everything: " + after;
            }
            BuddyTree.Cursor cursor = arena.cursor(0);
            long first = arena.tree.allocate(sizeClass, cursor);
            long second = arena.tree.allocate(sizeClass, cursor);
            long third = arena.tree.allocate(sizeClass, cursor);
            boolean both = Math.min(first, second) == Math.min(blockP, blockQ)
                    && Math.max(first, second) == Math.max(blockP, blockQ);
            if (!both || third >= 0) {
                return "not reusable: got " + arena.offset(first) + " " + arena.offset(second) + " "
                        + arena.offset(third) + ", free were " + arena.offset(blockP) + " " + arena.offset(blockQ);
            }
            return "ok";
        }
    }

    @JCStressTest
    @JCStressMeta(CrossThreadFreeRace.class)
    @Description("(5,9), class 2 (4 units): P = units 4-7 and Q = 12-15 free in one word")
    @State
    public static class OneWord extends Race {
        public OneWord() {
            super(ArenaShape.ONE_WORD, 2, 1, 3, TreeFactory.CORRECT);
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
    @JCStressMeta(CrossThreadFreeRace.class)
    @Description("(3,11), class 3 (8 units, level 0): two blocks free in different child words (top slots 2 and 13)")
    @State
    public static class TwoChildWords extends Race {
        public TwoChildWords() {
            super(ArenaShape.WIDE_11, 3, 5, 27, TreeFactory.CORRECT);
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
