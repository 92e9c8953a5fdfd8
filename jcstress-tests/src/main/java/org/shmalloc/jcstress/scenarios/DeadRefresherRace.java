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
import org.openjdk.jcstress.infra.results.LLLL_Result;
import org.shmalloc.internal.BuddyTree;
import org.shmalloc.jcstress.arena.ArenaShape;
import org.shmalloc.jcstress.arena.MiniArena;
import org.shmalloc.jcstress.arena.PausingTree;
import org.shmalloc.jcstress.arena.SummaryWords;
import org.shmalloc.jcstress.arena.TreeFactory;

/**
 * A refresher died after its first CAS: one summary word above Y's block is TENTATIVE (its claims
 * kept, so the setup's stale claim of Y's class, {@link FullArena#staleClaim}). A frees Y, whose
 * cover meets the TENTATIVE word (it must CAS it, not trust it); B mallocs Y's class, whose search
 * treats the word as claiming everything and, if it finds nothing, finishes the refresh (recompute,
 * CAS to final), which must not lower it below A's free. When B found Y the word may stay
 * TENTATIVE (it costs reads only); when B returned NULL, its failing searches refreshed the word,
 * and only a refresh sets TENTATIVE, so it must be final. The arbiter checks the summary against
 * the blocks.
 *
 * <p>Results: A's free, B's offset, the word left TENTATIVE ({@code TENTATIVE} if it still is,
 * {@code final} if a refresh finished it), the arbiter's verdict. If B got NULL, the arbiter also
 * checks that every word above Y's block claims Y's class and that a malloc of it gets Y.
 */
@Outcome(id = "free:\\d+, \\d+, TENTATIVE, ok", expect = ACCEPTABLE,
        desc = "A's free came first: B found Y; no refresh finished the dead one's word")
@Outcome(id = "free:\\d+, \\d+, final, ok", expect = ACCEPTABLE,
        desc = "B's search failed first and finished the word; A's cover then claimed Y and B's next search found it")
@Outcome(id = "free:\\d+, NULL, final, ok", expect = ACCEPTABLE,
        desc = "B's search came first and finished the word; A's free then made the summary claim Y")
@Outcome(id = "free:\\d+, NULL, TENTATIVE, .*", expect = FORBIDDEN,
        desc = "B returned NULL, yet the word is TENTATIVE: a search that fails at a TENTATIVE word refreshes it "
                + "(a write, so that scan cannot end in NULL), and nothing else here sets TENTATIVE")
@Outcome(expect = FORBIDDEN, desc = "wrong result, or the arbiter found the tree or the summary inconsistent "
        + "(a free region the summary does not claim, a malloc that fails though Y is free)")
public class DeadRefresherRace {

    public abstract static class Race {
        final MiniArena arena;
        final int sizeClass;
        final long y;
        final int tentativeLevel;
        final long tentativeNode;
        final BuddyTree.Cursor cursorB;
        int freedA;
        long unitB;

        /**
         * Fills {@code shape} with {@code sizeClass}; Y is the {@code pick}-th block, claimed stale;
         * the word of {@code level} above Y's block is left TENTATIVE.
         */
        protected Race(ArenaShape shape, int sizeClass, int pick, int level, TreeFactory trees) {
            arena = new MiniArena(shape, trees);
            this.sizeClass = sizeClass;
            y = FullArena.fill(arena, sizeClass).get(pick);
            FullArena.staleClaim(arena, y, sizeClass);
            tentativeLevel = level;
            tentativeNode = SummaryWords.nodeAbove(y >>> arena.geometry.depth, level);
            arena.summary.leaveTentative(level, tentativeNode);
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

        /** Read by the arbiter, before its own checks (whose malloc may refresh the word). */
        protected String tentativeWord() {
            return arena.summary.isTentative(tentativeLevel, tentativeNode) ? "TENTATIVE" : "final";
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
    @JCStressMeta(DeadRefresherRace.class)
    @Description("(5,9) x 2, class 1: Y = units 24-25 in block 1, whose word (level 0) is left TENTATIVE")
    @State
    public static class BlockWord extends Race {
        public BlockWord() {
            super(ArenaShape.TWO_BLOCKS, 1, 12, 0, TreeFactory.CORRECT);
        }

        @Actor
        public void a(LLLL_Result r) {
            r.r1 = actorA();
        }

        @Actor
        public void b(LLLL_Result r) {
            r.r2 = actorB();
        }

        @Arbiter
        public void arbiter(LLLL_Result r) {
            r.r3 = tentativeWord();
            r.r4 = verdict();
        }
    }

    @JCStressTest
    @JCStressMeta(DeadRefresherRace.class)
    @Description("BlockWord on the correct tree paused at random where the protocol has windows (PausingTree): "
            + "A's free starts late, B's refresh pauses between reading the block and its CAS")
    @State
    public static class BlockWordPaused extends Race {
        public BlockWordPaused() {
            super(ArenaShape.TWO_BLOCKS, 1, 12, 0, PausingTree.FACTORY);
        }

        @Actor
        public void a(LLLL_Result r) {
            r.r1 = actorA();
        }

        @Actor
        public void b(LLLL_Result r) {
            r.r2 = actorB();
        }

        @Arbiter
        public void arbiter(LLLL_Result r) {
            r.r3 = tentativeWord();
            r.r4 = verdict();
        }
    }

    @JCStressTest
    @JCStressMeta(DeadRefresherRace.class)
    @Description("(5,9) x 2, class 1: Y = units 24-25 in block 1; the root (level 1) is left TENTATIVE")
    @State
    public static class RootWord extends Race {
        public RootWord() {
            super(ArenaShape.TWO_BLOCKS, 1, 12, 1, TreeFactory.CORRECT);
        }

        @Actor
        public void a(LLLL_Result r) {
            r.r1 = actorA();
        }

        @Actor
        public void b(LLLL_Result r) {
            r.r2 = actorB();
        }

        @Arbiter
        public void arbiter(LLLL_Result r) {
            r.r3 = tentativeWord();
            r.r4 = verdict();
        }
    }

    @JCStressTest
    @JCStressMeta(DeadRefresherRace.class)
    @Description("(3,5) x 65, class 1: Y = units 4-5 in block 1; the group word over blocks 0-63 (level 1) is "
            + "left TENTATIVE")
    @State
    public static class GroupWord extends Race {
        public GroupWord() {
            super(ArenaShape.MANY_TINY, 1, 2, 1, TreeFactory.CORRECT);
        }

        @Actor
        public void a(LLLL_Result r) {
            r.r1 = actorA();
        }

        @Actor
        public void b(LLLL_Result r) {
            r.r2 = actorB();
        }

        @Arbiter
        public void arbiter(LLLL_Result r) {
            r.r3 = tentativeWord();
            r.r4 = verdict();
        }
    }
}
