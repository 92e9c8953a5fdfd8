package org.shmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fill the arena to the last unit with random sizes, each block stamped; every stamp survives;
 * free everything in random order; the arena reads empty and holds as many largest blocks as a
 * fresh one.
 */
class ExhaustionTest {

    @TempDir(factory = ShmTempDir.class)
    Path dir;

    /** A live block and its stamp. */
    private record Block(long offset, long size, long stamp) {
    }

    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.of(new ShmConfig(5, 12, 4 << 20)),    // the default classes
                Arguments.of(new ShmConfig(3, 4, 64 << 10)),    // smallest classes
                Arguments.of(new ShmConfig(3, 19, 4 << 20)),    // spread 16, 8 B units
                Arguments.of(new ShmConfig(10, 22, 32 << 20))); // spread 12: exactly three full word levels
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void fillStampFreeAndFillAgain(ShmConfig config) throws IOException {
        long freshCount;
        try (ShmAllocator fresh = ShmAllocator.open(dir.resolve("fresh"), config)) {
            freshCount = Arenas.fillWithLargest(fresh).size();
        }
        assertEquals(config.blockCount() - 1, freshCount, "block 0 holds the NULL unit, every other block is free");

        try (ShmAllocator allocator = ShmAllocator.open(dir.resolve("arena"), config)) {
            long unit = allocator.minAllocatableSize();
            List<Block> blocks = fill(allocator, new SplittableRandom(config.hashCode()));
            ShmStats full = allocator.stats();
            assertEquals(full.capacityBytes(), full.usedBytes(), "malloc(1) returned NULL before the arena was full");
            assertEquals(0, full.freeBytes());
            assertEquals(blocks.size(), full.liveAllocations());
            assertEquals(ShmAllocator.NULL, allocator.malloc(1));

            for (Block block : blocks) {
                long at = Stamps.firstMismatch(allocator.segment(block.offset), unit, block.stamp);
                assertEquals(-1, at, "stamp of the block at " + block.offset + " broken at +" + at);
            }
            List<Block> byOffset = new ArrayList<>(blocks);
            byOffset.sort((a, b) -> Long.compare(a.offset, b.offset));
            long covered = unit; // the NULL unit
            for (Block block : byOffset) {
                assertEquals(covered, block.offset, "blocks must tile the arena with no gap and no overlap");
                covered += block.size;
            }
            assertEquals(config.blockCount() << config.maxExponent(), covered);

            Collections.shuffle(blocks, new Random(config.hashCode()));
            blocks.forEach(block -> allocator.free(block.offset));
            ShmStats empty = allocator.stats();
            assertEquals(0, empty.liveAllocations(), empty.toString());
            assertEquals(0, empty.usedBytes());
            assertEquals(empty.capacityBytes(), empty.freeBytes());
            ShmVerification verification = allocator.verify();
            assertTrue(verification.consistent(), verification.problems().toString());

            List<Long> largest = Arenas.fillWithLargest(allocator);
            System.out.printf("exhaustion %s: %,d random blocks, then %,d largest blocks%n", config, blocks.size(),
                    largest.size());
            assertEquals(freshCount, largest.size(), "after freeing everything the arena holds what a fresh one does");
            largest.forEach(allocator::free);
            assertTrue(allocator.verify().consistent());
        }
    }

    /**
     * Random sizes until not even one unit is free. Single-threaded, NULL for a class means no block
     * of it is free, now or later: from then on only smaller sizes are asked for.
     */
    private static List<Block> fill(ShmAllocator allocator, SplittableRandom random) {
        long unit = allocator.minAllocatableSize();
        List<Block> blocks = new ArrayList<>();
        for (long limit = allocator.maxAllocatableSize(); ; ) {
            long size = Sizes.random(random, limit);
            long offset = allocator.malloc(size);
            if (offset == ShmAllocator.NULL) {
                long sizeClass = Sizes.classSize(size, unit);
                if (sizeClass == unit) {
                    return blocks;
                }
                limit = sizeClass / 2;
                continue;
            }
            long usable = allocator.usableSize(offset);
            assertEquals(Sizes.classSize(size, unit), usable);
            long stamp = (blocks.size() + 1L) * 0x9E37_79B9_7F4A_7C15L; // distinct for distinct counts
            Stamps.write(allocator.segment(offset), unit, stamp);
            blocks.add(new Block(offset, usable, stamp));
        }
    }
}
