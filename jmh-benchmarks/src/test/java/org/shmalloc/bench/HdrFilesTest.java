package org.shmalloc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HdrFilesTest {

    @Test
    void mergesTheForksOfOneNameIntoOneHgrm(@TempDir Path dir) throws Exception {
        Path logs = dir.resolve("logs");
        Files.createDirectories(logs);
        log(logs.resolve("Bench.m-impl=shm.malloc.101.hlog"), 1000, 500);    // fork 1: 500 x 1 us
        log(logs.resolve("Bench.m-impl=shm.malloc.102.hlog"), 3000, 500);    // fork 2: 500 x 3 us
        log(logs.resolve("Bench.m-impl=shm.free.101.hlog"), 2000, 10);
        List<Path> written = HdrFiles.mergeLogs(logs, dir.resolve("hgrm"));
        assertEquals(2, written.size());
        String malloc = Files.readString(dir.resolve("hgrm/Bench.m-impl=shm.malloc.hgrm"));
        assertTrue(malloc.contains("Total count    =         1000"), malloc);
        assertTrue(malloc.contains("Max     =        3.001"), "microseconds: " + malloc);
    }

    private static void log(Path file, long nanos, int count) throws Exception {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(nanos, count);
        try (PrintStream out = new PrintStream(Files.newOutputStream(file))) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputIntervalHistogram(h);
        }
    }
}
