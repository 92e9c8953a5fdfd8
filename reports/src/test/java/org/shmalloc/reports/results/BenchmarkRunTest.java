package org.shmalloc.reports.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.shmalloc.reports.JmhFixture;

class BenchmarkRunTest {

    @TempDir
    Path dir;

    @Test
    void loadsTheRunnersResultsFolder() throws IOException {
        BenchmarkRun run = BenchmarkRun.load(JmhJsonReaderTest.fixture("runA"));
        assertEquals(20, run.results().size());
        assertEquals(4, run.latencies().size());
        RunEnvironment env = run.env();
        assertEquals("fixture", env.get("profile"));
        assertEquals("2", env.get("machine.cores"));
        assertEquals("25.0.3", env.get("jdk.version"));
        assertEquals("profile", env.entries().keySet().iterator().next()); // headline keys first
        // sorted by key: benchmark name, then mode, threads, params
        assertEquals("fix.LatencyBench.pair", run.results().getFirst().key().benchmark());
    }

    @Test
    void aSingleJsonFileIsARunToo() throws IOException {
        BenchmarkRun run = BenchmarkRun.load(JmhJsonReaderTest.fixture("jmh-mixed.json"));
        assertEquals(7, run.results().size());
        assertEquals("1.37", run.env().get("jmh")); // from the JMH file, no env.json
    }

    @Test
    void theSameBenchmarkTwiceInOneFolderIsAnError() throws IOException {
        new JmhFixture().avgt("a.B.c", JmhFixture.params("impl", "shm"), JmhFixture.noisy(10, 0.01, 2, 2, 1))
                .write(dir.resolve("one"));
        new JmhFixture().avgt("a.B.c", JmhFixture.params("impl", "shm"), JmhFixture.noisy(10, 0.01, 2, 2, 2))
                .write(dir.resolve("two"));
        IOException e = assertThrows(IOException.class, () -> BenchmarkRun.load(dir));
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
    }

    @Test
    void aFolderWithoutResultsIsAnError() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "nothing");
        assertThrows(IOException.class, () -> BenchmarkRun.load(dir));
        assertThrows(IOException.class, () -> BenchmarkRun.load(dir.resolve("absent")));
    }
}
