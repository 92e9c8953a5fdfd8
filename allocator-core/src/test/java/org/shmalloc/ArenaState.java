package org.shmalloc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.shmalloc.internal.ArenaLayout;

/**
 * Everything a misuse must leave alone: the stats, the verification summary, and a byte copy of
 * the tree words and the header read from the file itself (not through the allocator).
 */
record ArenaState(long capacityBytes, long usedBytes, long liveAllocations, long[] liveByClass, long faults,
                  byte[] treeWords, byte[] header) {

    static ArenaState of(ShmAllocator allocator) {
        ShmStats stats = allocator.stats();
        ShmVerification verification = allocator.verify();
        ArenaLayout layout = new ArenaLayout(allocator.config());
        return new ArenaState(stats.capacityBytes(), stats.usedBytes(), stats.liveAllocations(),
                stats.liveByClass(), verification.faults(),
                read(allocator.file(), layout.treeOffset, layout.treeBytes),
                withoutAttachCount(read(allocator.file(), layout.headerOffset, ArenaLayout.PAGE)));
    }

    /** The attach count changes with every attach by design (it spreads processes over lanes). */
    private static byte[] withoutAttachCount(byte[] header) {
        Arrays.fill(header, ArenaLayout.ATTACH_COUNT, ArenaLayout.ATTACH_COUNT + Long.BYTES, (byte) 0);
        return header;
    }

    /** Asserts that {@code allocator} is now in exactly this state, and that this state is consistent. */
    void assertUnchanged(ShmAllocator allocator, String after) {
        ArenaState now = of(allocator);
        assertEquals(0, faults, "arena was already inconsistent before " + after);
        assertEquals(capacityBytes, now.capacityBytes, "capacity changed by " + after);
        assertEquals(usedBytes, now.usedBytes, "usedBytes changed by " + after);
        assertEquals(liveAllocations, now.liveAllocations, "liveAllocations changed by " + after);
        assertArrayEquals(liveByClass, now.liveByClass, "liveByClass changed by " + after);
        assertEquals(0, now.faults, "verify() finds faults after " + after);
        assertTrue(Arrays.equals(treeWords, now.treeWords), "tree words changed by " + after);
        assertTrue(Arrays.equals(header, now.header), "header changed by " + after);
    }

    static byte[] read(Path file, long offset, long length) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(length));
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    break;
                }
            }
            return buffer.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
