package org.shmalloc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shmalloc.ShmStats;
import org.shmalloc.bench.workload.ArenaParams;

/** TuneBench's setup builds what the tune command asks for: its requests, its occupancy, its attachments. */
class TuneBenchTest {

    @TempDir
    Path dir;

    @Test
    void theTableKeepsTheFileOrderAndLeavesOutWhatIsTooLarge() throws IOException {
        Path file = dir.resolve("requests.txt");
        Files.writeString(file, "100\n5000\n\n4096\n7\n");
        int[] table = TuneBench.table(file.toString(), ArenaParams.of("5-12", "8M"));
        assertEquals(TuneBench.TABLE, table.length);
        assertEquals("[100, 4096, 7, 100, 4096, 7]", Arrays.toString(Arrays.copyOf(table, 6)),
                "5000 > 4096 is dropped, the rest repeats in order");
        Path large = dir.resolve("large.txt");
        Files.writeString(large, "100\n5000\n");
        assertThrows(IllegalArgumentException.class,
                () -> TuneBench.table(large.toString(), ArenaParams.of("3-6", "8M")), "nothing fits 64-byte blocks");
        int[] mix = TuneBench.table("uniform", ArenaParams.of("5-12", "8M"));
        assertTrue(Arrays.stream(mix).allMatch(s -> s >= 1 && s <= 4096));
    }

    @Test
    void setupFillsToTheOccupancyAndEveryAttachmentServesPairs() throws IOException {
        Path file = dir.resolve("requests.txt");
        Files.writeString(file, "40\n300\n1000\n");
        TuneBench bench = new TuneBench();
        bench.config = "5-12";
        bench.arena = "8M";
        bench.requests = file.toString();
        bench.processes = 2;
        bench.occupancy = 50;
        bench.setUp();
        try {
            ShmStats stats = bench.attachmentsForTest()[0].stats();
            assertTrue(stats.occupancy() >= 0.5 && stats.occupancy() < 0.51, "filled to 50%: " + stats);
            assertNotEquals(bench.attachmentsForTest()[0], bench.attachmentsForTest()[1]);
            long live = stats.liveAllocations();
            MallocOutcomes outcomes = new MallocOutcomes();
            for (int thread = 0; thread < 2; thread++) {
                TuneBench.Worker w = new TuneBench.Worker();
                w.allocator = bench.attachmentsForTest()[thread];
                w.table = TuneBench.table(file.toString(), ArenaParams.of("5-12", "8M"));
                for (int i = 0; i < 1000; i++) {
                    assertNotEquals(0, bench.pair(w, outcomes));
                }
            }
            assertEquals(2000, outcomes.mallocs);
            assertEquals(0, outcomes.failedMallocs);
            assertEquals(live, bench.attachmentsForTest()[1].stats().liveAllocations(), "every pair freed its block");
        } finally {
            Path arena = bench.attachmentsForTest()[0].file();
            bench.tearDown();
            assertFalse(Files.exists(arena), "the arena file is deleted");
        }
    }
}
