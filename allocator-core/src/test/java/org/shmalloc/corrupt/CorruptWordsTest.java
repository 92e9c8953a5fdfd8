package org.shmalloc.corrupt;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shmalloc.internal.AtomicWordStore;
import org.shmalloc.internal.BuddyTree;
import org.shmalloc.internal.TreeCensus;
import org.shmalloc.internal.TreeGeometry;

/**
 * The words come from other processes and may be garbage: random words must make operations fail
 * cleanly (NULL, a negative code, a fault in the census), never loop, never index out of range.
 */
class CorruptWordsTest {

    @ParameterizedTest(name = "({0}, {1}) x {2} blocks, {3} of words random")
    @CsvSource({"5, 12, 8, 1.0", "5, 12, 8, 0.05", "3, 19, 2, 0.01", "3, 19, 2, 1.0", "5, 9, 16, 0.3",
            "3, 4, 32, 0.5"})
    void randomWordsNeverHangOrEscapeTheArena(int minExponent, int maxExponent, int blocks, double fraction) {
        for (long seed = 0; seed < 8; seed++) {
            garbageRun(new TreeGeometry(minExponent, maxExponent, blocks), fraction, seed);
        }
    }

    private static void garbageRun(TreeGeometry geometry, double fraction, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003 + geometry.depth * 31L + geometry.blockCount);
        AtomicWordStore words = new AtomicWordStore(Math.toIntExact(geometry.totalWords()));
        for (int i = 0; i < words.length(); i++) {
            if (random.nextDouble() < fraction) {
                long garbage = random.nextLong();
                words.cas(i, 0, garbage);
            }
        }
        BuddyTree tree = new BuddyTree(geometry, words);
        BuddyTree.Cursor cursor = new BuddyTree.Cursor(geometry, 0);
        long units = geometry.blockCount << geometry.depth;
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 5_000; i++) {
                long unit = tree.allocate(random.nextInt(geometry.depth + 1), cursor);
                assertTrue(unit >= -1 && unit < units, "unit out of range: " + unit);
                tree.free(random.nextLong(units), cursor);
                if (unit >= 0) {
                    tree.free(unit, cursor);
                }
                tree.lookup(random.nextLong(units));
            }
            TreeCensus.of(geometry, words);
            tree.summary().check(tree::blockBound, new java.util.ArrayList<>(), 10, new long[1]);
        });
    }
}
