package org.shmalloc.reports.tune;

import java.util.ArrayList;
import java.util.List;

import org.shmalloc.ShmConfig;

/**
 * The (minExponent, maxExponent) pairs to sweep for a workload. By default:
 * <ul>
 *   <li>max: from the class of the 95th percentile request (what dropping the largest 5% would
 *       gain) to one above the class of the largest request (what oversizing costs), at most four
 *       values, always including the class that covers every request;</li>
 *   <li>min: from three below the 5th percentile's class (at least 3) to the 25th percentile's
 *       class: beyond that a quarter or more of the requests round up to the smallest block. At
 *       most six values.</li>
 * </ul>
 * A pair outside the core's limits ({@code 3 <= min < max <= 30}, {@code max - min <= 16}, at
 * least one block of {@code 2^max} bytes in the arena) is left out, with the reason.
 */
public final class CandidateGrid {

    static final int MAX_COLUMNS = 4;
    static final int MAX_ROWS = 6;

    private CandidateGrid() {
    }

    /** The candidates, and why each pair of the ranges that is not one was left out. */
    public record Plan(ExponentRange mins, ExponentRange maxes, List<Candidate> candidates, List<String> skipped) {
        public Plan {
            candidates = List.copyOf(candidates);
            skipped = List.copyOf(skipped);
        }
    }

    /** The exponent of the block that covers every request (at most the core's limit). */
    public static int coveringExponent(Workload workload) {
        return clamp(Bytes.exponentOf(workload.largest()), ShmConfig.MIN_EXPONENT_LIMIT + 1,
                ShmConfig.MAX_EXPONENT_LIMIT);
    }

    public static ExponentRange defaultMaxes(Workload workload) {
        int cover = coveringExponent(workload);
        int hi = Math.min(ShmConfig.MAX_EXPONENT_LIMIT, cover + 1);
        int lo = clamp(Bytes.exponentOf(workload.quantile(0.95)), ShmConfig.MIN_EXPONENT_LIMIT + 1, cover);
        return new ExponentRange(Math.max(lo, hi - MAX_COLUMNS + 1), hi);
    }

    public static ExponentRange defaultMins(Workload workload, ExponentRange maxes) {
        int lo = Math.max(ShmConfig.MIN_EXPONENT_LIMIT, Bytes.exponentOf(workload.quantile(0.05)) - 3);
        lo = Math.min(lo, maxes.hi() - 1);
        int hi = clamp(Bytes.exponentOf(workload.quantile(0.25)), lo, maxes.hi() - 1);
        return new ExponentRange(lo, Math.min(hi, lo + MAX_ROWS - 1));
    }

    public static Plan of(ExponentRange mins, ExponentRange maxes, Capacity capacity) {
        List<Candidate> candidates = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int min = mins.lo(); min <= mins.hi(); min++) {
            for (int max = maxes.lo(); max <= maxes.hi(); max++) {
                if (max <= min) {
                    continue; // not a pair: below the diagonal of the grid
                }
                try {
                    candidates.add(new Candidate(capacity.configFor(min, max)));
                } catch (IllegalArgumentException invalid) {
                    skipped.add("(" + min + ", " + max + "): " + invalid.getMessage());
                }
            }
        }
        return new Plan(mins, maxes, candidates, skipped);
    }

    private static int clamp(int value, int lo, int hi) {
        return Math.max(lo, Math.min(hi, value));
    }
}
