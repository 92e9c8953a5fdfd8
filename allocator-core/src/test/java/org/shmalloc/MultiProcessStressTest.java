package org.shmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several JVMs share one arena file, each running a {@link StampedWorkload}: no overlap, no
 * error, no lost block, and the arena empty at the end. Sized to finish in seconds on 2 cores.
 */
class MultiProcessStressTest {

    private static final int PROCESSES = 3;
    private static final int THREADS = 2;
    private static final long OPS_PER_THREAD = 200_000;
    private static final int MAX_HELD = 256;
    /** 1 MiB of 32 B..4 KiB blocks: full enough at times that malloc also returns NULL. */
    private static final ShmConfig CONFIG = new ShmConfig(5, 12, 1 << 20);

    @TempDir(factory = ShmTempDir.class)
    Path dir;

    @Test
    void processesShareOneArenaWithoutOverlapAndLeaveItEmpty() throws Exception {
        Path file = dir.resolve("arena");
        try (ShmAllocator allocator = ShmAllocator.open(file, CONFIG)) {
            List<ChildJvm> children = new ArrayList<>();
            long seed = System.nanoTime();
            System.out.printf("multi-process stress: %d JVMs x %d threads x %,d ops, %s, seed %d%n", PROCESSES,
                    THREADS, OPS_PER_THREAD, CONFIG, seed);
            try {
                for (int p = 0; p < PROCESSES; p++) {
                    children.add(ChildJvm.start(StressChild.class, List.of(), List.of(file.toString(),
                            Integer.toString(p), Integer.toString(THREADS), Long.toString(OPS_PER_THREAD),
                            Integer.toString(MAX_HELD), Long.toString(seed))));
                }
                for (ChildJvm child : children) {
                    child.awaitLine("READY", Duration.ofSeconds(30));
                }
                long start = System.nanoTime();
                children.forEach(child -> child.send("GO"));
                long mallocs = 0;
                long nulls = 0;
                long handedOff = 0;
                StringBuilder failures = new StringBuilder();
                for (int p = 0; p < PROCESSES; p++) {
                    ChildJvm child = children.get(p);
                    int exit = child.awaitExit(Duration.ofSeconds(90));
                    child.lines().forEach(line -> System.out.println("[worker " + child.pid() + "] " + line));
                    if (exit != 0) {
                        failures.append("worker ").append(p).append(" exited ").append(exit).append(": ")
                                .append(child.lines()).append('\n');
                        continue;
                    }
                    Map<String, Long> totals = StampedWorkload.parse(
                            child.awaitLine("RESULT ", Duration.ZERO).substring("RESULT ".length()));
                    assertEquals(0, totals.get("overlaps"), "worker " + p + " saw overlaps: " + child.lines());
                    assertEquals(0, totals.get("errors"), "worker " + p + " saw errors: " + child.lines());
                    assertEquals(totals.get("mallocs"), totals.get("frees"), "worker " + p + " freed all it allocated");
                    mallocs += totals.get("mallocs");
                    nulls += totals.get("nulls");
                    handedOff += totals.get("handedOff");
                }
                assertEquals("", failures.toString());
                System.out.printf("multi-process stress: %,d mallocs (%,d handed to another thread), %,d NULLs, "
                        + "%.1f s from GO%n", mallocs, handedOff, nulls, (System.nanoTime() - start) / 1e9);
                assertTrue(mallocs > PROCESSES * THREADS * OPS_PER_THREAD / 10, "too few allocations to mean much");
                assertTrue(handedOff > 0);
            } finally {
                children.forEach(ChildJvm::kill);
            }
            ShmStats stats = allocator.stats();
            assertEquals(0, stats.liveAllocations(), stats.toString());
            assertEquals(0, stats.usedBytes());
            ShmVerification verification = allocator.verify();
            assertTrue(verification.consistent(), verification.problems().toString());
            // no lost block: the arena fills with largest blocks exactly as a fresh one does
            assertEquals(CONFIG.blockCount() - 1, Arenas.fillWithLargest(allocator).size());
        }
    }
}
