package org.shmalloc.jcstress.arena;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.shmalloc.internal.TreeCensus;

/**
 * The arbiter's check of an arena once the actors are done: the set of allocations that should be
 * live (the setup's, plus what the actors allocated, minus what they freed) against the tree words.
 * The verdict is "ok" only if
 * <ul>
 *   <li>no block was handed out twice and no two live blocks overlap;</li>
 *   <li>{@link TreeCensus} finds no fault, and its live blocks per class equal the expected set's;</li>
 *   <li>{@code lookup} of every expected block returns its class;</li>
 *   <li>no pin or merge is left half done (every operation finishes the steps it starts);</li>
 *   <li>no scenario-specific problem was reported ({@link #problem}).</li>
 * </ul>
 * Otherwise it names the first problem; every scenario lists anything but "ok" as FORBIDDEN.
 */
public final class Audit {

    private final MiniArena arena;
    private final TreeMap<Long, Integer> live;
    private final List<String> problems = new ArrayList<>();

    Audit(MiniArena arena, Map<Long, Integer> setupLive) {
        this.arena = arena;
        this.live = new TreeMap<>(setupLive);
    }

    /** An actor allocated {@code unit} (ignored if negative: a NULL result). */
    public Audit allocated(long unit, int sizeClass) {
        if (unit >= 0 && live.put(unit, sizeClass) != null) {
            problems.add("offset " + arena.offset(unit) + " handed out twice");
        }
        return this;
    }

    /** An actor freed {@code unit} successfully. */
    public Audit freed(long unit) {
        if (live.remove(unit) == null) {
            problems.add("offset " + arena.offset(unit) + " freed but not live");
        }
        return this;
    }

    /** A scenario-specific problem (wrong block, torn bytes...). */
    public Audit problem(String problem) {
        problems.add(problem);
        return this;
    }

    public Audit check(boolean condition, String problem) {
        return condition ? this : problem(problem);
    }

    /** "ok", or the first problem found. Throws if the state's slice was reused while it ran. */
    public String verdict() {
        arena.checkOwned();
        String verdict = findProblem();
        arena.checkOwned();
        return verdict;
    }

    private String findProblem() {
        if (!problems.isEmpty()) {
            return problems.getFirst();
        }
        long end = -1;
        for (Map.Entry<Long, Integer> block : live.entrySet()) {
            if (block.getKey() < end) {
                return "live blocks overlap at offset " + arena.offset(block.getKey());
            }
            end = block.getKey() + (1L << block.getValue());
        }
        TreeCensus census = TreeCensus.of(arena.geometry, arena.words);
        if (census.faults() != 0) {
            return census.faults() + " tree faults, first: " + census.faultSamples().getFirst();
        }
        long[] expected = new long[arena.geometry.depth + 1];
        live.values().forEach(sizeClass -> expected[sizeClass]++);
        if (!Arrays.equals(census.liveByClass(), expected)) {
            return "live per class " + Arrays.toString(census.liveByClass()) + ", expected "
                    + Arrays.toString(expected);
        }
        for (Map.Entry<Long, Integer> block : live.entrySet()) {
            int found = arena.tree.lookup(block.getKey());
            if (found != block.getValue()) {
                return "lookup(" + arena.offset(block.getKey()) + ") = "
                        + (found >= 0 ? "class " + found : MiniArena.freed(found)) + ", expected class " + block.getValue();
            }
        }
        if (census.pinsInProgress() != 0 || census.mergesInProgress() != 0) {
            return "left half done: " + census.pinsInProgress() + " pins, " + census.mergesInProgress() + " merges";
        }
        return "ok";
    }
}
