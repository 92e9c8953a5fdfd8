package org.shmalloc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link SpaceSummary#check}: it finds a word that claims too little at every level, each once. */
class SummaryCheckTest {

    /** 64 x 64 + 1 blocks: three summary levels below the root. */
    private final TreeGeometry geometry = new TreeGeometry(5, 10, 64 * 64 + 1);
    private final AtomicWordStore words = new AtomicWordStore(Math.toIntExact(geometry.totalWords()));
    private final BuddyTree tree = new BuddyTree(geometry, words);
    private final SpaceSummary summary = tree.summary();
    /** The summary word's TENTATIVE bit (see {@link SpaceSummary}). */
    private static final long TENTATIVE = 1L << 17;

    @Test
    void aFreshArenaPasses() {
        long[] tentative = {0};
        assertEquals(0, summary.check(tree::blockBound, new ArrayList<>(), 10, tentative));
        assertEquals(0, tentative[0]);
        assertEquals(3, summary.rootLevel());
    }

    @Test
    void aWordThatClaimsNothingAboveFreeSpaceIsReportedAtEachLevel() {
        claimNothing(0, 4096);
        claimNothing(1, 63);
        claimNothing(summary.rootLevel(), 0);
        List<String> problems = new ArrayList<>();
        assertEquals(3, summary.check(tree::blockBound, problems, 10, new long[1]));
        // depth first: a word after the words below it
        assertEquals(List.of(
                "summary level 1 word 63 claims classes 0x0 but 0x20 is free below it",
                "summary level 0 word 4096 claims classes 0x0 but 0x20 is free below it",
                "summary level 3 word 0 claims classes 0x0 but 0x20 is free below it"), problems);
    }

    @Test
    void tentativeWordsAreCountedNotReported() {
        long index = summary.index(2, 1);
        long word = words.lv(index);
        long tentativeWord = SpaceSummary.bump(word | TENTATIVE);
        assertTrue(SpaceSummary.isTentative(tentativeWord));
        words.cas(index, word, tentativeWord);
        long[] tentative = {0};
        assertEquals(0, summary.check(tree::blockBound, new ArrayList<>(), 10, tentative));
        assertEquals(1, tentative[0]);
    }

    /** Makes word (level, node) claim no class. */
    private void claimNothing(int level, long node) {
        long index = summary.index(level, node);
        long word = words.lv(index);
        words.cas(index, word, SpaceSummary.bump(summary.withPossible(word, 0)));
    }
}
