package org.shmalloc.lincheck;

import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

import java.util.List;

import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.shmalloc.internal.TreeCensus;

/**
 * The Lincheck configurations, one place: the CI budget (the module in under 5 minutes on 2 cores)
 * and the long one (system property {@code lincheck.full=true}, set by {@code -Plincheck-full}).
 * Every run uses the answer-replaying verifier over the shape's model and explores scenarios of
 * 3 threads (so that two threads can race on a word while a third changes its parent).
 */
final class LincheckRuns {

    static final boolean FULL = Boolean.getBoolean("lincheck.full");

    private LincheckRuns() {
    }

    /**
     * Model checking over {@link Backend#ATOMIC_LONG_ARRAY}, with Lincheck's obstruction-freedom
     * check: an operation run alone (the others suspended at any point) must finish. The test's
     * own bookkeeping ({@link Ledger}, {@link Cursors}) and the read-only census of the validation
     * step ({@link TreeCensus}, thousands of reads in the widest shape) are ignored by the model
     * checker: no thread switch inside, no lock reported, no trace kept.
     *
     * <p>{@code loopIterationsBeforeThreadSwitch(40)}: Lincheck's default (10) takes any loop that
     * runs more than 10 iterations without writing for a spin wait, and with the obstruction-freedom
     * check on it reports it as an "active lock". The tree's loops over the slots of a word run up
     * to 16 iterations (TreeWord.slotMask, BuddyTree.collapse) or 2 x 16 (BuddyTree.searchWord: used
     * slots first, then free ones), reading only; 40 lets them finish, while a retry loop that
     * really spins (it never ends) is still caught.
     */
    static ModelCheckingOptions modelChecking(Class<?> specification) {
        return new ModelCheckingOptions()
                .iterations(FULL ? 50 : 10)
                .invocationsPerIteration(FULL ? 10_000 : 1_000)
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(3)
                .actorsAfter(2)
                .sequentialSpecification(specification)
                .verifier(AnswerReplayingVerifier.class)
                .checkObstructionFreedom(true)
                .loopIterationsBeforeThreadSwitch(40)
                .addGuarantee(forClasses(Ledger.class.getName(), Cursors.class.getName(), TreeCensus.class.getName())
                        .allMethods().ignore());
    }

    /** Stress runs: real threads on the real file-mapped words. */
    static StressOptions stress(Class<?> specification) {
        return new StressOptions()
                .iterations(FULL ? 100 : 20)
                .invocationsPerIteration(FULL ? 20_000 : 2_000)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(3)
                .actorsAfter(2)
                .sequentialSpecification(specification)
                .verifier(AnswerReplayingVerifier.class);
    }

    /** Adds hand-written scenarios, checked before the random ones. */
    static <O extends Options<O, ?>> O withScenarios(O options, List<ExecutionScenario> scenarios) {
        for (ExecutionScenario scenario : scenarios) {
            options.addCustomScenario(scenario);
        }
        return options;
    }
}
