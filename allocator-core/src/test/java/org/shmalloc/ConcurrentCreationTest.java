package org.shmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many threads and processes call open on the same missing file at once: one arena results. */
class ConcurrentCreationTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 25;
    private static final int PROCESSES = 3;

    @TempDir(factory = ShmTempDir.class)
    Path dir;

    @Test
    void threadsOpeningOneMissingFileAllShareOneArena() throws Exception {
        ShmConfig config = new ShmConfig(5, 12, 4 << 20);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Path file = dir.resolve("arena-" + round);
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<ShmAllocator>> opened = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    opened.add(pool.submit(() -> {
                        start.await();
                        return ShmAllocator.open(file, config);
                    }));
                }
                List<ShmAllocator> allocators = new ArrayList<>();
                for (Future<ShmAllocator> f : opened) {
                    allocators.add(f.get(30, TimeUnit.SECONDS)); // every open succeeds
                }
                try {
                    // one allocates, the others see it; then each allocates, and all see every one
                    long first = allocators.getFirst().malloc(100);
                    allocators.getFirst().segment(first).set(ValueLayout.JAVA_LONG, 0, 0xF1257L);
                    for (ShmAllocator other : allocators) {
                        assertEquals(128, other.usableSize(first));
                        assertEquals(0xF1257L, other.segment(first).get(ValueLayout.JAVA_LONG, 0));
                    }
                    Set<Long> offsets = new HashSet<>(List.of(first));
                    for (ShmAllocator allocator : allocators) {
                        offsets.add(allocator.malloc(64));
                    }
                    assertEquals(THREADS + 1, offsets.size(), "round " + round + ": offsets " + offsets);
                    for (ShmAllocator allocator : allocators) {
                        assertEquals(THREADS + 1, allocator.stats().liveAllocations(), "round " + round);
                    }
                    assertTrue(allocators.getLast().verify().consistent());
                } finally {
                    allocators.forEach(ShmAllocator::close);
                }
                Files.delete(file);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void processesOpeningOneMissingFileAllShareOneArena() throws Exception {
        Path file = dir.resolve("arena");
        List<ChildJvm> children = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            children.add(ChildJvm.start(OpenRaceChild.class, List.of(), List.of(file.toString())));
        }
        try {
            for (ChildJvm child : children) {
                child.awaitLine("READY", Duration.ofSeconds(30));
            }
            children.forEach(child -> child.send("GO"));
            Set<Long> offsets = new HashSet<>();
            for (ChildJvm child : children) {
                assertEquals(0, child.awaitExit(Duration.ofSeconds(30)), child.lines().toString());
                long offset = Long.parseLong(child.awaitLine("OFFSET ", Duration.ZERO).substring(7));
                assertNotEquals(ShmAllocator.NULL, offset);
                offsets.add(offset);
            }
            assertEquals(PROCESSES, offsets.size(), "distinct blocks: " + offsets);
            try (ShmAllocator attached = ShmAllocator.attach(file)) {
                assertEquals(OpenRaceChild.CONFIG, attached.config());
                assertEquals(PROCESSES, attached.stats().liveAllocations(), "one arena holds every process's block");
                Set<Long> pids = new HashSet<>();
                for (long offset : offsets) {
                    pids.add(attached.segment(offset).get(ValueLayout.JAVA_LONG, 0));
                }
                Set<Long> expected = new HashSet<>();
                children.forEach(child -> expected.add(child.pid()));
                assertEquals(expected, pids, "each process's stamp is in its block");
                assertTrue(attached.verify().consistent());
            }
        } finally {
            children.forEach(ChildJvm::kill);
        }
    }
}
