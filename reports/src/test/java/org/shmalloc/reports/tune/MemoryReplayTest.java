package org.shmalloc.reports.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shmalloc.ShmConfig;
import org.shmalloc.internal.ArenaLayout;

/** The memory replay on the real allocator: exact where the arithmetic is known, deterministic, and tidy. */
class MemoryReplayTest {

    @TempDir
    Path dir;

    private static Candidate candidate(int min, int max, long arena) {
        return new Candidate(new ShmConfig(min, max, arena));
    }

    private static Workload only(long... sizesAndCounts) {
        TreeMap<Long, Double> weights = new TreeMap<>();
        for (int i = 0; i < sizesAndCounts.length; i += 2) {
            weights.put(sizesAndCounts[i], (double) sizesAndCounts[i + 1]);
        }
        return Workload.histogram("test", "test", weights);
    }

    @Test
    void oneSizeFillsTheArenaToItsLastBlockAndRoundsUpToAPowerOfTwo() throws IOException {
        Candidate c = candidate(5, 12, 1L << 20);
        MemoryMetrics m = MemoryReplay.run(c, only(100, 1), 1, 0, dir);
        assertEquals(100.0 / 128, m.blockEfficiency(), 1e-12, "100 bytes take a 128-byte block");
        assertEquals(m.served() * 128, m.blockBytes());
        assertEquals((1L << 20) - 32, m.capacityBytes(), "the NULL unit is reserved");
        assertTrue(m.capacityBytes() - m.blockBytes() < 128, "packed to the last block: " + m);
        assertEquals(m.served() * 100, m.userBytes());
        ArenaLayout layout = new ArenaLayout(c.config());
        assertEquals(layout.fileSize, m.fileBytes());
        assertEquals((double) layout.metadataBytes() / layout.fileSize, m.metadataShare(), 1e-12);
        assertEquals(m.userBytes() / (double) layout.fileSize, m.efficiency(), 1e-12, "no churn: the first fill");
        assertTrue(m.filled());
        assertEquals(0, m.dropped());
    }

    @Test
    void requestsAboveTheLargestBlockAreDroppedAndNotServed() throws IOException {
        MemoryMetrics m = MemoryReplay.run(candidate(5, 12, 1L << 20), only(100, 9, 10_000, 1), 1, 0, dir);
        assertEquals(0.1, m.dropped(), 1e-12);
        assertEquals(m.served() * 100, m.userBytes(), "only the 100-byte requests were served");
        MemoryMetrics all = MemoryReplay.run(candidate(5, 14, 1L << 20), only(100, 9, 10_000, 1), 1, 0, dir);
        assertEquals(0, all.dropped());
        assertTrue(all.userBytes() > all.served() * 100, "16 KiB blocks serve the 10,000-byte requests too");
    }

    @Test
    void churnLeavesHolesThatTheFirstFillNeverShowsAndTheReplayIsDeterministic() throws IOException {
        Workload paths = SyntheticMix.PATHS.workload();
        Candidate c = candidate(6, 13, 16L << 20);
        MemoryMetrics first = MemoryReplay.run(c, paths, 1, 8, dir);
        MemoryMetrics again = MemoryReplay.run(c, paths, 1, 8, dir);
        assertEquals(first, again, "same workload, seed and config: same figures");
        assertEquals(8, first.churn().length);
        assertTrue(first.fillEfficiency() > 0.72, "the first fill packs the arena: " + first);
        assertTrue(first.churnEfficiency() < first.fillEfficiency() - 0.005,
                "after frees, a large request fails with room left in holes: " + first);
        assertEquals(first.churnEfficiency() * first.capacityBytes() / first.fileBytes(), first.efficiency(), 1e-12,
                "the score's efficiency is the churn rounds' mean over the file");
        MemoryMetrics otherSeed = MemoryReplay.run(c, paths, 2, 8, dir);
        assertTrue(Math.abs(otherSeed.efficiency() - first.efficiency()) < 0.03,
                "the mean of 8 rounds moves little with the seed: " + first.efficiency() + " vs "
                        + otherSeed.efficiency());
    }

    @Test
    void arenaFilesAreRemoved() throws IOException {
        MemoryReplay.run(candidate(5, 12, 1L << 20), only(100, 1), 1, 1, dir);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aWorkloadThatIsAllDropsServesNothingAndSaysSo() throws IOException {
        MemoryMetrics m = MemoryReplay.run(candidate(5, 12, 1L << 20), only(1 << 20, 1), 1, 2, dir);
        assertEquals(1.0, m.dropped());
        assertEquals(0, m.userBytes());
        assertTrue(!m.filled());
        // 99.99% drops: a fill would draw ~10^7 requests; it is cut at 100 times an undropped fill's bound
        Workload mostly = Workload.histogram("rare", "rare", new TreeMap<>(Map.of(64L, 1.0, 1L << 20, 1e4)));
        MemoryMetrics rare = MemoryReplay.run(candidate(5, 12, 1L << 20), mostly, 1, 0, dir);
        assertTrue(rare.served() > 0 && !rare.filled(), "a bounded replay, not an endless one: " + rare);
    }
}
