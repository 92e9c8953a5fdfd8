package org.shmalloc.bench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The freeing side of the cross-free benchmarks frees what it was handed, in order, after the set delay. */
class HeldAllocationsTest {

    @Test
    void withNothingHeldEachAllocationIsFreedAtOnce() {
        HeldAllocations held = new HeldAllocations(0);
        for (long handle = 1; handle <= 5; handle++) {
            assertEquals(handle, held.hold(handle));
        }
        assertEquals(0, held.takeOldest());
    }

    @Test
    void eachAllocationIsFreedAfterAsManyMoreAsAreHeld() {
        HeldAllocations held = new HeldAllocations(3);
        assertEquals(0, held.hold(1));
        assertEquals(0, held.hold(2));
        assertEquals(0, held.hold(3));
        for (long handle = 4; handle <= 20; handle++) { // wraps the array several times
            assertEquals(handle - 3, held.hold(handle));
        }
        assertEquals(18, held.takeOldest());
        assertEquals(19, held.takeOldest());
        assertEquals(20, held.takeOldest());
        assertEquals(0, held.takeOldest());
    }

    @Test
    void aNegativeCapacityIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HeldAllocations(-1));
    }
}
