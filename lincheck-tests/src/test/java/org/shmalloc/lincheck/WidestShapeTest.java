package org.shmalloc.lincheck;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * The widest supported spread (16 classes above the smallest: 8 B .. 512 KiB, a 4-level tree of
 * 4369 words per block) in an arena of a single block: pins and collapses cross up to three levels,
 * and a whole-block request collapses everything below the top word.
 */
class WidestShapeTest {

    static final ArenaShape SHAPE = new ArenaShape(3, 19, 1);

    @Param(name = "id", gen = OpIdGen.class)
    @Param(name = "class", gen = IntGen.class, conf = "0:16")
    @Param(name = "count", gen = IntGen.class, conf = "1:3")
    @Param(name = "k", gen = IntGen.class, conf = "0:3")
    public abstract static class Operations extends TreeOperations {

        protected Operations(Backend backend, Variant variant) {
            super(SHAPE, backend, variant);
        }

        @Operation
        public long malloc(@Param(name = "id") int id, @Param(name = "class") int sizeClass) {
            return allocate(sizeClass);
        }

        @Operation
        public long calloc(@Param(name = "id") int id, @Param(name = "count") int count, @Param(name = "class") int sizeClass) {
            return allocateElements(count, sizeClass);
        }

        @Operation
        public FreeAnswer free(@Param(name = "id") int id, @Param(name = "k") int k) {
            return freeEntry(k);
        }

        @Operation
        public LookupAnswer lookup(@Param(name = "id") int id, @Param(name = "k") int k) {
            return lookupEntry(k);
        }
    }

    public static final class OnAtomicWords extends Operations {
        public OnAtomicWords() {
            super(Backend.ATOMIC_LONG_ARRAY, Variant.CORRECT);
        }
    }

    public static final class OnMappedFile extends Operations {
        public OnMappedFile() {
            super(Backend.MAPPED_FILE, Variant.CORRECT);
        }
    }

    public static final class Spec extends TreeSpec {
        public Spec() {
            super(SHAPE);
        }
    }

    /** The model-checking configuration of this shape for {@code operations} (also used on broken variants). */
    static ModelCheckingOptions modelChecking(Class<? extends Operations> operations) {
        // half the invocations of the other shapes: each one walks a 4-level tree (about 2x the cost)
        return LincheckRuns.withScenarios(LincheckRuns.modelChecking(Spec.class), SplitMergeScenarios.of(operations, SHAPE))
                .invocationsPerIteration(LincheckRuns.FULL ? 5_000 : 500);
    }

    /** The stress configuration of this shape for {@code operations} (also used on broken variants). */
    static StressOptions stress(Class<? extends Operations> operations) {
        return LincheckRuns.withScenarios(LincheckRuns.stress(Spec.class), SplitMergeScenarios.of(operations, SHAPE));
    }

    @Test
    void modelChecking() {
        modelChecking(OnAtomicWords.class).check(OnAtomicWords.class);
    }

    @Test
    void stressOnMappedFile() {
        stress(OnMappedFile.class).check(OnMappedFile.class);
    }
}
