package org.shmalloc.jcstress.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
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
