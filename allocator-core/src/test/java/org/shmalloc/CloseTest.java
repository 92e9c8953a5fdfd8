package org.shmalloc;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** After close() every method throws IllegalStateException; closing twice is fine. */
class CloseTest {

    @TempDir(factory = ShmTempDir.class)
    Path dir;

    @Test
    void everyMethodThrowsAfterClose() throws IOException {
        Path file = dir.resolve("arena");
        ShmAllocator allocator = ShmAllocator.open(file, new ShmConfig(5, 12, 1 << 20));
        long live = allocator.malloc(64);
        ArenaState before = ArenaState.of(allocator);
        allocator.close();
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("malloc", () -> allocator.malloc(64));
        calls.put("malloc(0)", () -> allocator.malloc(0));
        calls.put("calloc", () -> allocator.calloc(2, 32));
        calls.put("free(live)", () -> allocator.free(live));
        calls.put("free(NULL)", () -> allocator.free(ShmAllocator.NULL));
        calls.put("segment", () -> allocator.segment(live));
        calls.put("usableSize", () -> allocator.usableSize(live));
        calls.put("stats", allocator::stats);
        calls.put("verify", allocator::verify);
        calls.put("config", allocator::config);
        calls.put("file", allocator::file);
        calls.put("minAllocatableSize", allocator::minAllocatableSize);
        calls.put("maxAllocatableSize", allocator::maxAllocatableSize);
        StringBuilder failures = new StringBuilder();
        calls.forEach((name, call) -> {
            try {
                call.execute();
                failures.append(name).append(" returned normally; ");
            } catch (IllegalStateException expected) {
                // what close() promises
            } catch (Throwable other) {
                failures.append(name).append(" threw ").append(other).append("; ");
            }
        });
        assertEquals("", failures.toString(), "calls after close() that did not throw IllegalStateException");
        try (ShmAllocator again = ShmAllocator.attach(file)) {
            before.assertUnchanged(again, "calls after close()");
        }
    }

    @Test
    void closeTwiceIsFine() throws IOException {
        ShmAllocator allocator = ShmAllocator.open(dir.resolve("arena"), new ShmConfig(5, 12, 1 << 20));
        allocator.close();
        assertDoesNotThrow(allocator::close);
    }

    @Test
    void aSegmentTakenBeforeCloseIsUnusableAfterItAndTheFileKeepsItsState() throws IOException {
        Path file = dir.resolve("arena");
        long offset;
        MemorySegment block;
        try (ShmAllocator allocator = ShmAllocator.open(file, new ShmConfig(5, 12, 1 << 20))) {
            offset = allocator.malloc(64);
            block = allocator.segment(offset);
            block.set(ValueLayout.JAVA_LONG, 0, 42);
        }
        assertThrows(IllegalStateException.class, () -> block.get(ValueLayout.JAVA_LONG, 0),
                "the mapping is released at close: no access to unmapped memory");
        try (ShmAllocator again = ShmAllocator.attach(file)) {
            assertEquals(64, again.usableSize(offset), "close() does not free allocations");
            assertEquals(42, again.segment(offset).get(ValueLayout.JAVA_LONG, 0));
            assertEquals(1, again.stats().liveAllocations());
        }
    }
}
