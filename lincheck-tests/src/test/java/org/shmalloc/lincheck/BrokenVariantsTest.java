package org.shmalloc.lincheck;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.TimeUnit;

import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Teeth: the exact configurations of {@link DefaultShapeTest} (same operations, model, verifier,
 * options), run on deliberately broken allocators ({@link Variant}). Model checking must report
 * every one. Stress runs are recorded, and asserted only where a stress run reliably finds the
 * break (see README: the race windows of a single CAS are a few nanoseconds wide on real threads).
 */
class BrokenVariantsTest {

    // ---- the broken test classes: DefaultShapeTest.Operations over a broken variant ----

    public static final class BlindWriteOnAtomicWords extends DefaultShapeTest.Operations {
        public BlindWriteOnAtomicWords() {
            super(Backend.ATOMIC_LONG_ARRAY, Variant.BLIND_WRITE_CAS);
        }
    }

    public static final class BlindWriteOnMappedFile extends DefaultShapeTest.Operations {
        public BlindWriteOnMappedFile() {
            super(Backend.MAPPED_FILE, Variant.BLIND_WRITE_CAS);
        }
    }

    public static final class StartOnlyFreeOnAtomicWords extends DefaultShapeTest.Operations {
        public StartOnlyFreeOnAtomicWords() {
            super(Backend.ATOMIC_LONG_ARRAY, Variant.START_ONLY_FREE);
        }
    }

    public static final class StartOnlyFreeOnMappedFile extends DefaultShapeTest.Operations {
        public StartOnlyFreeOnMappedFile() {
            super(Backend.MAPPED_FILE, Variant.START_ONLY_FREE);
        }
    }

    public static final class StaleUnpinOnAtomicWords extends DefaultShapeTest.Operations {
        public StaleUnpinOnAtomicWords() {
            super(Backend.ATOMIC_LONG_ARRAY, Variant.STALE_UNPIN);
        }
    }

    public static final class StaleUnpinOnMappedFile extends DefaultShapeTest.Operations {
        public StaleUnpinOnMappedFile() {
            super(Backend.MAPPED_FILE, Variant.STALE_UNPIN);
        }
    }

    public static final class NoRecheckOnAtomicWords extends DefaultShapeTest.Operations {
        public NoRecheckOnAtomicWords() {
            super(Backend.ATOMIC_LONG_ARRAY, Variant.NO_RECHECK_AFTER_FAILED_CAS);
        }
    }

    public static final class NoRecheckOnMappedFile extends DefaultShapeTest.Operations {
        public NoRecheckOnMappedFile() {
            super(Backend.MAPPED_FILE, Variant.NO_RECHECK_AFTER_FAILED_CAS);
        }
    }

    // ---- the same on atomic words with the validation step off: only the model can catch them ----

    public static final class BlindWriteModelOnly extends DefaultShapeTest.Operations {
        public BlindWriteModelOnly() {
            super(Backend.ATOMIC_LONG_ARRAY, Variant.BLIND_WRITE_CAS, false);
        }
    }

    public static final class StartOnlyFreeModelOnly extends DefaultShapeTest.Operations {
        public StartOnlyFreeModelOnly() {
            super(Backend.ATOMIC_LONG_ARRAY, Variant.START_ONLY_FREE, false);
        }
    }

    public static final class StaleUnpinModelOnly extends DefaultShapeTest.Operations {
        public StaleUnpinModelOnly() {
            super(Backend.ATOMIC_LONG_ARRAY, Variant.STALE_UNPIN, false);
        }
    }

    public static final class NoRecheckModelOnly extends DefaultShapeTest.Operations {
        public NoRecheckModelOnly() {
            super(Backend.ATOMIC_LONG_ARRAY, Variant.NO_RECHECK_AFTER_FAILED_CAS, false);
        }
    }

    // ---- model checking: must catch every variant ----

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void modelCheckingCatchesBlindWriteCas() {
        expectFailure("BLIND_WRITE_CAS", "model checking", modelChecking(), BlindWriteOnAtomicWords.class);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void modelCheckingCatchesStartOnlyFree() {
        expectFailure("START_ONLY_FREE", "model checking", modelChecking(), StartOnlyFreeOnAtomicWords.class);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void modelCheckingCatchesStaleUnpin() {
        expectFailure("STALE_UNPIN", "model checking", modelChecking(), StaleUnpinOnAtomicWords.class);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void modelCheckingCatchesNoRecheckAfterFailedCas() {
        expectFailure("NO_RECHECK_AFTER_FAILED_CAS", "model checking", modelChecking(), NoRecheckOnAtomicWords.class);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void modelAloneCatchesBlindWriteCas() {
        expectFailure("BLIND_WRITE_CAS", "model only", modelChecking(), BlindWriteModelOnly.class);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void modelAloneCatchesStartOnlyFree() {
        expectFailure("START_ONLY_FREE", "model only", modelChecking(), StartOnlyFreeModelOnly.class);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void modelAloneCatchesStaleUnpin() {
        expectFailure("STALE_UNPIN", "model only", modelChecking(), StaleUnpinModelOnly.class);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void modelAloneCatchesNoRecheckAfterFailedCas() {
        expectFailure("NO_RECHECK_AFTER_FAILED_CAS", "model only", modelChecking(), NoRecheckModelOnly.class);
    }

    // ---- stress on the mapped file ----

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void stressCatchesBlindWriteCas() {
        expectFailure("BLIND_WRITE_CAS", "stress", stress(), BlindWriteOnMappedFile.class);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void stressCatchesStartOnlyFree() {
        expectFailure("START_ONLY_FREE", "stress", stress(), StartOnlyFreeOnMappedFile.class);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void stressCatchesStaleUnpin() {
        expectFailure("STALE_UNPIN", "stress", stress(), StaleUnpinOnMappedFile.class);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void stressCatchesNoRecheckAfterFailedCas() {
        expectFailure("NO_RECHECK_AFTER_FAILED_CAS", "stress", stress(), NoRecheckOnMappedFile.class);
    }

    // ----

    // The same options as DefaultShapeTest, except that a found failure is reported as found: not
    // minimized (minimizing re-runs every smaller scenario for a whole iteration, minutes in stress).

    private static Options<?, ?> modelChecking() {
        return LincheckRuns.modelChecking(DefaultShapeTest.Spec.class).minimizeFailedScenario(false);
    }

    private static Options<?, ?> stress() {
        return LincheckRuns.stress(DefaultShapeTest.Spec.class).minimizeFailedScenario(false);
    }

    private static void expectFailure(String variant, String mode, Options<?, ?> options, Class<?> brokenClass) {
        long start = System.nanoTime();
        try {
            options.check(brokenClass);
        } catch (LincheckAssertionError expected) {
            String message = expected.getMessage();
            String kind = message.lines().filter(line -> line.startsWith("= ")).findFirst().orElse("(no headline)");
            message.lines().filter(line -> line.contains("Exception: ")).findFirst()
                    .ifPresent(cause -> System.out.println("TEETH   " + cause.strip()));
            System.out.printf("TEETH %-28s %-15s caught in %5.1f s: %s%n", variant, mode,
                    (System.nanoTime() - start) / 1e9, kind);
            assertTrue(kind.startsWith("= "), "a Lincheck failure report");
            return;
        }
        System.out.printf("TEETH %-28s %-15s MISSED after %5.1f s%n", variant, mode, (System.nanoTime() - start) / 1e9);
        fail(mode + " passed the broken variant " + variant);
    }
}
