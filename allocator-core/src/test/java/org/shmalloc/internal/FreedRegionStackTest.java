package org.shmalloc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The cursor's per-class stacks of freed regions: newest first, bounded, one per class. */
class FreedRegionStackTest {

    private final BuddyTree.Cursor cursor = new BuddyTree.Cursor(new TreeGeometry(5, 12, 16), 0);

    @Test
    void anEmptyStackHasNothing() {
        assertEquals(-1, cursor.popFreedRegion(3));
    }

    @Test
    void regionsComeBackNewestFirstAndOncePerClass() {
        cursor.pushFreedRegion(3, 40);
        cursor.pushFreedRegion(3, 48);
        cursor.pushFreedRegion(5, 96);
        assertEquals(48, cursor.popFreedRegion(3));
        assertEquals(40, cursor.popFreedRegion(3));
        assertEquals(-1, cursor.popFreedRegion(3));
        assertEquals(96, cursor.popFreedRegion(5));
        assertEquals(-1, cursor.popFreedRegion(5));
    }

    @Test
    void aFullStackForgetsItsOldest() {
        int extra = 5;
        for (int i = 0; i < BuddyTree.Cursor.FREED_REGIONS + extra; i++) {
            cursor.pushFreedRegion(0, i);
        }
        for (int i = BuddyTree.Cursor.FREED_REGIONS + extra - 1; i >= extra; i--) {
            assertEquals(i, cursor.popFreedRegion(0));
        }
        assertEquals(-1, cursor.popFreedRegion(0), "the oldest were overwritten");
        cursor.pushFreedRegion(0, 7);
        assertEquals(7, cursor.popFreedRegion(0), "and the stack works on after wrapping");
    }
}
