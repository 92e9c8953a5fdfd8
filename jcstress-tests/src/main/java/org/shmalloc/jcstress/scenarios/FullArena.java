package org.shmalloc.jcstress.scenarios;

import java.util.List;

import org.shmalloc.jcstress.arena.MiniArena;

/**
 * The setups of the space-summary races: an arena full of blocks of one class, whose summary is
 * exact, and optionally a stale claim above one block.
 */
final class FullArena {

    private FullArena() {
    }

    /**
     * Fills the arena with {@code sizeClass} blocks and returns them in ascending order. The fill's
     * last malloc failed after visiting every block, and lowered every summary word on the way: the
     * summary claims nothing (checked).
     */
    static List<Long> fill(MiniArena arena, int sizeClass) {
        List<Long> blocks = arena.fill(sizeClass);
        if (!arena.summary.claimsNothing()) {
            throw new IllegalStateException("setup: a full arena's summary still claims a class");
        }
        return blocks;
    }

    /**
     * Frees {@code y} and takes it back: every word above y's block claims {@code sizeClass} (the
     * free covered it; checked), though the block is full again (allocations never lower the
     * summary). The next search that fails there refreshes those words.
     */
    static void staleClaim(MiniArena arena, long y, int sizeClass) {
        arena.release(y);
        arena.take(sizeClass);
        arena.expect(y, sizeClass); // the only free block: the malloc got y back
        String missing = arena.summary.firstNotClaiming(y >>> arena.geometry.depth, sizeClass);
        if (missing != null) {
            throw new IllegalStateException("setup: no stale claim above unit " + y + ": " + missing);
        }
    }
}
