package org.shmalloc.reports.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.shmalloc.reports.JmhFixture;
import org.shmalloc.reports.SuiteRuns;
import org.shmalloc.reports.results.BenchmarkRun;

/** The gate's decisions on runs whose noise and slowdowns are known. */
class ComparisonTest {

    @TempDir
    Path dir;

    private BenchmarkRun run(String name, long seed, double spread, double shm, double machine) throws IOException {
        return BenchmarkRun.load(SuiteRuns.write(dir.resolve(name), seed, spread, shm, machine));
    }

    private static List<Comparison.Row> rows(Comparison c, Verdict verdict) {
        return c.rows().stream().filter(r -> r.verdict() == verdict).toList();
    }

    @Test
    void unchangedCodeWithNoiseLevelDifferencesIsNotFlagged() throws IOException {
        BenchmarkRun base = run("base", 1, SuiteRuns.QUIET, 1, 1);
        for (long seed = 2; seed <= 11; seed++) {
            Comparison c = Comparison.of(base, run("new" + seed, seed, SuiteRuns.QUIET, 1, 1), GateSettings.defaults());
            assertFalse(c.failed(), "seed " + seed + ": " + c.summary());
            assertEquals(0, c.count(Verdict.IMPROVEMENT), c.summary());
            assertEquals(SuiteRuns.ROWS - 4, c.count(Verdict.UNCHANGED), c.summary());
            assertEquals(4, c.count(Verdict.FLOOR), c.summary());
        }
    }

    @Test
    void thirtyPercentSlowerMallocIsFlaggedOnEveryShmBenchmark() throws IOException {
        BenchmarkRun base = run("base", 1, SuiteRuns.QUIET, 1, 1);
        Comparison c = Comparison.of(base, run("slow", 2, SuiteRuns.QUIET, 1.3, 1), GateSettings.defaults());
        assertTrue(c.failed(), c.summary());
        List<Comparison.Row> regressions = rows(c, Verdict.REGRESSION);
        assertEquals(SuiteRuns.SHM_ROWS, regressions.size(), c.summary());
        for (Comparison.Row row : regressions) {
            assertEquals("shm", row.key().params().get("impl"), row.key().toString());
            assertEquals(1.3, row.ratio(), 0.06, row.key().toString());
            assertTrue(row.range().lo() > 1, row.key() + " " + row.range());
        }
        // the peers and the floors did not change
        assertTrue(rows(c, Verdict.UNCHANGED).stream().allMatch(r -> r.key().params().get("impl").equals("locked")));
    }

    @Test
    void throughputScoresAreComparedAsCosts() throws IOException {
        Comparison c = Comparison.of(run("base", 1, SuiteRuns.QUIET, 1, 1), run("slow", 2, SuiteRuns.QUIET, 1.3, 1),
                GateSettings.defaults());
        Comparison.Row threads = c.rows().stream()
                .filter(r -> r.key().benchmark().endsWith("private2") && r.key().params().get("impl").equals("shm"))
                .findFirst().orElseThrow();
        assertEquals("thrpt", threads.key().mode());
        assertEquals(Verdict.REGRESSION, threads.verdict());
        assertEquals(1.3, threads.ratio(), 0.06); // fewer ops/us is a higher cost
    }

    @Test
    void aSlowerMachineIsNotARegressionOnceNormalisedButWouldBeRaw() throws IOException {
        BenchmarkRun base = run("base", 1, SuiteRuns.QUIET, 1, 1);
        BenchmarkRun busy = run("busy", 2, SuiteRuns.QUIET, 1, 1.3);
        Comparison normalised = Comparison.of(base, busy, GateSettings.defaults());
        assertFalse(normalised.failed(), normalised.summary());
        GateSettings d = GateSettings.defaults();
        GateSettings raw = new GateSettings(d.maxSlowdown(), d.minImprovement(), false, d.intervals(), false,
                d.floorRule());
        Comparison absolute = Comparison.of(base, busy, raw);
        assertTrue(absolute.failed(), "raw times must see the machine's slowdown: " + absolute.summary());
        assertEquals(SuiteRuns.ROWS, absolute.count(Verdict.REGRESSION), absolute.summary());
    }

    @Test
    void aSlowdownWithinTheNoiseIsNotFlagged() throws IOException {
        // +-25 % per iteration: a 30 % slowdown is not distinguishable from noise
        BenchmarkRun base = run("base", 1, 0.25, 1, 1);
        Comparison c = Comparison.of(base, run("slow", 2, 0.25, 1.3, 1), GateSettings.defaults());
        assertFalse(c.failed(), c.summary());
        assertTrue(c.rows().stream().anyMatch(r -> r.note().contains("intervals overlap")), c.summary());
    }

    @Test
    void aSlowdownBelowTheThresholdIsNotFlaggedEvenWhenSignificant() throws IOException {
        // +-0.5 % noise: a 10 % slowdown is significant, but below the 15 % threshold
        BenchmarkRun base = run("base", 1, 0.005, 1, 1);
        Comparison c = Comparison.of(base, run("slow", 2, 0.005, 1.10, 1), GateSettings.defaults());
        assertFalse(c.failed(), c.summary());
        assertEquals(SuiteRuns.SHM_ROWS, c.rows().stream().filter(r -> r.note().equals("within the threshold")
                && r.key().params().get("impl").equals("shm")).count());
        // and a lower threshold catches it
        GateSettings d = GateSettings.defaults();
        GateSettings strict = new GateSettings(0.05, 0.05, true, d.intervals(), false, d.floorRule());
        assertEquals(SuiteRuns.SHM_ROWS, Comparison.of(base, run("slow2", 3, 0.005, 1.10, 1), strict)
                .count(Verdict.REGRESSION));
    }

