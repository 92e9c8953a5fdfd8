package org.shmalloc.reports.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check on each synthetic mix: the recommendation's efficiency is within 5% of the best
 * in the sweep (the best of the configs that serve every request), on the default grid, with the
 * memory replayed on real arenas and the speeds chosen to pull the other way: the densest config
 * "measured" three times slower than every other, every lead certain. (A 16 MiB arena instead of the default 64 MiB keeps it
 * fast; the figures scale.)
 */
class TuneSweepTest {

    @TempDir
    Path dir;

    /** A probe that "measures" what it is told, counting its calls. */
    static final class StubProbe implements SpeedProbe {
        private final ToDoubleFunction<Candidate> throughput;
        int calls;

        StubProbe(ToDoubleFunction<Candidate> throughput) {
            this.throughput = throughput;
        }

        @Override
        public SpeedMetrics measure(Candidate candidate, Path requests) {
            calls++;
            double t = throughput.applyAsDouble(candidate);
            return new SpeedMetrics(t, t / 20, 1000 / t, 3000 / t, 9000 / t, 0);
        }

        @Override
        public double estimateSeconds() {
            return 0;
        }

        @Override
        public String describe() {
            return "stub";
        }
    }

    static Sweep.Result sweep(Workload w, SpeedProbe probe, Path dir, StringWriter log) throws IOException {
        ExponentRange maxes = CandidateGrid.defaultMaxes(w);
        CandidateGrid.Plan plan = CandidateGrid.of(CandidateGrid.defaultMins(w, maxes), maxes,
                Capacity.arena(16L << 20));
        return Sweep.run(w, plan, probe, Weights.defaults(), 1, MemoryReplay.DEFAULT_ROUNDS, dir,
                dir.resolve("requests.txt"), new PrintWriter(log, true));
    }

    @Test
    void onEachMixTheRecommendationIsWithinFivePercentOfTheDensest() throws IOException {
        for (SyntheticMix mix : SyntheticMix.values()) {
            Workload w = mix.workload();
            StringWriter log = new StringWriter();
            Sweep.Result memory = sweep(w, null, dir, log);
            assertTrue(log.toString().contains("[1/" + memory.measured().size() + "] "), "progress: n of m");
            assertTrue(log.toString().contains(" left"), "progress: time left");
            // speeds that pull the other way as hard as they can: the densest serving config slowest, every other
            // config three times as fast, with intervals narrow enough (±5%) that every lead counts as certain
            double hi = memory.measured().stream().filter(m -> m.memory().dropped() == 0)
                    .mapToDouble(m -> m.memory().efficiency()).max().orElseThrow();
            List<Measured> measured = memory.measured().stream().map(m -> {
                double t = m.memory().efficiency() == hi ? 10 : 30;
                return new Measured(m.candidate(), m.memory(), new SpeedMetrics(t, t / 20, 0, 0, 0, 0), null);
            }).toList();
            Ranking ranking = Ranking.of(measured, Weights.defaults());

            List<Measured> serving = measured.stream().filter(m -> m.memory().dropped() == 0).toList();
            double best = serving.stream().mapToDouble(m -> m.memory().efficiency()).max().orElseThrow();
            Ranking.Row pick = ranking.pick();
            double picked = pick.measured().memory().efficiency();
            assertTrue(picked >= 0.95 * best, mix + ": recommended " + pick.candidate().pair() + " at " + picked
                    + ", the best serving config holds " + best);
            assertEquals(0, pick.measured().memory().dropped(), mix + ": the recommendation serves every request");
            assertTrue(picked < best, mix + ": speed won, so the bound was tested");
            System.out.printf("%s: %d candidates, recommended %s at %.1f%% (best %.1f%%): %s%n", mix.label(),
                    measured.size(), pick.candidate().pair(), 100 * picked, 100 * best, ranking.why());
        }
    }
}
