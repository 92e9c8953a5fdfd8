package org.shmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The allocator's calls allocate nothing on the Java heap, so that a caller's garbage collector
 * never runs on their account. Counted with the JDK's per-thread allocation counter, not timed.
 * The failed malloc is the case that allocated: its four scans of the summary made four objects
 * (192 bytes per call) until each cursor kept its own.
 */
class GarbageFreeTest {

    private static final int CALLS = 20_000;

    @TempDir(factory = ShmTempDir.class)
    Path dir;

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Bytes this thread allocates per {@code call}, after as many calls to let the cursor and the JIT settle. */
    private static long bytesPerCall(Runnable call) {
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        long before = allocatedBytes();
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        return (allocatedBytes() - before) / CALLS;
    }

    @Test
    void aFailedMallocAllocatesNothing() throws IOException {
        try (ShmAllocator allocator = ShmAllocator.open(dir.resolve("arena"), new ShmConfig(5, 12, 1 << 20))) {
            Arenas.fillWithLargest(allocator);
            long blockBytes = allocator.maxAllocatableSize();
            assertEquals(ShmAllocator.NULL, allocator.malloc(blockBytes), "no whole block is left");
            long perCall = bytesPerCall(() -> allocator.malloc(blockBytes));
            assertTrue(perCall == 0, "a failed malloc allocated about " + perCall + " bytes");
        }
    }

    @Test
    void aMallocAndFreePairAllocatesNothing() throws IOException {
        try (ShmAllocator allocator = ShmAllocator.open(dir.resolve("arena"), new ShmConfig(5, 12, 1 << 20))) {
            int[] next = {0};
            long perCall = bytesPerCall(() -> allocator.free(allocator.malloc(1 + (next[0]++ * 37) % 4096)));
            assertTrue(perCall == 0, "a malloc+free pair allocated about " + perCall + " bytes");
        }
    }
}
