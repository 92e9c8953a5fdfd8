package org.shmalloc.bench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shmalloc.bench.peer.BenchAllocator;
import org.shmalloc.bench.peer.BenchAllocator.Caller;
import org.shmalloc.bench.peer.Impl;

class FillerTest {

    private final ArenaParams arena = ArenaParams.of("5-10", "4M");
    private final BenchAllocator allocator = Impl.SHM.open(arena.config(), 0);
    private final Caller caller = allocator.caller();
    private final Filler filler = new Filler(caller, arena, SizeMix.table("uniform", arena, 1));

    @AfterEach
    void close() {
        allocator.close();
    }

    @Test
    void sequentialFillStopsJustPastTheLevel() {
        LiveSet live = new LiveSet(16);
        filler.fill(live, "sequential", 90, new XorShift(1));
        assertTrue(filler.percent(live) >= 90, "reached " + filler.percent(live));
        assertTrue(live.usedBytes() < arena.capacity() * 0.9 + arena.maxBytes(), "overshot by less than a block");
    }

    @Test
    void agingFillsUntilNothingFitsThenFreesDownToTheLevel() {
        LiveSet live = new LiveSet(16);
        filler.allocateUpTo(live, Long.MAX_VALUE);
        assertEquals(0, caller.malloc(1), "the arena is full: not even the smallest block fits");
        assertEquals(arena.capacity(), live.usedBytes(), "every unit but NULL's is in a block");
        filler.freeDownTo(live, (long) (arena.capacity() * 0.5), new XorShift(2));
        assertEquals(50, filler.percent(live), 1.0);
        long handle = caller.malloc(1);
        assertTrue(handle != 0, "room again after aging");
        caller.free(handle);
        Filler.freeAll(caller, live);
        assertEquals(0, live.size());
    }
}
