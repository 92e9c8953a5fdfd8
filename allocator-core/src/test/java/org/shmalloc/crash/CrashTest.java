package org.shmalloc.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shmalloc.ShmAllocator;
import org.shmalloc.ShmConfig;
import org.shmalloc.ShmVerification;

/**
 * Worker processes share one arena while the test kills one of them with SIGKILL at a random
 * moment, again and again: the survivors must never see an overlap, the file must verify as
 * consistent, and what the dead leaked must be recoverable with {@link ShmAllocator#reclaim}.
 */
class CrashTest {

    private static final int WORKERS = 3;
    private static final int KILLS = 50;
    private static final ShmConfig CONFIG = new ShmConfig(5, 12, 1L << 20);

    private Path file;
    private Path stop;

    @BeforeEach
    void files() throws IOException {
        file = Path.of("/dev/shm", "shmalloc-crash-" + ProcessHandle.current().pid() + ".arena");
        stop = Path.of(file + ".stop");
        Files.deleteIfExists(file);
        Files.deleteIfExists(stop);
    }

    @AfterEach
    void clean() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(stop);
    }

    @Test
    void killedWorkersLeakButNeverCorruptOrOverlap() throws Exception {
        try (ShmAllocator shm = ShmAllocator.open(file, CONFIG)) {
            SplittableRandom random = new SplittableRandom(42);
            List<Process> workers = new ArrayList<>();
            try {
                runAndCheck(shm, random, workers);
            } finally {
                workers.forEach(Process::destroyForcibly); // no orphan worker outlives a failed test
            }
        }
    }

    private void runAndCheck(ShmAllocator shm, SplittableRandom random, List<Process> workers) throws Exception {
        for (int i = 0; i < WORKERS; i++) {
            workers.add(startWorker());
        }
        long start = System.nanoTime();
        for (int kill = 0; kill < KILLS; kill++) {
            Thread.sleep(150 + random.nextInt(250));
            for (Process worker : workers) {
                assertTrue(worker.isAlive(), () -> "a survivor stopped: " + describe(worker));
            }
            int victim = random.nextInt(WORKERS);
            Process killed = workers.get(victim);
            killed.destroyForcibly(); // SIGKILL
            killed.waitFor();
            workers.set(victim, startWorker());
        }
        Files.writeString(stop, "stop");
        for (Process worker : workers) {
            worker.waitFor();
            assertEquals(0, worker.exitValue(), () -> "worker failed: " + describe(worker));
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        ShmVerification afterCrashes = shm.verify();
        assertTrue(afterCrashes.consistent(), () -> "faults after crashes: " + afterCrashes.problems());
        long leakedBytes = afterCrashes.stats().usedBytes();
        long leakedBlocks = afterCrashes.stats().liveAllocations();
        System.out.printf("crash test: %d workers, %d SIGKILLs in %.1f s; killed workers leaked %d bytes in %d"
                        + " blocks; %d pins and %d merges left half done, %d summary words left claiming too little%n",
                WORKERS, KILLS, seconds, leakedBytes, leakedBlocks, afterCrashes.pinsInProgress(),
                afterCrashes.mergesInProgress(), afterCrashes.staleSummaryWords());

        long reclaimed = shm.reclaim(offset -> false); // the application holds nothing now
        assertEquals(leakedBytes, reclaimed);
        ShmVerification afterReclaim = shm.verify();
        assertTrue(afterReclaim.consistent(), () -> "faults after reclaim: " + afterReclaim.problems());
        assertEquals(0, afterReclaim.stats().usedBytes());
        assertEquals(0, afterReclaim.stats().liveAllocations());
        assertEquals(0, afterReclaim.staleSummaryWords(), () -> "reclaim left stale claims: " + afterReclaim.problems());

        long maxBlocks = 0;
        while (shm.malloc(shm.maxAllocatableSize()) != ShmAllocator.NULL) {
            maxBlocks++;
        }
        assertEquals(CONFIG.blockCount() - 1, maxBlocks, "every block but the NULL one is whole again");
        System.out.printf("crash test: reclaim freed %d bytes; arena then held %d max-size blocks%n", reclaimed,
                maxBlocks);
    }

    private Process startWorker() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), CrashWorker.class.getName(), file.toString(),
                stop.toString())
                .redirectErrorStream(true)
                .start();
    }

    private static String describe(Process worker) {
        try {
            String output = new String(worker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return "exit " + (worker.isAlive() ? "(alive)" : worker.exitValue()) + ": " + output;
        } catch (IOException e) {
            return "exit ?: " + e;
        }
    }
}
