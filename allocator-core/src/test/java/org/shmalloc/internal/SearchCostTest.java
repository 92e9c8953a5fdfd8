package org.shmalloc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * How many shared words a malloc reads under steady churn and under cross-thread frees: the search
 * must stay local to the blocks it visits, never sweep the arena. Counts reads (deterministic,
 * single thread), not time. The bounds sit between what the search reads now and what it read
 * without each of its cost rules (figures in the comments), so each rule has a test that fails
 * without it: next fit for the first look, and whole-block requests skipping the partly used pass.
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

    private static CountingWordStore wordsFor(TreeGeometry geometry) {
        return new CountingWordStore(new AtomicWordStore(Math.toIntExact(geometry.totalWords())));
    }

    /** A class for a size uniform in 1..block bytes, as the benchmarks' {@code uniform} mix. */
    private static int uniformSizeClass(TreeGeometry geometry, SplittableRandom random) {
        long blockBytes = 1L << geometry.maxExponent;
        return geometry.classOf(1 + random.nextLong(blockBytes));
    }

    @Test
    void churnReadsAFewHundredWordsPerOperationNotTheArena() {
        // (5,10) as in the churn benchmark: 16,384 blocks of 1 KiB, 3 summary levels
        TreeGeometry geometry = new TreeGeometry(5, 10, 16_384);
        CountingWordStore words = wordsFor(geometry);
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
        // A search reads a sweep of up to 64 summary words per level it descends and the words of
        // the blocks it visits: about 78 words here (128 when every first look started at the
        // home block). A search that kept walking after its first look had used its blocks read
        // about 1,950 (it swept the rest of the summary).
        assertTrue(readsPerOperation < 400, "words read per free+malloc: " + readsPerOperation);
        assertEquals(0, TreeCensus.of(geometry, words).faults(), "tree faults after churn");
    }

    @Test
    void churnAtHalfOccupancyReadsFewerWordsThanFirstFit() {
        // The churn benchmark's shape: (5,10), sizes uniform in 1..1024 bytes (half of them whole
        // blocks), 50% occupancy, a random live allocation freed before each malloc.
        TreeGeometry geometry = new TreeGeometry(5, 10, 65_536);
        CountingWordStore words = wordsFor(geometry);
        BuddyTree tree = new BuddyTree(geometry, words);
        BuddyTree.Cursor cursor = new BuddyTree.Cursor(geometry, 0);
        SplittableRandom random = new SplittableRandom(5);

        long[] live = new long[1 << 17];
        int[] classes = new int[live.length];
        int count = 0;
        long usedUnits = 0;
        long target = geometry.blockCount * geometry.unitsPerBlock() / 2;
        while (usedUnits < target) {
            int sizeClass = uniformSizeClass(geometry, random);
            live[count] = tree.allocate(sizeClass, cursor);
            classes[count++] = sizeClass;
            usedUnits += 1L << sizeClass;
        }
        int operations = 100_000;
        long mallocReads = 0;
        for (int i = 0; i < operations; i++) {
            int victim = random.nextInt(count);
            assertTrue(tree.free(live[victim], cursor) >= 0);
            int sizeClass = uniformSizeClass(geometry, random);
            long before = words.reads;
            live[victim] = tree.allocate(sizeClass, cursor);
            mallocReads += words.reads - before;
            classes[victim] = sizeClass;
            assertTrue(live[victim] >= 0, "a request failed at 50% occupancy");
        }
        double readsPerMalloc = mallocReads / (double) operations;
        // Now about 212, most of it whole-block requests: the few wholly free blocks among the
        // used ones are found through claims that the hint allocations left stale. First look
        // from the home block: about 248; whole-block requests sweeping each level for partly
        // used blocks first: about 285; both (the search before this bound): about 317.
        assertTrue(readsPerMalloc < 235, "words read per malloc: " + readsPerMalloc);
        assertEquals(0, TreeCensus.of(geometry, words).faults(), "tree faults after churn");
    }

    @Test
    void crossThreadFreesCostAMallocAFewTensOfWords() {
        // The cross benchmark's shape: (5,12), sizes uniform in 1..4096 bytes; one cursor
        // allocates, another frees each allocation 1024 allocations later.
        TreeGeometry geometry = new TreeGeometry(5, 12, 16_384);
        CountingWordStore words = wordsFor(geometry);
        BuddyTree tree = new BuddyTree(geometry, words);
        BuddyTree.Cursor allocating = new BuddyTree.Cursor(geometry, 0);
        BuddyTree.Cursor freeing = new BuddyTree.Cursor(geometry, geometry.blockCount / 16);
        SplittableRandom random = new SplittableRandom(5);

        long[] inFlight = new long[1024];
        java.util.Arrays.fill(inFlight, -1);
        int operations = 100_000;
        long mallocReads = 0;
        for (int i = 0; i < operations; i++) {
            long before = words.reads;
            long unit = tree.allocate(uniformSizeClass(geometry, random), allocating);
            mallocReads += words.reads - before;
            assertTrue(unit >= 0, "a request failed with 1024 allocations live");
            int slot = i % inFlight.length;
            if (inFlight[slot] >= 0) {
                assertTrue(tree.free(inFlight[slot], freeing) >= 0);
            }
            inFlight[slot] = unit;
        }
        double readsPerMalloc = mallocReads / (double) operations;
        // Now about 32: the first look starts where this thread's last search found room (next
        // fit). From the home block instead, every search re-read the summary words of the blocks
        // it had filled since: about 103. A whole-block request that first swept each level for
        // partly used blocks (it can use none): about 74. Both (the search before this bound): 172.
        assertTrue(readsPerMalloc < 50, "words read per malloc: " + readsPerMalloc);
        assertEquals(0, TreeCensus.of(geometry, words).faults(), "tree faults after cross frees");
    }
}
