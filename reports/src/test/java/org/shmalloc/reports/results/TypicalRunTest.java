package org.shmalloc.reports.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shmalloc.reports.SuiteRuns;

class TypicalRunTest {

    @TempDir
    Path dir;

    @Test
    void aRunWithSlowOutliersIsNotTheTypicalOne() throws IOException {
        // three runs of unchanged code, the first of which was 20% slower on every shm benchmark
        List<BenchmarkRun> runs = TypicalRun.load(List.of(
                SuiteRuns.write(dir.resolve("slow"), 1, SuiteRuns.QUIET, 1.2, 1),
                SuiteRuns.write(dir.resolve("a"), 2, SuiteRuns.QUIET, 1, 1),
                SuiteRuns.write(dir.resolve("b"), 3, SuiteRuns.QUIET, 1, 1)));
        double[] distances = TypicalRun.distances(runs);
        assertTrue(distances[0] > distances[1] && distances[0] > distances[2], java.util.Arrays.toString(distances));
        assertTrue(TypicalRun.closest(distances) != 0, "kept the slow run");
    }

    @Test
    void oneRunIsItsOwnTypicalRun() throws IOException {
        List<BenchmarkRun> runs = TypicalRun.load(List.of(SuiteRuns.write(dir.resolve("a"), 1, SuiteRuns.QUIET, 1, 1)));
        assertEquals(0, TypicalRun.closest(TypicalRun.distances(runs)));
        assertEquals(0.0, TypicalRun.distances(runs)[0]);
    }
}
