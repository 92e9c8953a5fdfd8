package org.shmalloc.lincheck;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The public API end to end under stress: ShmAllocator over a real arena file in /dev/shm, default
 * size classes (32 B .. 4 KiB), an arena of 2 blocks. malloc of every class, calloc (with the
 * zeroing checked), free of earlier offsets by any thread, usableSize; stats() and verify() in
 * the validation step.
 */
class ShmAllocatorStressTest {

    static final ArenaShape SHAPE = new ArenaShape(5, 12, 2);

    @Param(name = "id", gen = OpIdGen.class)
    @Param(name = "class", gen = IntGen.class, conf = "0:7")
    @Param(name = "count", gen = IntGen.class, conf = "1:3")
    @Param(name = "k", gen = IntGen.class, conf = "0:3")
    public static final class Operations extends ShmOperations {

        public Operations() {
            super(SHAPE);
        }

        @Operation
        public long malloc(@Param(name = "id") int id, @Param(name = "class") int sizeClass) {
            return allocate(sizeClass);
        }

        @Operation
        public Object calloc(@Param(name = "id") int id, @Param(name = "count") int count, @Param(name = "class") int sizeClass) {
            return allocateElements(count, sizeClass);
        }

        @Operation
        public FreeAnswer free(@Param(name = "id") int id, @Param(name = "k") int k) {
            return freeEntry(k);
        }

        @Operation
        public LookupAnswer usableSize(@Param(name = "id") int id, @Param(name = "k") int k) {
            return lookupEntry(k);
        }
    }

    public static final class Spec extends ShmSpec {
        public Spec() {
            super(SHAPE);
        }
    }

    @AfterAll
    static void deleteLastArena() {
        FreshArenas.closeLast();
    }

    @Test
    void stress() {
        LincheckRuns.withScenarios(LincheckRuns.stress(Spec.class), SplitMergeScenarios.of(Operations.class, SHAPE))
                .check(Operations.class);
    }
}
