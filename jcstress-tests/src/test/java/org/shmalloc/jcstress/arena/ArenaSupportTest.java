package org.shmalloc.jcstress.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;

import org.junit.jupiter.api.Test;
import org.shmalloc.internal.SpaceSummary;
import org.shmalloc.internal.TreeWord;

/**
 * The arbiter's checks and the ring's reuse check must fail when their invariant is broken: each
 * test here breaks one thing by hand and expects the matching verdict.
 */
class ArenaSupportTest {

    @Test
    void exactStateIsOk() {
        MiniArena arena = new MiniArena(ArenaShape.ONE_WORD);
        arena.take(1);
        long unit = arena.take(2);
        assertEquals("ok", arena.audit().verdict());
        assertEquals(2, arena.tree.free(unit));
        assertEquals("ok", arena.audit().freed(unit).verdict());
    }

    @Test
    void blockTheTestDoesNotKnowIsCaught() {
        MiniArena arena = new MiniArena(ArenaShape.ONE_WORD);
        arena.take(1);
        arena.tree.allocate(0, arena.cursor(0)); // not recorded
        assertTrue(arena.audit().verdict().startsWith("live per class"), arena.audit().verdict());
    }

    @Test
    void blockTheTreeLostIsCaught() {
        MiniArena arena = new MiniArena(ArenaShape.ONE_WORD);
        long unit = arena.take(1);
        arena.tree.free(unit); // the audit still expects it
        assertTrue(arena.audit().verdict().startsWith("live per class"), arena.audit().verdict());
    }

    @Test
    void wrongClassAtAnOffsetIsCaught() {
        MiniArena arena = new MiniArena(ArenaShape.ONE_WORD);
        long pair = arena.take(1);
        long quad = arena.take(2);
        arena.tree.free(pair);
        arena.tree.free(quad);
        // same counts per class, swapped offsets: only lookup tells them apart
        long quadAtPair = arena.tree.allocate(2, arena.cursor(0));
        long pairAtQuad = arena.tree.allocate(1, arena.cursor(0));
        String verdict = arena.audit().freed(pair).freed(quad).allocated(quadAtPair, 1).allocated(pairAtQuad, 2)
                .verdict();
        assertEquals(0, quadAtPair);
        assertEquals(4, pairAtQuad);
        assertEquals("lookup(0) = class 2, expected class 1", verdict);
    }

    @Test
    void blockHandedOutTwiceAndOverlapAreCaught() {
        MiniArena arena = new MiniArena(ArenaShape.ONE_WORD);
        long unit = arena.take(1);
        assertEquals("offset " + arena.offset(unit) + " handed out twice", arena.audit().allocated(unit, 1).verdict());
        assertTrue(arena.audit().allocated(unit + 1, 0).verdict().startsWith("live blocks overlap"));
    }

    @Test
    void mergeLeftHalfDoneIsCaught() {
        MiniArena arena = new MiniArena(ArenaShape.TWO_LEVELS);
        arena.release(arena.take(0)); // top slot 0 stays SPLIT over an empty child: a stale pin
        long child = arena.geometry.wordIndex(0, 0, 0);
        long word = arena.words.lv(child);
        assertTrue(arena.words.cas(child, word, TreeWord.bump(TreeWord.withSeal(word, TreeWord.MERGING))));
        assertEquals("left half done: 0 pins, 1 merges", arena.audit().verdict());
    }

    @Test
    void malformedWordIsCaught() {
        MiniArena arena = new MiniArena(ArenaShape.ONE_WORD);
        long word = arena.words.lv(0);
        assertTrue(arena.words.cas(0, word, TreeWord.bump(TreeWord.withSlot(word, 3, TreeWord.CONT))));
        assertTrue(arena.audit().verdict().contains("tree faults"), arena.audit().verdict());
    }

    @Test
    void summaryThatLostAFreeRegionIsCaught() {
        MiniArena arena = new MiniArena(ArenaShape.ONE_WORD);
        arena.release(arena.take(1)); // the free's cover makes the block's summary word claim class 4
        SpaceSummary summary = arena.tree.summary();
        long index = summary.index(0, 0);
        long word = arena.words.lv(index);
        assertTrue(arena.words.cas(index, word, SpaceSummary.bump(summary.withPossible(word, 0))));
        assertEquals("1 summary faults, first: summary level 0 word 0 claims classes 0x0 but 0x10 is free below it",
                arena.audit().verdict());
    }

