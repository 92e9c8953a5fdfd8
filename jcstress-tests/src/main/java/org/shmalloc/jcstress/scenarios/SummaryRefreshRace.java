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
import org.shmalloc.jcstress.arena.PausingTree;
import org.shmalloc.jcstress.arena.TreeFactory;

/**
 * A free races a refresh of the summary words above the freed block. The arena is full of class-c
 * blocks, and the summary words above Y's block still claim c (Y was freed and taken back; see
 * {@link FullArena#staleClaim}). A frees Y; B mallocs c: its search visits Y's block, and when
 * the block is still full it refreshes the block's word and those above (TENTATIVE, recompute,
 * CAS), which must not lower a word below the class A frees meanwhile (invariant C: a free that
 * has returned is claimed).
 *
 * <p>Results: A's free, B's offset, the arbiter's verdict. If B got NULL, the arbiter checks that
 * every word above Y's block claims c and that a malloc of c now gets Y; if B got Y, that a malloc
 * of c now fails (the arena is full).
 */
@Outcome(id = "free:\\d+, \\d+, ok", expect = ACCEPTABLE, desc = "A's free came first: B found Y")
@Outcome(id = "free:\\d+, NULL, ok", expect = ACCEPTABLE,
        desc = "B's search came first (and lowered the stale claim); A's free then made the summary claim Y again")
@Outcome(expect = FORBIDDEN, desc = "wrong result, or the arbiter found the tree or the summary inconsistent "
        + "(a free region the summary does not claim, a malloc that fails though Y is free)")
public class SummaryRefreshRace {

    public abstract static class Race {
        final MiniArena arena;
        final int sizeClass;
        final long y;
        final BuddyTree.Cursor cursorB;
        int freedA;
        long unitB;

        /** Fills {@code shape} with {@code sizeClass}; Y is the {@code pick}-th block, claimed stale. */
        protected Race(ArenaShape shape, int sizeClass, int pick, TreeFactory trees) {
            arena = new MiniArena(shape, trees);
            this.sizeClass = sizeClass;
            y = FullArena.fill(arena, sizeClass).get(pick);
            FullArena.staleClaim(arena, y, sizeClass);
            cursorB = arena.cursor(0);
            arena.setupDone();
        }

        protected String actorA() {
            freedA = arena.tree.free(y);
            return MiniArena.freed(freedA);
        }

        protected String actorB() {
            unitB = arena.tree.allocate(sizeClass, cursorB);
            return arena.offset(unitB);
        }

        protected String verdict() {
            var audit = arena.audit()
                    .freed(y)
                    .allocated(unitB, sizeClass)
                    .check(freedA == sizeClass, "A's free of Y returned " + MiniArena.freed(freedA))
                    .check(unitB < 0 || unitB == y, "B got " + arena.offset(unitB) + ", not Y = " + arena.offset(y));
            if (unitB < 0) {
                audit.summaryClaims(y, sizeClass).mallocAfterwards(sizeClass, true);
            }
            return audit.mallocAfterwards(sizeClass, false).verdict();
        }
    }

    @JCStressTest
    @JCStressMeta(SummaryRefreshRace.class)
    @Description("(5,9) x 1, class 1: the block's summary word is the root; Y = units 8-9 of its one 16-slot word")
    @State
    public static class OneBlock extends Race {
        public OneBlock() {
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
    @JCStressMeta(SummaryRefreshRace.class)
    @Description("OneBlock on the correct tree paused at random where the protocol has windows (PausingTree): "
            + "A's free starts late, B's refresh pauses between reading the block and its CAS")
    @State
    public static class OneBlockPaused extends Race {
        public OneBlockPaused() {
            super(ArenaShape.ONE_WORD, 1, 4, PausingTree.FACTORY);
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
    @JCStressMeta(SummaryRefreshRace.class)
    @Description("(5,9) x 2, class 1: Y = units 24-25 in block 1; B refreshes block 1's word, then the root")
    @State
    public static class TwoBlocks extends Race {
        public TwoBlocks() {
            super(ArenaShape.TWO_BLOCKS, 1, 12, TreeFactory.CORRECT);
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
    @JCStressMeta(SummaryRefreshRace.class)
    @Description("(3,5) x 65, class 1: Y = units 4-5 in block 1; B refreshes block 1's word, the group word over "
            + "blocks 0-63 (reading its 64 children), then the root")
    @State
    public static class ThreeLevels extends Race {
        public ThreeLevels() {
            super(ArenaShape.MANY_TINY, 1, 2, TreeFactory.CORRECT);
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
