package org.shmalloc.jcstress.arena;

import org.shmalloc.internal.SpaceSummary;
import org.shmalloc.internal.WordStore;

/**
 * The space summary of one test arena as a scenario sees it: which words lie above a block, whether
 * they claim a class, and (in a state's constructor) the TENTATIVE word a dead refresher leaves.
 * Everything goes through the summary's public encoding ({@link SpaceSummary}) and the arena's
 * {@link WordStore}, on the same file-mapped words the tree uses.
 */
public final class SummaryWords {

    /** Words of level n-1 under one word of level n, as SpaceSummary's class comment states. */
    static final int FANOUT = 64;
    /**
     * The TENTATIVE flag of a summary word (bit 17 in SpaceSummary's layout). Not public in the core;
     * {@link #leaveTentative} checks that it is what {@link SpaceSummary#isTentative} reads.
     */
    private static final long TENTATIVE = 1L << 17;

    private final SpaceSummary summary;
    private final WordStore words;

    SummaryWords(SpaceSummary summary, WordStore words) {
        this.summary = summary;
        this.words = words;
    }

    public int rootLevel() {
        return summary.rootLevel();
    }

    /** The node of {@code level} whose subtree holds {@code block}. */
    public static long nodeAbove(long block, int level) {
        long node = block;
        for (int l = 0; l < level; l++) {
            node /= FANOUT;
        }
        return node;
    }

    /** True if word (level, node) claims {@code sizeClass}: a TENTATIVE word, or a possible class at or above it. */
    public boolean claims(int level, long node, int sizeClass) {
        return (summary.claimed(summary.read(level, node)) & summary.atLeast(sizeClass)) != 0;
    }

    /**
     * Null if every word from {@code block} up to the root claims {@code sizeClass}; else which one
     * does not, and what it holds.
     */
    public String firstNotClaiming(long block, int sizeClass) {
        for (int level = 0; level <= summary.rootLevel(); level++) {
            long node = nodeAbove(block, level);
            if (!claims(level, node, sizeClass)) {
                return "summary level " + level + " word " + node + " (possible 0x"
                        + Integer.toHexString(summary.possible(summary.read(level, node)))
                        + ") does not claim class " + sizeClass + " freed in block " + block;
            }
        }
        return null;
    }

    /** True if no summary word claims any class (a full arena whose summary is exact). */
    public boolean claimsNothing() {
        for (int level = 0; level <= summary.rootLevel(); level++) {
            for (long node = 0; node < summary.count(level); node++) {
                if (summary.claimed(summary.read(level, node)) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    public boolean isTentative(int level, long node) {
        return SpaceSummary.isTentative(summary.read(level, node));
    }

    /**
     * Setup only: marks word (level, node) TENTATIVE, keeping its claims, as a refresher that died
     * after its first CAS leaves it.
     */
    public void leaveTentative(int level, long node) {
        long index = summary.index(level, node);
        long word = words.lv(index);
        long tentative = SpaceSummary.bump(word | TENTATIVE);
        if (!SpaceSummary.isTentative(tentative) || summary.possible(tentative) != summary.possible(word)) {
            throw new IllegalStateException("the summary word layout changed: bit 17 is not TENTATIVE");
        }
        if (!words.cas(index, word, tentative)) {
            throw new IllegalStateException("setup: summary word (" + level + ", " + node + ") changed");
        }
    }
}
