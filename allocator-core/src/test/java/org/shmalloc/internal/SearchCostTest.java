package org.shmalloc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * How many shared words a malloc reads under steady churn: the search must stay local to the
 * blocks it visits, never sweep the arena. Counts reads (deterministic, single thread), not time.
 */
class SearchCostTest {

    /** Counts every read and CAS of the words under it. */
    private static final class CountingWordStore implements WordStore {
        private final WordStore words;
        long reads;

        CountingWordStore(WordStore words) {
            this.words = words;
        }

        @Override
        public long length() {
            return words.length();
        }

        @Override
        public long lv(long index) {
            reads++;
            return words.lv(index);
        }

        @Override
        public boolean cas(long index, long expected, long updated) {
            reads++;
            return words.cas(index, expected, updated);
        }
    }

    @Test
    void churnReadsAFewHundredWordsPerOperationNotTheArena() {
        // (5,10) as in the churn benchmark: 16,384 blocks of 1 KiB, 3 summary levels
        TreeGeometry geometry = new TreeGeometry(5, 10, 16_384);
        CountingWordStore words = new CountingWordStore(new AtomicWordStore(Math.toIntExact(geometry.totalWords())));
        BuddyTree tree = new BuddyTree(geometry, words);
        BuddyTree.Cursor cursor = new BuddyTree.Cursor(geometry, 0);
        SplittableRandom random = new SplittableRandom(11);

        long[] live = new long[1 << 16];
        int count = 0;
        long usedUnits = 0;
        long capacityUnits = geometry.blockCount * geometry.unitsPerBlock();
        while (usedUnits < capacityUnits / 10) { // 10% occupancy
            int sizeClass = random.nextInt(geometry.depth + 1);
            live[count++] = tree.allocate(sizeClass, cursor);
            usedUnits += 1L << sizeClass;
        }
        int operations = 20_000;
        words.reads = 0;
        for (int i = 0; i < operations; i++) {
            int victim = random.nextInt(count);
            assertTrue(tree.free(live[victim], cursor) >= 0);
            live[victim] = tree.allocate(random.nextInt(geometry.depth + 1), cursor);
            assertTrue(live[victim] >= 0, "a request failed at 10% occupancy");
        }
        double readsPerOperation = words.reads / (double) operations;
        // A search reads a sweep of 64 summary words per level it descends and the words of the
        // blocks it visits: about 120 words here. A search that kept walking after its first look
        // had used its blocks read about 1,950 (it swept the rest of the summary).
        assertTrue(readsPerOperation < 400, "words read per free+malloc: " + readsPerOperation);
        assertEquals(0, TreeCensus.of(geometry, words).faults(), "tree faults after churn");
    }
}