    @Test
    void summaryThatDoesNotClaimAFreedBlockIsCaught() {
        MiniArena arena = new MiniArena(ArenaShape.TWO_BLOCKS);
        long unit = arena.fill(4).get(1);
        assertTrue(arena.summary.claimsNothing());
        // the scenario claims that unit is free, but it is not: the summary is right not to claim it
        assertEquals("summary level 0 word 1 (possible 0x0) does not claim class 4 freed in block 1",
                arena.audit().summaryClaims(unit, 4).verdict());
        assertEquals(4, arena.tree.free(unit));
        assertEquals("ok", arena.audit().freed(unit).summaryClaims(unit, 4).verdict());
    }

    @Test
    void mallocAfterwardsMustMatch() {
        MiniArena full = new MiniArena(ArenaShape.ONE_WORD);
        full.fill(1);
        assertEquals("afterwards, malloc of class 1 returned NULL though a block of it is free",
                full.audit().mallocAfterwards(1, true).verdict());
        MiniArena oneFree = new MiniArena(ArenaShape.ONE_WORD);
        oneFree.release(oneFree.fill(1).get(3));
        assertEquals("afterwards, malloc of class 1 returned 192 though none is free",
                oneFree.audit().mallocAfterwards(1, false).verdict());
        assertEquals("ok", new MiniArena(ArenaShape.ONE_WORD).audit()
                .mallocAfterwards(4, true).mallocAfterwards(0, false).verdict());
    }

    @Test
    void deadRefresherLeavesATentativeWordThatClaimsEverything() {
        MiniArena arena = new MiniArena(ArenaShape.TWO_BLOCKS);
        arena.fill(1);
        assertTrue(arena.summary.claimsNothing());
        arena.summary.leaveTentative(1, 0);
        assertTrue(arena.summary.isTentative(1, 0));
        assertTrue(arena.summary.claims(1, 0, 4));
        assertFalse(arena.summary.claims(0, 1, 0));
        long[] tentative = new long[1];
        assertEquals(0, arena.tree.summary().check(arena.tree::blockBound, new ArrayList<>(), 1, tentative));
        assertEquals(1, tentative[0]);
        assertEquals("ok", arena.audit().mallocAfterwards(0, false).verdict());
        assertFalse(arena.summary.isTentative(1, 0), "the failed malloc finished the refresh");
    }

    @Test
    void nodesAboveABlock() {
        assertEquals(64, SummaryWords.nodeAbove(64, 0));
        assertEquals(1, SummaryWords.nodeAbove(64, 1));
        assertEquals(0, SummaryWords.nodeAbove(64, 2));
        MiniArena arena = new MiniArena(ArenaShape.MANY_TINY);
        assertEquals(2, arena.summary.rootLevel());
        assertEquals(2, arena.tree.summary().count(1));
    }

    @Test
    void sliceReusedWhileLiveIsCaught() {
        System.setProperty("shmalloc.jcstress.ringSlices", "2");
        try {
            SliceRing ring = SliceRing.of(SliceRing.ALIGNMENT * 1001); // a size no shape uses: a fresh ring
            assertEquals(2, ring.slices());
            SliceRing.Slice first = ring.take();
            SliceRing.Slice second = ring.take();
            first.checkOwned();
            ring.take(); // takes the first slice again while "first" is live
            assertThrows(IllegalStateException.class, first::checkOwned);
            second.checkOwned();
        } finally {
            System.clearProperty("shmalloc.jcstress.ringSlices");
        }
    }

    @Test
    void slicesAreZeroedAndSeparate() {
        MiniArena a = new MiniArena(ArenaShape.ONE_WORD);
        a.take(4);
        MiniArena b = new MiniArena(ArenaShape.ONE_WORD);
        assertEquals(0, b.words.lv(0));
        assertEquals(TreeWord.START, TreeWord.slot(a.words.lv(0), 0));
    }
}
