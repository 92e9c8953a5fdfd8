package org.shmalloc;

import java.util.ArrayList;
import java.util.List;

/** Small operations on a whole arena, for tests. */
final class Arenas {

    private Arenas() {
    }

    /** Allocates blocks of the largest class until malloc returns NULL; returns their offsets. */
    static List<Long> fillWithLargest(ShmAllocator allocator) {
        List<Long> offsets = new ArrayList<>();
        for (long offset; (offset = allocator.malloc(allocator.maxAllocatableSize())) != ShmAllocator.NULL; ) {
            offsets.add(offset);
        }
        return offsets;
    }
}
