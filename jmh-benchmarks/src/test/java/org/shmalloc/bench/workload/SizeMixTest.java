package org.shmalloc.bench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SizeMixTest {

    private final ArenaParams arena = ArenaParams.of("5-12", "64M");

    @Test
    void fixedClassesAreExactBlockSizes() {
        assertTrue(Arrays.stream(SizeMix.table("min", arena, 1)).allMatch(s -> s == 32));
        assertTrue(Arrays.stream(SizeMix.table("mid", arena, 1)).allMatch(s -> s == 256));
        assertTrue(Arrays.stream(SizeMix.table("max", arena, 1)).allMatch(s -> s == 4096));
    }

    @Test
    void uniformCoversOneToMax() {
        int[] sizes = SizeMix.table("uniform", arena, 1);
        assertEquals(1, Arrays.stream(sizes).min().orElseThrow(), 40, "smallest near 1");
        assertEquals(4096, Arrays.stream(sizes).max().orElseThrow(), 40, "largest near max");
        double mean = Arrays.stream(sizes).average().orElseThrow();
        assertEquals(2048, mean, 100, "uniform mean");
    }

    @Test
    void pathNamesAreMostlySmallWithALongTail() {
        int[] sizes = SizeMix.table("paths", arena, 1);
        long small = Arrays.stream(sizes).filter(s -> s >= 32 && s <= 256).count();
        long tail = Arrays.stream(sizes).filter(s -> s > 1024).count();
        assertEquals(0.85, small / (double) sizes.length, 0.02);
        assertTrue(tail > 0, "a tail beyond 1 KiB");
        assertTrue(Arrays.stream(sizes).allMatch(s -> s >= 32 && s <= 4096));
    }

    @Test
    void ordersArePowersOfTwoOverEveryClass() {
        int[] sizes = SizeMix.table("orders", arena, 1);
        assertTrue(Arrays.stream(sizes).allMatch(s -> Integer.bitCount(s) == 1 && s >= 32 && s <= 4096));
        assertEquals(8, Arrays.stream(sizes).distinct().count(), "all 8 classes of 5-12");
    }

    @Test
    void sameSeedSameTable() {
        assertTrue(Arrays.equals(SizeMix.table("uniform", arena, 7), SizeMix.table("uniform", arena, 7)));
        assertTrue(!Arrays.equals(SizeMix.table("uniform", arena, 7), SizeMix.table("uniform", arena, 8)));
    }

    @Test
    void unknownMixIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> SizeMix.table("huge", arena, 1));
    }

    @Test
    void arenaArithmetic() {
        assertEquals(64L << 20, ArenaParams.bytes("64M"));
        assertEquals(16L << 30, ArenaParams.bytes("16G"));
        assertEquals(32, arena.blockBytes(1));
        assertEquals(32, arena.blockBytes(32));
        assertEquals(64, arena.blockBytes(33));
        assertEquals(4096, arena.blockBytes(4096));
        assertEquals((64L << 20) - 32, arena.capacity());
    }
}
