package org.shmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Freed memory is reused first: the blocks (and so the file pages) a malloc/free loop touches
 * grow with the live bytes, not with the number of operations. Measured on the default config,
 * 65,536 blocks of 4 KiB.
 */
class ReuseTest {

    private static final int PAIRS = 1_000_000;

    @TempDir(factory = ShmTempDir.class)
    Path dir;

    @Test
    void aLoopWithNothingLiveStaysInOneBlock() throws IOException {
        try (ShmAllocator allocator = ShmAllocator.open(dir.resolve("arena"), ShmConfig.defaults())) {
            SplittableRandom random = new SplittableRandom(11);
            Set<Long> offsets = new HashSet<>();
            Set<Long> blocks = new HashSet<>();
            for (int i = 0; i < PAIRS; i++) {
                long offset = allocator.malloc(Sizes.random(random, 4096));
                offsets.add(offset);
                blocks.add(offset >>> 12);
                allocator.free(offset);
            }
            System.out.printf("reuse, nothing live: %,d malloc/free pairs touched %d offsets in %d of %,d blocks%n",
                    PAIRS, offsets.size(), blocks.size(), ShmConfig.defaults().blockCount());
            assertTrue(blocks.size() <= 2, "blocks touched: " + blocks);
            assertTrue(offsets.size() <= 64, "offsets: " + offsets.size());
            assertEquals(0, allocator.stats().liveAllocations());
        }
    }

    /**
     * The smallest case of the loop below: a block emptied by free is passed over for a fresh
     * one because the search for a new size class starts where the last search succeeded.
     */
    @Test
    void anEmptiedBlockIsReusedBeforeAFreshOne() throws IOException {
        try (ShmAllocator allocator = ShmAllocator.open(dir.resolve("arena"), new ShmConfig(5, 12, 1 << 20))) {
            long unit = allocator.malloc(32);     // in this thread's first block B
            long whole = allocator.malloc(4096);  // B is not wholly free: the next block
            allocator.free(unit);                 // B is empty again
            long middle = allocator.malloc(512);
            assertEquals(unit >>> 12, middle >>> 12, "512 B went to block " + (middle >>> 12) + " while block "
                    + (unit >>> 12) + " was empty (the 4 KiB block is in block " + (whole >>> 12) + ")");
        }
    }

    /**
     * A malloc whose hint is full tries the last words its thread freed into, newest first, before
     * it searches (which would go first fit, lowest block first).
     */
    @Test
    void theBlocksAThreadFreedLastAreReusedNewestFirst() throws IOException {
        try (ShmAllocator allocator = ShmAllocator.open(dir.resolve("arena"), new ShmConfig(5, 12, 1 << 20))) {
            long[] whole = new long[8];
            for (int i = 0; i < whole.length; i++) {
                whole[i] = allocator.malloc(4096);
            }
            allocator.free(whole[1]);
            allocator.free(whole[3]);
            allocator.free(whole[5]);
            assertEquals(List.of(whole[5], whole[3], whole[1]),
                    List.of(allocator.malloc(4096), allocator.malloc(4096), allocator.malloc(4096)));
        }
    }

    /**
     * 1000 allocations live at any time (about 120 blocks' worth of bytes), each op frees a random
     * one and allocates a new one: the blocks touched must stay within a small multiple of that.
     */
    @Test
    void aLoopWithLiveBlocksTouchesAboutAsManyBlocksAsItHolds() throws IOException {
        int live = 1000;
        try (ShmAllocator allocator = ShmAllocator.open(dir.resolve("arena"), ShmConfig.defaults())) {
            SplittableRandom random = new SplittableRandom(12);
            List<Long> held = new ArrayList<>();
            Set<Long> blocks = new HashSet<>();
            long used = 0;
            long peakUsed = 0;
            for (int i = 0; i < PAIRS; i++) {
                if (held.size() == live) {
                    int victim = random.nextInt(live);
                    long offset = held.get(victim);
                    used -= allocator.usableSize(offset);
                    allocator.free(offset);
                    held.set(victim, held.getLast());
                    held.removeLast();
                }
                long offset = allocator.malloc(Sizes.random(random, 4096));
                held.add(offset);
                blocks.add(offset >>> 12);
                used += allocator.usableSize(offset);
                peakUsed = Math.max(peakUsed, used);
            }
            assertEquals(used, allocator.stats().usedBytes());
            long peakBlocks = (peakUsed + 4095) / 4096;
            System.out.printf("reuse, %d live: %,d ops touched %,d of %,d blocks; peak live bytes %,d = %d blocks%n",
                    live, PAIRS, blocks.size(), ShmConfig.defaults().blockCount(), peakUsed, peakBlocks);
            assertTrue(blocks.size() <= 2 * peakBlocks + 16, "touched " + blocks.size() + " blocks for at most "
                    + peakBlocks + " blocks of live bytes");
        }
    }
}
