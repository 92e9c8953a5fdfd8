package org.shmalloc.jcstress.scenarios;

import org.shmalloc.jcstress.arena.ArenaShape;
import org.shmalloc.jcstress.arena.MiniArena;

/**
 * Two allocated buddies X and Y (the two halves of one parent block) in an otherwise full arena,
 * the setup shared by {@link BuddyFreeRace} and {@link BuddyMergeRace}.
 */
record Buddies(ArenaShape shape, int buddyClass, long x, long y) {

    /** (5,9): every unit in class-1 blocks; X = units 4-5, Y = 6-7, parent = class 2 at unit 4. */
    static final Buddies IN_ONE_WORD = new Buddies(ArenaShape.ONE_WORD, 1, 4, 6);
    /**
     * (3,8): top slot 0 one class-4 block; slot 1 split into X = units 16-23 and Y = 24-31
     * (class 3, runs of 8 slots in the child word); parent = the whole slot, class 4 at unit 16.
     */
    static final Buddies UNDER_TOP_SLOT = new Buddies(ArenaShape.TWO_LEVELS, 3, 16, 24);

    int parentClass() {
        return buddyClass + 1;
    }

    long parent() {
        return Math.min(x, y);
    }

    /** Builds the layout in {@code arena} and checks it is the one described. */
    void build(MiniArena arena) {
        if (shape == ArenaShape.TWO_LEVELS) {
            arena.expect(arena.take(4), 4);
            arena.take(buddyClass);
            arena.take(buddyClass);
        } else {
            arena.fill(buddyClass);
        }
        arena.expect(x, buddyClass);
        arena.expect(y, buddyClass);
    }
}
