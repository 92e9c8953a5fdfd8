package org.shmalloc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** malloc, usableSize and segment on a 1 MiB arena of 32 B to 4 KiB blocks. */
class MallocTest {

    private static final ShmConfig CONFIG = new ShmConfig(5, 12, 1 << 20);

    @TempDir(factory = ShmTempDir.class)
    Path dir;
    private ShmAllocator allocator;

    @BeforeEach
    void open() throws IOException {
        allocator = ShmAllocator.open(dir.resolve("arena"), CONFIG);
    }

    @AfterEach
    void close() {
        allocator.close();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, -32, Integer.MIN_VALUE, Long.MIN_VALUE})
    void nonPositiveSizeThrowsNamingItAndChangesNothing(long size) {
        allocator.malloc(100); // something live, so that "unchanged" is not trivially "empty"
        ArenaState before = ArenaState.of(allocator);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> allocator.malloc(size));
        assertTrue(e.getMessage().contains(Long.toString(size)), e.getMessage());
        before.assertUnchanged(allocator, "malloc(" + size + ")");
    }

    @ParameterizedTest
    @ValueSource(longs = {4097, 8192, Integer.MAX_VALUE, 1L << 40, Long.MAX_VALUE})
    void sizeAboveTheLargestClassReturnsNullAndChangesNothing(long size) {
        allocator.malloc(100);
        ArenaState before = ArenaState.of(allocator);
        assertEquals(ShmAllocator.NULL, allocator.malloc(size));
        before.assertUnchanged(allocator, "malloc(" + size + ")");
    }

    @Test
    void limitsAreTheConfiguredClasses() {
        assertEquals(32, allocator.minAllocatableSize());
        assertEquals(4096, allocator.maxAllocatableSize());
        assertEquals(CONFIG, allocator.config());
    }

    @Test
    void theLargestClassIsAllocatableInFullWithoutAHeader() {
        long offset = allocator.malloc(allocator.maxAllocatableSize());
        assertNotEquals(ShmAllocator.NULL, offset);
        assertEquals(4096, allocator.usableSize(offset));
        MemorySegment block = allocator.segment(offset);
        assertEquals(4096, block.byteSize());
        block.fill((byte) 0x5A); // every byte is the caller's
        assertEquals(4096, allocator.stats().usedBytes());
        allocator.free(offset);
    }

    @Test
    void everySizeGetsItsClassAlignedToItsSizeAndNeverNullInAnEmptyArena() {
        for (long size = 1; size <= allocator.maxAllocatableSize(); size++) {
            long offset = allocator.malloc(size);
            assertNotEquals(ShmAllocator.NULL, offset, "malloc(" + size + ") in an empty arena");
            long expected = Sizes.classSize(size, 32);
            assertEquals(expected, allocator.usableSize(offset), "usable size of malloc(" + size + ")");
            assertEquals(expected, allocator.segment(offset).byteSize());
            assertEquals(0, offset % expected, "offset " + offset + " of malloc(" + size + ") is not aligned");
            assertEquals(1, allocator.stats().liveAllocations());
            allocator.free(offset);
        }
        assertEquals(0, allocator.stats().liveAllocations());
    }

    @Test
    void liveAllocationsOfAllClassesAreAlignedAndDisjoint() {
        SplittableRandom random = new SplittableRandom(1);
        List<long[]> blocks = new ArrayList<>();
        long used = 0;
        for (int i = 0; i < 2000; i++) {
            long size = Sizes.random(random, 4096);
            long offset = allocator.malloc(size);
            assertNotEquals(ShmAllocator.NULL, offset);
            long usable = allocator.usableSize(offset);
            assertEquals(Sizes.classSize(size, 32), usable);
            assertEquals(0, offset % usable);
            blocks.add(new long[] {offset, usable});
            used += usable;
        }
        blocks.sort((a, b) -> Long.compare(a[0], b[0]));
        for (int i = 1; i < blocks.size(); i++) {
            assertTrue(blocks.get(i - 1)[0] + blocks.get(i - 1)[1] <= blocks.get(i)[0], "overlap at " + blocks.get(i)[0]);
        }
        assertTrue(blocks.get(0)[0] >= 32, "an allocation covers the NULL unit");
        ShmStats stats = allocator.stats();
        assertEquals(2000, stats.liveAllocations());
        assertEquals(used, stats.usedBytes());
        assertEquals(stats.capacityBytes() - used, stats.freeBytes());
    }

    @Test
    void offsetsAreFileOffsets() throws IOException {
        long offset = allocator.malloc(1000);
        byte[] written = new byte[1024];
        new SplittableRandom(7).nextBytes(written);
        MemorySegment.copy(written, 0, allocator.segment(offset), java.lang.foreign.ValueLayout.JAVA_BYTE, 0, 1024);
        try (FileChannel channel = FileChannel.open(allocator.file(), StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            ByteBuffer read = ByteBuffer.allocate(1024);
            channel.read(read, offset);
            assertArrayEquals(written, read.array(), "the file at offset " + offset + " holds the allocation's bytes");
            // and the other way round: a write to the file shows in the segment
            channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), offset + 500);
        }
        byte[] seen = new byte[4];
        MemorySegment.copy(allocator.segment(offset), java.lang.foreign.ValueLayout.JAVA_BYTE, 500, seen, 0, 4);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, seen);
    }

    @Test
    void usableSizeAndSegmentRefuseWhatIsNotAnAllocation() {
        long offset = allocator.malloc(4096);
        ArenaState before = ArenaState.of(allocator);
        long free = offset == 4096 ? 8192 : 4096; // a whole block nobody allocated
        for (long bad : new long[] {0, 1, offset + 32, offset + 100, free, -32, CONFIG.arenaBytes(), Long.MAX_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> allocator.usableSize(bad));
            assertTrue(e.getMessage().contains(Long.toString(bad)), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> allocator.segment(bad));
        }
        before.assertUnchanged(allocator, "usableSize/segment of bad offsets");
    }
}
