package org.shmalloc.jcstress.arena;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.shmalloc.internal.BuddyTree;
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
 *   <li>the space summary keeps its invariant C ({@code SpaceSummary.check}): every word that is
 *       not TENTATIVE claims the largest free class of every block below it (all frees have
 *       returned once the actors are done);</li>
 *   <li>no scenario-specific problem was reported ({@link #problem});</li>
 *   <li>then, if the scenario asks: every summary word above a block claims a class freed there
 *       ({@link #summaryClaims}), and a malloc made now succeeds exactly when it must
 *       ({@link #mallocAfterwards}); it runs last, since it changes the arena.</li>
 * </ul>
 * Otherwise it names the first problem; every scenario lists anything but "ok" as FORBIDDEN.
 */
public final class Audit {

    private final MiniArena arena;
    private final TreeMap<Long, Integer> live;
    private final List<String> problems = new ArrayList<>();
    /** Blocks freed by the actors and still free: the summary must claim them. */
    private final List<Block> claimed = new ArrayList<>();
    /** Mallocs to make after the checks. */
    private final List<Retry> retries = new ArrayList<>();

    private record Block(long unit, int sizeClass) {
    }

    private record Retry(int sizeClass, boolean fits) {
    }

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

    /** {@code unit}, of {@code sizeClass}, is free now: every summary word above its block must claim the class. */
    public Audit summaryClaims(long unit, int sizeClass) {
        claimed.add(new Block(unit, sizeClass));
        return this;
    }

    /**
     * After the other checks, a malloc of {@code sizeClass} (fresh cursor) must succeed if
     * {@code fits}, and return NULL otherwise. Several run in the order given.
     */
    public Audit mallocAfterwards(int sizeClass, boolean fits) {
        retries.add(new Retry(sizeClass, fits));
        return this;
    }

    /** "ok", or the first problem found. Throws if the state's slice was reused while it ran. */
    public String verdict() {
        arena.checkOwned();
        String verdict = findProblem();
        arena.checkOwned();
        return verdict;
    }

    private boolean overlapsLive(long unit, int sizeClass) {
        Map.Entry<Long, Integer> before = live.floorEntry(unit);
        Long after = live.ceilingKey(unit);
        return (before != null && before.getKey() + (1L << before.getValue()) > unit)
                || (after != null && after < unit + (1L << sizeClass));
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
        List<String> summaryFaults = new ArrayList<>();
        long faults = arena.tree.summary().check(arena.tree::blockBound, summaryFaults, 1, new long[1]);
        if (faults != 0) {
            return faults + " summary faults, first: " + summaryFaults.getFirst();
        }
        for (Block freed : claimed) {
            String missing = arena.summary.firstNotClaiming(freed.unit >>> arena.geometry.depth, freed.sizeClass);
            if (missing != null) {
                return missing;
            }
        }
        BuddyTree.Cursor cursor = arena.cursor(0);
        for (Retry retry : retries) {
            long unit = arena.tree.allocate(retry.sizeClass, cursor);
            if ((unit >= 0) != retry.fits) {
                return "afterwards, malloc of class " + retry.sizeClass + " returned " + arena.offset(unit)
                        + (retry.fits ? " though a block of it is free" : " though none is free");
            }
            if (unit >= 0) {
                if (overlapsLive(unit, retry.sizeClass)) {
                    return "afterwards, malloc of class " + retry.sizeClass + " returned live memory at "
                            + arena.offset(unit);
                }
                live.put(unit, retry.sizeClass);
            }
        }
        return "ok";
    }
}
