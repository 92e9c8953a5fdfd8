package org.shmalloc.lincheck;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionResult;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.kotlinx.lincheck.execution.ResultWithClock;
import org.jetbrains.kotlinx.lincheck.util.LincheckResult;
import org.jetbrains.kotlinx.lincheck.util.ValueResult;
import org.jetbrains.lincheck.datastructures.verifier.CachedVerifier;
import org.jetbrains.lincheck.datastructures.verifier.LinearizabilityVerifier;

/**
 * Lincheck's own {@link LinearizabilityVerifier}, run on a model that checks the allocator's
 * choices instead of making them (see {@link Answers}).
 *
 * <p>For each execution: publish every operation's real answer by id, then let a <em>fresh</em>
 * {@code LinearizabilityVerifier} search for a legal linearization. Fresh, because Lincheck's
 * verifier caches the model's transitions across executions of a scenario, and here a transition
 * depends on the answers of the execution at hand. Executions already found linearizable are
 * cached by this class (per scenario and identical results), which is sound: the same answers give
 * the same verdict.
 */
public final class AnswerReplayingVerifier extends CachedVerifier {

    private final Class<?> specification;

    /** Lincheck instantiates verifiers reflectively with the sequential specification class. */
    public AnswerReplayingVerifier(Class<?> specification) {
        this.specification = specification;
    }

    @Override
    public boolean verifyResultsImpl(ExecutionScenario scenario, ExecutionResult result) {
        Map<Integer, Object> answers = new HashMap<>();
        collect(scenario.getInitExecution(), result.getInitResults(), answers);
        List<List<Actor>> threads = scenario.getParallelExecution();
        List<List<ResultWithClock>> threadResults = result.getParallelResultsWithClock();
        for (int t = 0; t < threads.size(); t++) {
            List<ResultWithClock> withClocks = threadResults.get(t);
            List<Actor> actors = threads.get(t);
            for (int i = 0; i < actors.size() && i < withClocks.size(); i++) {
                put(actors.get(i), withClocks.get(i) == null ? null : withClocks.get(i).getResult(), answers);
            }
        }
        collect(scenario.getPostExecution(), result.getPostResults(), answers);
        Answers.publish(answers);
        return new LinearizabilityVerifier(specification).verifyResults(scenario, result);
    }

    private static void collect(List<Actor> actors, List<? extends LincheckResult> results, Map<Integer, Object> answers) {
        for (int i = 0; i < actors.size() && i < results.size(); i++) {
            put(actors.get(i), results.get(i), answers);
        }
    }

    private static void put(Actor actor, LincheckResult result, Map<Integer, Object> answers) {
        if (actor.getArguments().isEmpty() || !(actor.getArguments().getFirst() instanceof Integer id)) {
            throw new IllegalStateException("every operation takes its id (OpIdGen) as first argument: " + actor);
        }
        if (result instanceof ValueResult value && value.getValue() != null) {
            answers.put(id, value.getValue());
        }
    }
}
