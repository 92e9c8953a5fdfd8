package org.shmalloc.reports.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.shmalloc.ShmConfig;

/** The ranking on controlled measurements: its trade-offs, its bound, and its robustness to timing noise. */
class RankingTest {

    private static final long FILE = 1_000_000;

    /** A candidate with efficiency {@code e} (of the file), {@code dropped} and throughput {@code t} (NaN: none). */
    static Measured m(int min, int max, double e, double dropped, double t) {
        MemoryMetrics memory = new MemoryMetrics((long) (e * FILE), (long) (e * FILE) + 1000, FILE - 10_000, FILE,
                10_000, 1000, dropped, true, new long[0]);
        SpeedMetrics speed = Double.isNaN(t) ? null : new SpeedMetrics(t, t / 10, 100 / t, 300 / t, 900 / t, 0);
        return new Measured(new Candidate(new ShmConfig(min, max, 1L << 24)), memory, speed, null);
    }

    private static String pick(List<Measured> all, Weights w) {
        Ranking.Row pick = Ranking.of(all, w).pick();
        return pick == null ? null : pick.candidate().label();
    }

    @Test
    void memoryFirstSpeedBreaksNearTies() {
        Weights w = Weights.defaults();
        // equal speed: the densest
        assertEquals("6-12", pick(List.of(m(5, 12, 0.70, 0, 10), m(6, 12, 0.72, 0, 10), m(7, 12, 0.71, 0, 10)), w));
        // half a point less data for twice the speed: the faster
        assertEquals("5-12", pick(List.of(m(5, 12, 0.715, 0, 20), m(6, 12, 0.72, 0, 10)), w));
        // three points less data for twice the speed: not with the default weight, yes with a heavier one
        assertEquals("6-12", pick(List.of(m(5, 12, 0.69, 0, 20), m(6, 12, 0.72, 0, 10)), w));
        assertEquals("5-12", pick(List.of(m(5, 12, 0.69, 0, 20), m(6, 12, 0.72, 0, 10)), new Weights(0.2, 5, 0.15, 0)));
    }

    @Test
    void configsThatDropTooManyAreNeverRecommended() {
        List<Measured> all = List.of(m(5, 11, 0.80, 0.04, 30), m(5, 12, 0.70, 0, 10));
        assertEquals("5-12", pick(all, Weights.defaults()));
        Ranking ranking = Ranking.of(all, Weights.defaults());
        assertEquals("5-12", ranking.rows().getFirst().candidate().label(), "the recommendation leads the table");
        assertTrue(!ranking.rows().get(1).eligible());
        // allowing 5% drops, the drop weight decides: 0.80/0.80 - 5 x 0.04 = 0.80 < 0.70/0.80 = 0.875
        assertEquals("5-12", pick(all, new Weights(0.04, 5, 0.15, 0.05)));
        assertEquals("5-11", pick(all, new Weights(0.04, 1, 0.15, 0.05)));
        // nothing eligible: no recommendation, and a reason
        Ranking none = Ranking.of(List.of(m(5, 11, 0.8, 0.04, 30)), Weights.defaults());
        assertNull(none.pick());
        assertTrue(none.why().startsWith("No config is recommended"), none.why());
    }

    @Test
    void withoutSpeedTheDensestWins() {
        List<Measured> all = List.of(m(5, 12, 0.70, 0, Double.NaN), m(6, 12, 0.72, 0, Double.NaN));
        Ranking ranking = Ranking.of(all, Weights.defaults());
        assertEquals("6-12", ranking.pick().candidate().label());
        assertTrue(ranking.why().contains("speed not measured"), ranking.why());
        assertTrue(ranking.rows().stream().noneMatch(Ranking.Row::outscores));
    }

    @Test
    void theReasonNamesTheTradeOff() {
        Weights w = Weights.defaults();
        String both = Ranking.of(List.of(m(5, 12, 0.70, 0, 10), m(6, 12, 0.72, 0, 12)), w).why();
        assertTrue(both.startsWith("(6, 12) is both the densest (72.0% ") && both.contains("fastest (12.0 pairs/µs)"),
                both);
        String slower = Ranking.of(List.of(m(5, 12, 0.69, 0, 20), m(6, 12, 0.72, 0, 10)), w).why();
        assertTrue(slower.startsWith("(6, 12) holds the most data (72.0% ") && slower.contains("the fastest, (5, 12), "
                + "is 2.00x as fast, but at 3.0 points less data, more than the speed weight (0.04) pays for"), slower);
        String noise = Ranking.of(List.of(m(5, 12, 0.715, 0, 11), m(6, 12, 0.72, 0, 10)), w).why();
        assertTrue(noise.contains("(5, 12), is 1.10x as fast by the point estimates, a lead the confidence "
                + "intervals do not confirm"), noise);
        String faster = Ranking.of(List.of(m(5, 12, 0.715, 0, 20), m(6, 12, 0.72, 0, 10)), w).why();
        assertTrue(faster.startsWith("(5, 12) runs 2.00x the throughput of the densest config, (6, 12) (beyond the "
                + "confidence intervals), for 0.50 points less data (71.5% vs 72.0% of the file)"), faster);
    }

