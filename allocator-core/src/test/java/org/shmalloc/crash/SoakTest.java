package org.shmalloc.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.shmalloc.ShmAllocator;
import org.shmalloc.ShmConfig;
import org.shmalloc.ShmVerification;

/**
 * The load test: 2 processes x 2 threads at full speed on one small arena for
 * {@code -Dsoak.minutes} (10 by default), each thread checking the stamp of every block it frees.
 * Not part of CI: run with {@code ./mvnw -Psoak -pl allocator-core verify}.
 */
@Tag("soak")
class SoakTest {

    @Test
    void twoProcessesTimesTwoThreadsRunCleanForMinutes() throws Exception {
        long minutes = Long.getLong("soak.minutes", 10);
        Path file = Path.of("/dev/shm", "shmalloc-soak-" + ProcessHandle.current().pid() + ".arena");
        Path stop = Path.of(file + ".stop");
        Files.deleteIfExists(file);
        Files.deleteIfExists(stop);
        List<Process> workers = new ArrayList<>();
        try (ShmAllocator shm = ShmAllocator.open(file, new ShmConfig(5, 12, 4L << 20))) {
            String java = ProcessHandle.current().info().command().orElse("java");
            for (int i = 0; i < 2; i++) {
                workers.add(new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                        System.getProperty("java.class.path"), CrashWorker.class.getName(), file.toString(),
                        stop.toString(), "2").redirectErrorStream(true).start());
            }
            long end = System.nanoTime() + minutes * 60_000_000_000L;
            while (System.nanoTime() < end) {
                Thread.sleep(1_000);
                for (Process worker : workers) {
                    assertTrue(worker.isAlive(), () -> "a worker stopped: " + output(worker));
                }
            }
            Files.writeString(stop, "stop");
            long ops = 0;
            for (Process worker : workers) {
                assertEquals(0, worker.waitFor(), () -> "worker failed: " + output(worker));
                String line = output(worker).trim();
                ops += Long.parseLong(line.substring(line.lastIndexOf("ops=") + 4));
            }
            ShmVerification verification = shm.verify();
            System.out.printf("soak: 2 processes x 2 threads, %d min, %d operations, %d faults, %d live blocks%n",
                    minutes, ops, verification.faults(), verification.stats().liveAllocations());
            assertTrue(verification.consistent(), () -> "faults: " + verification.problems());
            assertEquals(0, verification.stats().liveAllocations(), "the arena is empty at the end");
        } finally {
            workers.forEach(Process::destroyForcibly);
            Files.deleteIfExists(file);
            Files.deleteIfExists(stop);
        }
    }

    private static String output(Process worker) {
        try {
            return new String(worker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
