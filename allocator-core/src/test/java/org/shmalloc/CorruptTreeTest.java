package org.shmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shmalloc.internal.ArenaLayout;
import org.shmalloc.internal.TreeGeometry;
import org.shmalloc.internal.TreeWord;

/**
 * Tree words that another process (or a stray write) corrupted: verify() reports them, free and
 * usableSize refuse the malformed spot with IllegalStateException and change nothing, and
 * allocation still terminates.
 */
class CorruptTreeTest {

    private static final ShmConfig CONFIG = new ShmConfig(5, 12, 64 << 10);
    private static final ArenaLayout LAYOUT = new ArenaLayout(CONFIG);
    private static final TreeGeometry GEOMETRY = LAYOUT.geometry;

    @TempDir(factory = ShmTempDir.class)
    Path dir;

    /** File position of the leaf word (level 0) that holds {@code offset}'s unit, and the slot. */
    private static long leafWordPosition(long offset) {
        long unit = offset >>> CONFIG.minExponent();
        long block = unit >>> GEOMETRY.depth;
        int within = (int) (unit & (GEOMETRY.unitsPerBlock() - 1));
        return LAYOUT.treeOffset + GEOMETRY.wordIndex(block, 0, within >>> 4) * Long.BYTES;
    }

    private static int leafSlot(long offset) {
        return (int) ((offset >>> CONFIG.minExponent()) & 15);
    }

    private static void rewrite(Path file, long position, java.util.function.LongUnaryOperator change)
            throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer word = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
            channel.read(word, position);
            word.putLong(0, change.applyAsLong(word.getLong(0)));
            channel.write(word.rewind(), position);
        }
    }

    @Test
    void splitSlotInALeafWord() throws IOException {
        Path file = dir.resolve("arena");
        long unit;
        try (ShmAllocator allocator = ShmAllocator.open(file, CONFIG)) {
            unit = allocator.malloc(32);
            if ((unit ^ 32) == ShmAllocator.NULL) {
                unit = allocator.malloc(32); // the first one's buddy is the reserved NULL unit
            }
        }
        long neighbour = unit ^ 32; // the buddy unit, in the same leaf word
        rewrite(file, leafWordPosition(unit), word -> TreeWord.withSlot(word, leafSlot(neighbour), TreeWord.SPLIT));
        try (ShmAllocator allocator = ShmAllocator.attach(file)) {
            ShmVerification verification = allocator.verify();
            assertFalse(verification.consistent());
            assertTrue(verification.problems().toString().contains("SPLIT in a leaf word"),
                    verification.problems().toString());
            ArenaState before = ArenaState.of(allocator);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> allocator.free(neighbour));
            assertTrue(e.getMessage().contains(Long.toString(neighbour)), e.getMessage());
            assertThrows(IllegalStateException.class, () -> allocator.usableSize(neighbour));
            assertEquals(32, allocator.usableSize(unit), "the live neighbour is still there");
            assertEquals(before.faults(), allocator.verify().faults());
            assertArrayEqualsBytes(before.treeWords(), ArenaState.of(allocator).treeWords());
            assertAllocationTerminates(allocator);
        }
    }

    @Test
    void runOfThreeSlots() throws IOException {
        Path file = dir.resolve("arena");
        long pair;
        try (ShmAllocator allocator = ShmAllocator.open(file, CONFIG)) {
            pair = allocator.malloc(64); // START CONT in a leaf word
        }
        int first = leafSlot(pair);
        // make the run three slots long: START CONT CONT
        long corrupt = first + 2 < 16 ? pair : pair - 32;
        rewrite(file, leafWordPosition(pair), word -> first + 2 < 16
                ? TreeWord.withSlot(word, first + 2, TreeWord.CONT)
                : TreeWord.withSlot(TreeWord.withSlot(word, first - 1, TreeWord.START), first, TreeWord.CONT));
        try (ShmAllocator allocator = ShmAllocator.attach(file)) {
            assertFalse(allocator.verify().consistent());
            byte[] words = ArenaState.of(allocator).treeWords();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> allocator.free(corrupt));
            assertTrue(e.getMessage().contains("malformed"), e.getMessage());
            assertArrayEqualsBytes(words, ArenaState.of(allocator).treeWords());
            assertAllocationTerminates(allocator);
        }
    }

    @Test
    void sealOnATopWord() throws IOException {
        Path file = dir.resolve("arena");
        try (ShmAllocator ignored = ShmAllocator.open(file, CONFIG)) {
            // created
        }
        rewrite(file, LAYOUT.treeOffset + GEOMETRY.wordIndex(3, GEOMETRY.topLevel(), 0) * Long.BYTES,
                word -> TreeWord.withSeal(word, TreeWord.SEAL_INVALID));
        try (ShmAllocator allocator = ShmAllocator.attach(file)) {
            ShmVerification verification = allocator.verify();
            assertEquals(1, verification.faults(), verification.problems().toString());
            assertTrue(verification.problems().getFirst().contains("top word carries a seal"));
            assertAllocationTerminates(allocator);
        }
    }

    /** Filling the arena with random sizes ends (no endless loop on malformed words). */
    private static void assertAllocationTerminates(ShmAllocator allocator) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            List<Long> offsets = new ArrayList<>();
            for (long size = 4096; size >= 1; size >>= 1) {
                for (long offset; (offset = allocator.malloc(size)) != ShmAllocator.NULL; ) {
                    offsets.add(offset);
                }
            }
            offsets.forEach(allocator::free);
        });
    }

    private static void assertArrayEqualsBytes(byte[] expected, byte[] actual) {
        assertTrue(java.util.Arrays.equals(expected, actual), "tree words changed");
    }
}
