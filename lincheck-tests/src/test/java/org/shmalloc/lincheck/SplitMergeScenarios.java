package org.shmalloc.lincheck;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;

/**
 * Hand-written scenarios for the sequences that split and merge buddies, run before the random
 * ones: small allocations inside a block, freed (leaving SPLIT slots over empty words, "stale
 * pins"), then a request for the whole block racing a small request that would reuse a stale pin,
 * and frees racing the merge of the buddies they empty. With more than one block, the first is
 * filled first, so that everything happens in the last one.
 */
final class SplitMergeScenarios {

    private final Class<?> operations;
    private final ArenaShape shape;
    private int nextId;

    private SplitMergeScenarios(Class<?> operations, ArenaShape shape) {
        this.operations = operations;
        this.shape = shape;
    }

    /** The scenarios for a TreeOperations (malloc/calloc/free/lookup) or ShmOperations (usableSize for lookup) subclass. */
    static List<ExecutionScenario> of(Class<?> operations, ArenaShape shape) {
        return List.of(new SplitMergeScenarios(operations, shape).collapseRacesOneReuse(true),
                new SplitMergeScenarios(operations, shape).collapseRacesOneReuse(false),
                new SplitMergeScenarios(operations, shape).collapseRacesStalePinReuse(),
                new SplitMergeScenarios(operations, shape).freesRaceTheMerge(),
                new SplitMergeScenarios(operations, shape).nullAfterAnObservedFree());
    }

    /**
     * init: one smallest block, freed (stale pins down to the leaf).
     * parallel: one smallest block | the whole block, or the other way round.
     * The smallest form of the race between a collapse and the reuse of the pin it removes: two
     * threads, one operation each, so that model checking reaches deep interleavings of it (the
     * collapse stopped between its check that the child is MERGING and its unpin, while the other
     * finishes the merge, pins again and allocates below). Lincheck runs the init on the first
     * thread, so the thread order decides whose hints point at the freed word; which order finds
     * the race within the budget has changed with the search's reads (README, "Teeth"), so both run.
     */
    private ExecutionScenario collapseRacesOneReuse(boolean smallFirst) {
        int depth = shape.depth();
        int filler = shape.blocks() - 1;
        List<Actor> init = new ArrayList<>(fillOtherBlocks());
        init.add(malloc(0));
        init.add(free(filler));
        List<Actor> small = List.of(malloc(0));
        List<Actor> whole = List.of(malloc(depth));
        return new ExecutionScenario(init, smallFirst ? List.of(small, whole) : List.of(whole, small),
                List.of(lookup(filler + 1), malloc(0)), null);
    }

    /**
     * init: two smallest blocks, both freed (stale pins down to the leaf).
     * parallel: the whole block | one smallest block | half a block (calloc).
     * At most one of the first two can succeed; NULL is legal only for whoever comes second.
     */
    private ExecutionScenario collapseRacesStalePinReuse() {
        int depth = shape.depth();
        int filler = shape.blocks() - 1;
        List<Actor> init = new ArrayList<>(fillOtherBlocks());
        init.add(malloc(0));
        init.add(malloc(0));
        init.add(free(filler));
        init.add(free(filler));
        return new ExecutionScenario(init,
                List.of(List.of(malloc(depth)), List.of(malloc(0)), List.of(calloc(2, depth - 1))),
                List.of(lookup(filler), lookup(filler + 1)), null);
    }

    /**
     * init: two blocks of class min(3, depth-1), buddies or neighbours in one word.
     * parallel: free one, then ask for the whole block | free the other, then ask for class 4.
     */
    private ExecutionScenario freesRaceTheMerge() {
        int depth = shape.depth();
        int filler = shape.blocks() - 1;
        int small = Math.min(3, depth - 1);
        List<Actor> init = new ArrayList<>(fillOtherBlocks());
        init.add(malloc(small));
        init.add(malloc(small));
        return new ExecutionScenario(init,
                List.of(List.of(free(filler), malloc(depth)), List.of(free(filler + 1), malloc(Math.min(4, depth)))),
                List.of(lookup(filler), malloc(depth)), null);
    }

    /**
     * init: every block taken whole.
     * parallel: free the first | look it up, then ask for a quarter block.
     * If the lookup saw the block free, the free came first and the request must not be NULL.
     */
    private ExecutionScenario nullAfterAnObservedFree() {
        int depth = shape.depth();
        List<Actor> init = new ArrayList<>(fillOtherBlocks());
        init.add(malloc(depth));
        return new ExecutionScenario(init,
                List.of(List.of(free(0)), List.of(lookup(0), malloc(Math.max(0, depth - 2)))),
                List.of(malloc(depth)), null);
    }

    private List<Actor> fillOtherBlocks() {
        List<Actor> fill = new ArrayList<>();
        for (int b = 1; b < shape.blocks(); b++) {
            fill.add(malloc(shape.depth()));
        }
        return fill;
    }

    private Actor malloc(int sizeClass) {
        return actor("malloc", nextId++, sizeClass);
    }

    private Actor calloc(int count, int sizeClass) {
        return actor("calloc", nextId++, count, sizeClass);
    }

    private Actor free(int k) {
        return actor("free", nextId++, k);
    }

    /** {@code lookup}, or {@code usableSize} on ShmOperations. */
    private Actor lookup(int k) {
        boolean shm = ShmOperations.class.isAssignableFrom(operations);
        return actor(shm ? "usableSize" : "lookup", nextId++, k);
    }

    private Actor actor(String name, Object... args) {
        for (Method m : operations.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                return new Actor(m, List.of(args));
            }
        }
        throw new IllegalArgumentException(operations + " has no operation " + name + " of " + args.length + " arguments");
    }
}
