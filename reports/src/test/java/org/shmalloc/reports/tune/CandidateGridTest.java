package org.shmalloc.reports.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.shmalloc.ShmConfig;
import org.shmalloc.internal.ArenaLayout;

/** The sweep's candidates: they cover the workload and respect the core's limits. */
class CandidateGridTest {

    private static final Capacity ARENA = Capacity.arena(64L << 20);

    @Test
    void theDefaultGridOfEachMixCoversItsLargestRequestAndShowsTheCostOfOversizing() {
        for (SyntheticMix mix : SyntheticMix.values()) {
            Workload w = mix.workload();
            ExponentRange maxes = CandidateGrid.defaultMaxes(w);
            ExponentRange mins = CandidateGrid.defaultMins(w, maxes);
            int cover = Bytes.exponentOf(w.largest());
            assertTrue(maxes.lo() <= cover && cover < maxes.hi(), mix + ": " + maxes);
            assertTrue(maxes.size() <= CandidateGrid.MAX_COLUMNS && mins.size() <= CandidateGrid.MAX_ROWS);
            assertTrue(mins.lo() >= ShmConfig.MIN_EXPONENT_LIMIT);
            List<Candidate> candidates = CandidateGrid.of(mins, maxes, ARENA).candidates();
            assertTrue(candidates.stream().anyMatch(c -> w.fractionAbove(1L << c.maxExponent()) == 0),
                    mix + ": some candidate serves every request");
            assertTrue(candidates.size() <= 24, mix + ": " + candidates.size() + " candidates keep a sweep short");
        }
        // the paths mix: min 3..7 (5th percentile 45 B, 25th 98 B), max 11..13 (95th percentile 1.6 KiB, largest 4 KiB)
        Workload paths = SyntheticMix.PATHS.workload();
        ExponentRange maxes = CandidateGrid.defaultMaxes(paths);
        assertEquals(new ExponentRange(11, 13), maxes);
        assertEquals(new ExponentRange(3, 7), CandidateGrid.defaultMins(paths, maxes));
    }

    @Test
    void pairsOutsideTheCoresLimitsAreLeftOutWithTheReason() {
        CandidateGrid.Plan plan = CandidateGrid.of(new ExponentRange(3, 5), new ExponentRange(4, 21),
                Capacity.arena(1L << 20));
        for (Candidate c : plan.candidates()) {
            assertTrue(c.minExponent() >= 3 && c.minExponent() < c.maxExponent() && c.maxExponent() <= 30);
            assertTrue(c.maxExponent() - c.minExponent() <= 16);
            assertTrue(c.config().blockCount() >= 1);
        }
        assertEquals(3 * 18 - 3, plan.candidates().size() + plan.skipped().size(), "every pair with min < max");
        assertTrue(plan.skipped().stream().anyMatch(s -> s.startsWith("(3, 20): invalid exponents")), plan.skipped()
                .toString());
        assertTrue(plan.skipped().stream().anyMatch(s -> s.startsWith("(5, 21): invalid arenaBytes")),
                "a 1 MiB arena holds no 2 MiB block: " + plan.skipped());
        assertFalse(plan.candidates().stream().anyMatch(c -> c.maxExponent() > 20));
    }

    @Test
    void aBudgetGivesEachConfigTheMostDataWhoseFileFits() {
        long budget = 64L << 20;
        for (int[] pair : new int[][] {{3, 12}, {5, 12}, {6, 16}, {4, 8}}) {
            ShmConfig config = Capacity.budget(budget).configFor(pair[0], pair[1]);
            long file = new ArenaLayout(config).fileSize;
            assertTrue(file <= budget, "fits: " + config);
            ShmConfig oneMore = new ShmConfig(pair[0], pair[1], config.arenaBytes() + (1L << pair[1]));
            assertTrue(new ArenaLayout(oneMore).fileSize > budget, "one more block would not: " + config);
        }
        // more metadata, less data: (3, 12) gets less than (6, 12)
        assertTrue(Capacity.budget(budget).configFor(3, 12).arenaBytes()
                < Capacity.budget(budget).configFor(6, 12).arenaBytes());
    }

    @Test
    void aWorkloadOfHugeRequestsIsCappedAtTheCoresLargestBlock() {
        Workload w = Workload.histogram("huge", "huge", new TreeMap<>(Map.of(64L, 1.0, 1L << 33, 1.0)));
        ExponentRange maxes = CandidateGrid.defaultMaxes(w);
        assertEquals(30, maxes.hi());
        assertEquals(30, CandidateGrid.coveringExponent(w));
    }
}