    @Test
    void aThirtyPercentSpeedUpIsAnImprovementAndPassesTheGate() throws IOException {
        Comparison c = Comparison.of(run("base", 1, SuiteRuns.QUIET, 1, 1), run("fast", 2, SuiteRuns.QUIET, 1 / 1.3, 1),
                GateSettings.defaults());
        assertFalse(c.failed(), c.summary());
        assertEquals(SuiteRuns.SHM_ROWS, c.count(Verdict.IMPROVEMENT), c.summary());
    }

    @Test
    void missingAndAddedBenchmarksAreReportedAndOptionallyFail() throws IOException {
        Path onlyFloor = new JmhFixture()
                .avgt("org.shmalloc.bench.PairBench.pair", JmhFixture.params("impl", "floor", "config", "5-10",
                        "arena", "256M", "sizes", "min"), JmhFixture.noisy(10, 0.03, 3, 4, 7))
                .avgt("org.shmalloc.bench.NewBench.x", JmhFixture.params("impl", "shm"),
                        JmhFixture.noisy(10, 0.03, 3, 4, 8))
                .write(dir.resolve("partial")).getParent();
        BenchmarkRun base = run("base", 1, SuiteRuns.QUIET, 1, 1);
        Comparison c = Comparison.of(base, BenchmarkRun.load(onlyFloor), GateSettings.defaults());
        assertEquals(SuiteRuns.ROWS - 1, c.count(Verdict.MISSING));
        assertEquals(1, c.count(Verdict.ADDED));
        assertFalse(c.failed());
        GateSettings d = GateSettings.defaults();
        assertTrue(Comparison.of(base, BenchmarkRun.load(onlyFloor), new GateSettings(d.maxSlowdown(),
                d.minImprovement(), true, d.intervals(), true, d.floorRule())).failed());
    }

    @Test
    void aScoreWithoutAnErrorEstimateIsNeverFlagged() throws IOException {
        double[][] oneIteration = {{10}};
        double[][] slowOne = {{20}};
        Map<String, String> floor = JmhFixture.params("impl", "floor");
        Map<String, String> shm = JmhFixture.params("impl", "shm");
        BenchmarkRun base = BenchmarkRun.load(new JmhFixture().avgt("a.B.c", floor, oneIteration)
                .avgt("a.B.c", shm, oneIteration).write(dir.resolve("one")));
        BenchmarkRun slow = BenchmarkRun.load(new JmhFixture().avgt("a.B.c", floor, oneIteration)
                .avgt("a.B.c", shm, slowOne).write(dir.resolve("two")));
        Comparison c = Comparison.of(base, slow, GateSettings.defaults());
        assertEquals(1, c.count(Verdict.NOT_COMPARED), c.summary());
        assertFalse(c.failed());
    }

    @Test
    void aStandAloneFloorBenchmarkServesResultsWithoutAnImplParameter() throws IOException {
        Map<String, String> none = Map.of();
        BenchmarkRun base = BenchmarkRun.load(new JmhFixture()
                .thrpt("fix.CasFloor.pair", 1, none, JmhFixture.noisy(100, 0.03, 3, 4, 1))
                .thrpt("fix.Pair.mallocFree", 1, none, JmhFixture.noisy(40, 0.03, 3, 4, 2)).write(dir.resolve("a")));
        BenchmarkRun slow = BenchmarkRun.load(new JmhFixture()
                .thrpt("fix.CasFloor.pair", 1, none, JmhFixture.noisy(100, 0.03, 3, 4, 3))
                .thrpt("fix.Pair.mallocFree", 1, none, JmhFixture.noisy(40 / 1.3, 0.03, 3, 4, 4))
                .write(dir.resolve("b")));
        GateSettings d = GateSettings.defaults();
        Comparison c = Comparison.of(base, slow, new GateSettings(d.maxSlowdown(), d.minImprovement(), true,
                d.intervals(), false, new FloorRule("impl", "floor", Pattern.compile("(?i).*floor.*"))));
        assertEquals(1, c.count(Verdict.REGRESSION), c.summary());
        assertEquals(1, c.count(Verdict.FLOOR), c.summary());
    }

    @Test
    void realRunsOfUnchangedCodeOnALoadedMachineAreNotFlagged() throws IOException {
        BenchmarkRun a = BenchmarkRun.load(fixture("runA"));
        BenchmarkRun b = BenchmarkRun.load(fixture("runB"));
        for (Comparison c : List.of(Comparison.of(a, b, GateSettings.defaults()),
                Comparison.of(b, a, GateSettings.defaults()))) {
            assertFalse(c.failed(), c.summary());
            assertEquals(0, c.count(Verdict.MISSING) + c.count(Verdict.ADDED));
        }
        Comparison same = Comparison.of(a, a, GateSettings.defaults());
        assertTrue(same.rows().stream().filter(r -> Double.isFinite(r.ratio())).allMatch(r -> r.ratio() == 1.0));
    }

    static Path fixture(String name) {
        try {
            return Path.of(ComparisonTest.class.getResource("/fixtures/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
