package org.shmalloc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both ends of the supported range: every class allocates, aligned, usable to its last byte. */
class ConfigRangeTest {

    @TempDir(factory = ShmTempDir.class)
    Path dir;

    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.of(new ShmConfig(3, 4, 64 << 10)),    // smallest exponents
                Arguments.of(new ShmConfig(3, 19, 4 << 20)),    // spread 16, smallest units
                Arguments.of(new ShmConfig(14, 30, 2L << 30)),  // spread 16, largest blocks: two of 1 GiB (sparse)
                Arguments.of(new ShmConfig(29, 30, 2L << 30)),  // largest exponents, spread 1
                Arguments.of(ShmConfig.defaults()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void everyClassIsAllocatableAlignedAndUsable(ShmConfig config) throws IOException {
        try (ShmAllocator allocator = ShmAllocator.open(dir.resolve("arena"), config)) {
            long min = 1L << config.minExponent();
            long max = 1L << config.maxExponent();
            assertEquals(min, allocator.minAllocatableSize());
            assertEquals(max, allocator.maxAllocatableSize());
            int classes = config.maxExponent() - config.minExponent() + 1;
            // one block of every class but the largest, from the largest down, then free them
            List<Long> offsets = new ArrayList<>();
            long[] expectedByClass = new long[classes];
            long used = 0;
            for (int c = classes - 2; c >= 0; c--) {
                long size = min << c;
                long request = c == 0 ? 1 : size / 2 + 1;
                long offset = allocator.malloc(request);
                assertNotEquals(ShmAllocator.NULL, offset, "class " + size + " in a fresh arena");
                assertEquals(size, allocator.usableSize(offset));
                assertEquals(0, offset % size, "offset " + offset + " of a " + size + " byte block");
                touchBothEnds(allocator.segment(offset), offset);
                offsets.add(offset);
                expectedByClass[c]++;
                used += size;
            }
            ShmStats stats = allocator.stats();
            assertArrayEquals(expectedByClass, stats.liveByClass());
            assertEquals(used, stats.usedBytes());
            for (long offset : offsets) {
                assertEquals(offset, allocator.segment(offset).get(ValueLayout.JAVA_LONG, 0), "overwritten");
            }
            offsets.forEach(allocator::free);

            long largest = allocator.malloc(max);
            assertNotEquals(ShmAllocator.NULL, largest, "malloc(maxAllocatableSize()) in a fresh arena");
            assertEquals(max, allocator.usableSize(largest));
            assertEquals(0, largest % max);
            touchBothEnds(allocator.segment(largest), largest);
            allocator.free(largest);

            assertEquals(0, allocator.stats().liveAllocations());
            assertEquals(config.blockCount() - 1, Arenas.fillWithLargest(allocator).size());
            assertTrue(allocator.verify().consistent());
            assertTrue(Files.size(allocator.file()) > (config.blockCount() << config.maxExponent()));
        }
    }

    /** Writes the block's offset into its first 8 bytes and its complement into its last 8, and reads both back. */
    private static void touchBothEnds(MemorySegment block, long offset) {
        long last = block.byteSize() - 8;
        block.set(ValueLayout.JAVA_LONG_UNALIGNED, last, ~offset);
        assertEquals(~offset, block.get(ValueLayout.JAVA_LONG_UNALIGNED, last));
        block.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, offset); // the same 8 bytes in an 8 byte block
        assertEquals(offset, block.get(ValueLayout.JAVA_LONG_UNALIGNED, 0));
    }

    @Test
    void aOneBlockArenaHasNoRoomForALargestBlock() throws IOException {
        // block 0 holds the NULL unit, so the largest class needs a second block
        try (ShmAllocator allocator = ShmAllocator.open(dir.resolve("arena"), new ShmConfig(5, 12, 4096))) {
            assertEquals(ShmAllocator.NULL, allocator.malloc(4096));
            long half = allocator.malloc(2048);
            assertEquals(2048, half, "the upper half of block 0");
            assertEquals(4096 - 32, allocator.stats().capacityBytes());
        }
    }
}
