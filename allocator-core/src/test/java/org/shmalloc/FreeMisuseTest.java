package org.shmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * free of anything that is not the start of a live allocation throws IllegalArgumentException
 * naming the offset and changes nothing: stats, verification, tree words and header are compared
 * byte for byte before and after.
 */
class FreeMisuseTest {

    private static final ShmConfig CONFIG = new ShmConfig(5, 12, 1 << 20);

    @TempDir(factory = ShmTempDir.class)
    Path dir;
    private ShmAllocator allocator;
    /** Live: a whole 4 KiB block, a 32 B unit, a 512 B block. */
    private long whole;
    private long unit;
    private long middle;

    @BeforeEach
    void open() throws IOException {
        allocator = ShmAllocator.open(dir.resolve("arena"), CONFIG);
        whole = allocator.malloc(4096);
        unit = allocator.malloc(32);
        middle = allocator.malloc(512);
        assertNotEquals(ShmAllocator.NULL, whole);
        assertNotEquals(ShmAllocator.NULL, unit);
        assertNotEquals(ShmAllocator.NULL, middle);
    }

    @AfterEach
    void close() {
        allocator.close();
    }

    private void assertRefused(long offset, String what) {
        ArenaState before = ArenaState.of(allocator);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> allocator.free(offset),
                "free(" + offset + "): " + what);
        assertTrue(e.getMessage().contains(Long.toString(offset)), "message does not name " + offset + ": "
                + e.getMessage());
        before.assertUnchanged(allocator, "free(" + offset + ") of " + what);
    }

    @Test
    void nullIsANoOpThatKeepsTheReservedUnit() {
        ArenaState before = ArenaState.of(allocator);
        allocator.free(ShmAllocator.NULL);
        allocator.free(0L);
        before.assertUnchanged(allocator, "free(NULL)");
        assertTrue(allocator.verify().consistent(), "verify() also checks that the NULL unit is still reserved");
        assertThrows(IllegalArgumentException.class, () -> allocator.usableSize(ShmAllocator.NULL));
    }

    @Test
    void offsetsInsideTheReservedUnitOrMisaligned() {
        for (long offset : new long[] {1, 8, 31}) {
            assertRefused(offset, "an offset inside the reserved NULL unit");
        }
        for (long offset : new long[] {whole + 1, whole + 8, whole + 4095, unit + 16, middle + 31}) {
            assertRefused(offset, "a misaligned offset");
        }
    }

    @Test
    void interiorOffsets() {
        for (long offset : new long[] {whole + 32, whole + 512, whole + 2048, whole + 4064, middle + 32,
                middle + 256, middle + 480}) {
            assertRefused(offset, "an offset inside a live allocation");
        }
    }

    @Test
    void offsetsPastTheEndOrNegative() {
        long end = CONFIG.arenaBytes();
        for (long offset : new long[] {end, end + 32, end + 4096, 1L << 40, Long.MAX_VALUE & -32, Long.MAX_VALUE,
                -32, -1, -4096, Long.MIN_VALUE}) {
            assertRefused(offset, "an offset outside the arena");
        }
    }

    @Test
    void offsetsNeverAllocated() {
        Set<Long> used = new HashSet<>(List.of(whole >>> 12, unit >>> 12, middle >>> 12, 0L));
        long block = 1;
        while (used.contains(block)) {
            block++;
        }
        long untouched = block << 12;
        for (long offset : new long[] {untouched, untouched + 32, untouched + 512, untouched + 2048}) {
            assertRefused(offset, "an aligned offset in a block nobody used");
        }
        // a free unit next to a live one, in a word that is in use
        long neighbour = (unit & 63) == 0 ? unit + 32 : unit - 32;
        if (neighbour == ShmAllocator.NULL) {
            neighbour = unit + 32; // the buddy is the reserved NULL unit
        }
        if (neighbour != middle && (neighbour < middle || neighbour >= middle + 512)) {
            assertRefused(neighbour, "the free buddy of a live unit");
        }
    }

    @Test
    void doubleFree() {
        long offset = allocator.malloc(100);
        allocator.free(offset);
        assertRefused(offset, "an offset freed already");
        allocator.free(whole);
        assertRefused(whole, "a whole block freed already");
        assertRefused(whole + 32, "an offset inside a freed block");
    }

    @Test
    void refusalsLeaveTheLiveAllocationsUsable() {
        for (long offset : new long[] {1, whole + 32, -32, Long.MAX_VALUE, CONFIG.arenaBytes()}) {
            assertThrows(IllegalArgumentException.class, () -> allocator.free(offset));
        }
        assertEquals(4096, allocator.usableSize(whole));
        assertEquals(32, allocator.usableSize(unit));
        assertEquals(512, allocator.usableSize(middle));
        allocator.free(whole);
        allocator.free(unit);
        allocator.free(middle);
        ShmStats stats = allocator.stats();
        assertEquals(0, stats.liveAllocations());
        assertEquals(0, stats.usedBytes());
        ShmVerification verification = allocator.verify();
        assertTrue(verification.consistent(), verification.problems().toString());
    }
}
