package org.shmalloc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 3 GiB arena (a sparse file on tmpfs): offsets above 2^31 work for every class. */
class LargeArenaTest {

    private static final ShmConfig CONFIG = new ShmConfig(12, 20, 3L << 30);
    private static final long TWO_GIB = 1L << 31;

    @TempDir(factory = ShmTempDir.class)
    Path dir;

    @Test
    void offsetsAbove2GiBAreFileOffsets() throws IOException {
        Path file = dir.resolve("arena");
        try (ShmAllocator allocator = ShmAllocator.open(file, CONFIG);
             FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            assertTrue(Files.size(file) > 3L << 30);
            // every 1 MiB block: offsets run up to 3 GiB - 1 MiB
            List<Long> largest = Arenas.fillWithLargest(allocator);
            assertEquals(CONFIG.blockCount() - 1, largest.size());
            List<Long> high = largest.stream().filter(offset -> offset >= TWO_GIB).sorted().toList();
            assertEquals(1024, high.size(), "the last third of the blocks lies above 2 GiB");
            assertEquals((3L << 30) - (1 << 20), high.getLast());
            for (long offset : List.of(high.getFirst(), high.get(512), high.getLast())) {
                assertThroughTheFile(allocator, channel, offset);
            }

            // block 0 holds the NULL unit; fill its other units, then free the top block and fill it
            // with smaller classes: they all land above 2 GiB
            List<Long> lowUnits = new ArrayList<>();
            for (long offset; (offset = allocator.malloc(4096)) != ShmAllocator.NULL; ) {
                lowUnits.add(offset);
            }
            assertEquals(255, lowUnits.size());
            allocator.free(high.getLast());
            List<Long> small = new ArrayList<>();
            for (long size = 4096; size <= 512 << 10; size <<= 1) {
                long offset = allocator.malloc(size);
                assertNotEquals(ShmAllocator.NULL, offset);
                assertTrue(offset >= high.getLast() && offset % size == 0, "offset " + offset + " of " + size);
                assertThroughTheFile(allocator, channel, offset);
                small.add(offset);
            }
            long last = allocator.malloc(4096);
            assertTrue(last >= high.getLast(), "the one page left is in the top block: " + last);
            assertThroughTheFile(allocator, channel, last);
            assertEquals(ShmAllocator.NULL, allocator.malloc(1), "full");

            small.forEach(allocator::free);
            allocator.free(last);
            lowUnits.forEach(allocator::free);
            largest.stream().filter(offset -> offset != (long) high.getLast()).forEach(allocator::free);
            ShmStats stats = allocator.stats();
            assertEquals(0, stats.liveAllocations(), stats.toString());
            assertEquals((3L << 30) - 4096, stats.capacityBytes());
            assertTrue(allocator.verify().consistent());
        }
    }

    /** Bytes written through the segment are in the file at that offset, and the other way round. */
    private static void assertThroughTheFile(ShmAllocator allocator, FileChannel channel, long offset)
            throws IOException {
        MemorySegment block = allocator.segment(offset);
        long end = block.byteSize() - 8;
        block.set(ValueLayout.JAVA_LONG, 0, offset);
        block.set(ValueLayout.JAVA_LONG, end, ~offset);
        ByteBuffer read = ByteBuffer.allocate(8).order(java.nio.ByteOrder.nativeOrder());
        channel.read(read, offset);
        assertEquals(offset, read.getLong(0), "file at " + offset);
        channel.read(read.clear(), offset + end);
        assertEquals(~offset, read.getLong(0), "file at " + (offset + end));
        byte[] bytes = {9, 8, 7, 6};
        channel.write(ByteBuffer.wrap(bytes), offset + 16);
        byte[] seen = new byte[4];
        MemorySegment.copy(block, ValueLayout.JAVA_BYTE, 16, seen, 0, 4);
        assertArrayEquals(bytes, seen);
    }
}
