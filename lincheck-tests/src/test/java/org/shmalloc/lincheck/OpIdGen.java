package org.shmalloc.lincheck;

import org.jetbrains.lincheck.datastructures.ParameterGenerator;
import org.jetbrains.lincheck.datastructures.RandomProvider;

/**
 * Gives every operation of a scenario its own id (0, 1, 2, ...): the first argument of each
 * operation. The id is how the sequential model finds what the real run answered for that
 * operation ({@link Answers}). Lincheck calls {@link #reset()} after generating each scenario, so
 * ids are unique within a scenario, which is all that is needed.
 */
public final class OpIdGen implements ParameterGenerator<Integer> {

    private int next;

    public OpIdGen(RandomProvider randomProvider, String configuration) {
    }

    @Override
    public Integer generate() {
        return next++;
    }

    @Override
    public void reset() {
        next = 0;
    }
}
