package org.shmalloc.bench.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;

/** Runs the real harness (worker JVMs on one arena file) for a fraction of a second. */
class ProcessBenchTest {

    private static final ProcessBench.Timing TINY = new ProcessBench.Timing(1, 1, 2, 100);
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void twoProcessesOnOneArenaReportJmhResultsAndLatency(@TempDir Path out) throws Exception {
        ProcessBench.Spec spec = new ProcessBench.Spec("shm", 2, "private", "5-12", "64M", "uniform");
        RunResult result = ProcessBench.run(spec, TINY, out, QUIET);
        assertEquals("org.shmalloc.bench.proc.ProcessBench.privateFrees", result.getParams().getBenchmark());
        assertEquals("2", result.getParams().getParam("processes"));
        assertEquals(2, result.getParams().getThreads());
        assertTrue(result.getPrimaryResult().getScore() > 0, "calls were made");
        assertEquals(2, result.getPrimaryResult().getStatistics().getN(), "one score per measurement iteration");

        Path json = out.resolve("processes.json");
        ProcessBench.writeJson(List.of(result), json);
        String text = Files.readString(json);
        assertTrue(text.contains("\"primaryMetric\"") && text.contains("\"processes\" : \"2\""), text);

        Path hgrm = out.resolve("ProcessBench.privateFrees-arena=64M-config=5-12-impl=shm-processes=2-sizes=uniform.pair.hgrm");
        assertTrue(Files.readString(hgrm).contains("Total count"), "a percentile distribution");
    }

    @Test
    void crossFreesHandOffsetsToTheOtherProcess(@TempDir Path out) throws Exception {
        for (int held : new int[] {0, 64}) {
            ProcessBench.Spec spec = new ProcessBench.Spec("shm", 2, "cross", "5-12", "64M", "uniform", held);
            RunResult result = ProcessBench.run(spec, TINY, out, QUIET);
            assertTrue(result.getPrimaryResult().getScore() > 0);
            assertEquals(Integer.toString(held), result.getParams().getParam("held"));
            assertTrue(Files.exists(out.resolve("ProcessBench.crossFrees-arena=64M-config=5-12-held=" + held
                    + "-impl=shm-processes=2-sizes=uniform.free.hgrm")));
        }
    }

    @Test
    void onlyCrossFreesHoldOffsets() {
        assertThrows(IllegalArgumentException.class,
                () -> new ProcessBench.Spec("shm", 2, "private", "5-12", "64M", "uniform", 64));
        assertThrows(IllegalArgumentException.class,
                () -> new ProcessBench.Spec("shm", 2, "cross", "5-12", "64M", "uniform", -1));
    }
}