    /** Candidates like a real sweep's: efficiencies within a few points, throughputs within a factor of 1.5. */
    private static List<Measured> sweep(SplittableRandom r, int n) {
        List<Measured> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(m(3 + i / 4, 11 + i % 4, 0.66 + 0.08 * r.nextDouble(), 0, 8 + 4 * r.nextDouble()));
        }
        return all;
    }

    /** Another run of the same sweep: each throughput off by up to ±noise, and an interval as wide as that noise. */
    private static List<Measured> jitter(List<Measured> all, SplittableRandom r, double noise) {
        List<Measured> noisy = new ArrayList<>();
        for (Measured x : all) {
            double t = x.speed().pairsPerMicro() * (1 + noise * (2 * r.nextDouble() - 1));
            noisy.add(new Measured(x.candidate(), x.memory(), new SpeedMetrics(t, noise * t, 0, 0, 0, 0), null));
        }
        return noisy;
    }

    /**
     * Synthetic sweeps of 12 configs (efficiency 66-74%, throughput 8-12 pairs/µs), each measured ten
     * times with throughputs off by up to ±15% and intervals of ±15%.
     */
    @Test
    void timingNoiseRarelyChangesTheRecommendationWhereATopScoreWouldFlip() {
        SplittableRandom r = new SplittableRandom(42);
        int stable = 0;
        int naiveStable = 0;
        int sets = 200;
        for (int set = 0; set < sets; set++) {
            List<Measured> truth = sweep(r, 12);
            Set<String> picks = new HashSet<>();
            Set<String> naivePicks = new HashSet<>();
            for (int run = 0; run < 10; run++) { // ten runs of the same sweep, throughputs off by up to ±15%
                List<Measured> measured = jitter(truth, r, Weights.DEFAULT_NOISE);
                picks.add(pick(measured, Weights.defaults()));
                naivePicks.add(Ranking.of(measured, Weights.defaults()).rows().stream()
                        .max(java.util.Comparator.comparingDouble(Ranking.Row::score)).orElseThrow().candidate().label());
            }
            stable += picks.size() == 1 ? 1 : 0;
            naiveStable += naivePicks.size() == 1 ? 1 : 0;
        }
        System.out.printf("ten noisy runs agree on %d of %d sweeps (the top score alone: %d)%n", stable, sets,
                naiveStable);
        // a true lead near the threshold still flips (any rule on noisy numbers has a boundary), but rarely
        assertTrue(stable >= 0.85 * sets, "the same recommendation in ten noisy runs, for " + stable + " of " + sets);
        assertTrue(naiveStable <= 0.65 * sets, "the top score alone flips far more: " + naiveStable + " of " + sets);
    }

    @Test
    void whenNoThroughputLeadIsCertainTheTimingsCannotChangeTheRecommendation() {
        SplittableRandom r = new SplittableRandom(3);
        for (int set = 0; set < 500; set++) {
            List<Measured> all = new ArrayList<>();
            for (int i = 0; i < 10; i++) { // intervals of ±100%: every pair overlaps
                double t = Math.exp(3 * r.nextDouble());
                Measured x = m(3 + i / 4, 11 + i % 4, 0.6 + 0.2 * r.nextDouble(), 0, t);
                all.add(new Measured(x.candidate(), x.memory(), new SpeedMetrics(t, t, 0, 0, 0, 0), null));
            }
            Measured densest = all.stream().max(java.util.Comparator.comparingDouble(x -> x.memory().efficiency()))
                    .orElseThrow();
            assertEquals(densest.candidate(), Ranking.of(all, Weights.defaults()).pick().candidate());
        }
    }

    @Test
    void speedNeverBuysMoreThanItsWeightOfEfficiency() {
        SplittableRandom r = new SplittableRandom(7);
        Weights w = Weights.defaults();
        double bound = 1 - w.speed();
        int replaced = 0;
        for (int set = 0; set < 2000; set++) {
            List<Measured> all = new ArrayList<>();
            for (int i = 0; i < 10; i++) { // anything: efficiencies 50-80%, throughputs over a factor of 100
                all.add(m(3 + i / 4, 11 + i % 4, 0.5 + 0.3 * r.nextDouble(), 0, Math.exp(5 * r.nextDouble())));
            }
            Measured densest = all.stream().max(java.util.Comparator.comparingDouble(x -> x.memory().efficiency()))
                    .orElseThrow();
            Ranking.Row pick = Ranking.of(all, w).pick();
            replaced += pick.measured() == densest ? 0 : 1;
            assertTrue(pick.measured().memory().efficiency() >= bound * densest.memory().efficiency() - 1e-12,
                    "within " + (1 - bound) + " of the best: " + pick + " vs " + densest);
        }
        assertTrue(replaced > 100, "speed did win sometimes (" + replaced + " of 2000), so the bound was tested");
        assertTrue(bound >= 0.95, "the default weights keep the recommendation within 5% of the densest");
    }
}
