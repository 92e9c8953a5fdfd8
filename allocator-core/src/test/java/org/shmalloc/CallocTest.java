package org.shmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CallocTest {

    @TempDir(factory = ShmTempDir.class)
    Path dir;

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(Long.MAX_VALUE, 2L), Arguments.of(2L, Long.MAX_VALUE),
                Arguments.of(1L << 32, 1L << 32), Arguments.of(Long.MAX_VALUE, Long.MAX_VALUE),
                Arguments.of(0L, 8L), Arguments.of(8L, 0L), Arguments.of(-1L, 8L), Arguments.of(8L, -1L),
                Arguments.of(-1L, -1L), Arguments.of(Long.MIN_VALUE, 1L), Arguments.of(1L, Long.MIN_VALUE));
    }

    @ParameterizedTest(name = "calloc({0}, {1})")
    @MethodSource("badArguments")
    void overflowOrNonPositiveThrowsNamingTheArgumentsAndChangesNothing(long count, long size) throws IOException {
        try (ShmAllocator allocator = ShmAllocator.open(dir.resolve("arena"), new ShmConfig(5, 12, 1 << 20))) {
            allocator.malloc(64);
            ArenaState before = ArenaState.of(allocator);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> allocator.calloc(count, size));
            assertTrue(e.getMessage().contains(Long.toString(count)) && e.getMessage().contains(Long.toString(size)),
                    e.getMessage());
            before.assertUnchanged(allocator, "calloc(" + count + ", " + size + ")");
        }
    }

    @Test
    void productAboveTheLargestClassReturnsNull() throws IOException {
        try (ShmAllocator allocator = ShmAllocator.open(dir.resolve("arena"), new ShmConfig(5, 12, 1 << 20))) {
            ArenaState before = ArenaState.of(allocator);
            assertEquals(ShmAllocator.NULL, allocator.calloc(2, 4096));
            assertEquals(ShmAllocator.NULL, allocator.calloc(4097, 1));
            before.assertUnchanged(allocator, "calloc of more than 4096 bytes");
            long offset = allocator.calloc(3, 100);
            assertEquals(512, allocator.usableSize(offset), "300 bytes round up to the 512 B class");
        }
    }

    @Test
    void reusedBlockOfTheLargestClassReadsZero() throws IOException {
        // two blocks: block 0 holds the NULL unit, so block 1 (offset 4096) is the only 4 KiB block
        try (ShmAllocator allocator = ShmAllocator.open(dir.resolve("arena"), new ShmConfig(5, 12, 8192))) {
            long offset = allocator.malloc(4096);
            assertEquals(4096, offset);
            allocator.segment(offset).fill((byte) 0xFF);
            allocator.free(offset);
            assertEquals(offset, allocator.calloc(1, 4096), "the only 4 KiB block again");
            assertAllZero(allocator.segment(offset));
        }
    }

    @Test
    void everyDirtiedAndFreedByteReadsZeroWhenCallocated() throws IOException {
        try (ShmAllocator allocator = ShmAllocator.open(dir.resolve("arena"), new ShmConfig(5, 12, 64 << 10))) {
            // dirty the whole arena through allocations of the smallest class, then free them all
            List<Long> units = new ArrayList<>();
            for (long offset; (offset = allocator.malloc(1)) != ShmAllocator.NULL; ) {
                allocator.segment(offset).fill((byte) 0xA5);
                units.add(offset);
            }
            assertEquals(64 * 1024 / 32 - 1, units.size(), "every unit but the NULL unit");
            units.forEach(allocator::free);
            // calloc the arena full again with random shapes: every usable byte reads zero
            SplittableRandom random = new SplittableRandom(3);
            long bytes = 0;
            for (long limit = 4096; ; ) {
                long total = Sizes.random(random, limit);
                long count = 1 + random.nextLong(Math.min(total, 16));
                long each = total / count;
                long offset = allocator.calloc(count, each);
                if (offset == ShmAllocator.NULL) {
                    long sizeClass = Sizes.classSize(count * each, 32);
                    if (sizeClass == 32) {
                        break; // not even one unit is free
                    }
                    limit = sizeClass / 2;
                    continue;
                }
                assertAllZero(allocator.segment(offset));
                bytes += allocator.usableSize(offset);
            }
            assertEquals(allocator.stats().capacityBytes(), bytes, "the calloc'ed blocks cover the arena");
        }
    }

    private static void assertAllZero(MemorySegment block) {
        for (long at = 0; at < block.byteSize(); at += 8) {
            assertEquals(0, block.get(ValueLayout.JAVA_LONG, at), "byte " + at + " of " + block.byteSize());
        }
    }

    @Test
    void callocOfOneUnitIsZeroedToo() throws IOException {
        try (ShmAllocator allocator = ShmAllocator.open(dir.resolve("arena"), new ShmConfig(3, 4, 64))) {
            // 8 units of 8 B: unit 0 is NULL; dirty the rest, free, calloc them back
            List<Long> offsets = new ArrayList<>();
            for (long offset; (offset = allocator.malloc(8)) != ShmAllocator.NULL; ) {
                allocator.segment(offset).fill((byte) -1);
                offsets.add(offset);
            }
            assertEquals(7, offsets.size());
            offsets.forEach(allocator::free);
            for (int i = 0; i < 7; i++) {
                long offset = allocator.calloc(1, 8);
                assertNotEquals(ShmAllocator.NULL, offset);
                assertAllZero(allocator.segment(offset));
            }
        }
    }
}
