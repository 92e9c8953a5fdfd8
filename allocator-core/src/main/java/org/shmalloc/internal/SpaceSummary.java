package org.shmalloc.internal;

/**
 * Which size classes may still be free where: a tree of summary words over the blocks, so that a
 * search finds a block with room in a few reads and a request that fits nowhere fails in a few
 * reads (one word answers for the whole arena).
 *
 * <pre>
 * level 0: one word per block; level n: one word per 64 words of level n-1; the last level is
 * one root word. A summary word:
 *  63                              18   17          16                     0
 * +----------------------------------+-----------+-------------------------+
 * | version (bumped by every CAS)    | TENTATIVE | claims XOR (1 << depth) |
 * +----------------------------------+-----------+-------------------------+
 * </pre>
 * Bit k of the claims: some block below may have a free region whose largest class is k. They are
 * stored XOR the whole-block bit, so that an all-zero word (a new file) claims exactly "whole
 * blocks are free": searches can tell untouched blocks from partly used ones.
 *
 * <h2>Invariant</h2>
 * <b>C: a word that is not TENTATIVE claims (has a possible bit at or above) every class for which
 * a free region exists below it, except regions whose free has not returned yet.</b> Frees keep it:
 * after the CAS that frees, a free makes every level from its block to the root claim the freed
 * region's class ({@link #cover}), CASing (at least bumping) any word that is TENTATIVE or does not
 * claim it, before it returns; so such a free can always be ordered after a {@code NULL} that
 * trusted a word. Allocations only shrink free space and never touch summaries. A word is lowered
 * only by {@link #refresh}: set TENTATIVE, recompute from what is below, CAS back to final; a free
 * that changed anything below meanwhile has CASed the word (it saw TENTATIVE), so the refresh fails.
 * Searches treat a TENTATIVE word as claiming everything. A process that dies mid-refresh leaves a
 * TENTATIVE word that costs reads, never correctness; any later refresh finishes it.
 */
public final class SpaceSummary {

    static final int FANOUT_SHIFT = 6;
    private static final long CLASS_BITS = 0x1_FFFFL;
    private static final long TENTATIVE = 1L << 17;
    private static final long VERSION_UNIT = 1L << 18;

    private final WordStore words;
    private final long base;
    private final long[] levelBase;
    private final long[] levelCount;
    private final int allClasses;
    private final int wholeBlock;

    SpaceSummary(WordStore words, long base, long blockCount, int depth) {
        this.words = words;
        this.base = base;
        this.levelBase = levelBases(blockCount);
        this.levelCount = new long[levelBase.length];
        long count = blockCount;
        for (int level = 0; level < levelCount.length; level++) {
            levelCount[level] = count;
            count = (count + (1L << FANOUT_SHIFT) - 1) >>> FANOUT_SHIFT;
        }
        this.allClasses = (1 << (depth + 1)) - 1;
        this.wholeBlock = 1 << depth;
    }

    /** Words the summary of {@code blockCount} blocks needs. */
    static long wordCount(long blockCount) {
        long[] bases = levelBases(blockCount);
        return bases[bases.length - 1] + 1;
    }

    private static long[] levelBases(long blockCount) {
        int levels = 1;
        for (long count = blockCount; count > 1; count = (count + (1L << FANOUT_SHIFT) - 1) >>> FANOUT_SHIFT) {
            levels++;
        }
        long[] bases = new long[levels];
        long count = blockCount;
        for (int level = 1; level < levels; level++) {
            bases[level] = bases[level - 1] + count;
            count = (count + (1L << FANOUT_SHIFT) - 1) >>> FANOUT_SHIFT;
        }
        return bases;
    }

    public int levels() {
        return levelBase.length;
    }

    public int rootLevel() {
        return levelBase.length - 1;
    }

    public long count(int level) {
        return levelCount[level];
    }

    /** Index in the word store of word (level, node). */
    public long index(int level, long node) {
        return base + levelBase[level] + node;
    }

    public long read(int level, long node) {
        return words.lv(index(level, node));
    }

    /** Classes that may be free below a word read as {@code word}: everything if it is TENTATIVE. */
    public int claimed(long word) {
        return (word & TENTATIVE) != 0 ? allClasses : possible(word);
    }

    public int possible(long word) {
        return ((int) (word & CLASS_BITS) ^ wholeBlock) & allClasses;
    }

    public static boolean isTentative(long word) {
        return (word & TENTATIVE) != 0;
    }

    /** Bits of the classes at or above {@code sizeClass}. */
    public int atLeast(int sizeClass) {
        return allClasses & -(1 << sizeClass);
    }

    /**
     * A region of {@code sizeClass} is (or is about to be) free in {@code block}: make every word
     * from the block to the root claim it (invariant C). Called by a free before and after its
     * CAS, and by an operation that observed free space (helping), each before returning.
     *
     * @return the value of the block's word (level 0) as this cover left it, claiming the class.
     *         While that word keeps this value, every word above it still claims the class (or is
     *         TENTATIVE), so a later cover of the class, or of a smaller one, would change nothing
     *         ({@link BuddyTree.Cursor#coverStands}). Why: each word above claimed it when this
     *         cover passed; only a refresh lowers a word, and it reads the children after its
     *         TENTATIVE mark. A refresh that marked the word before this cover passed had finished
     *         by then, or fails its CAS (this cover changed or saw a final word); one that marks it
     *         later reads a child that still claims the class. By induction from the block up.
     */
    public long cover(long block, int sizeClass) {
        int needed = atLeast(sizeClass);
        long node = block;
        long blockWord = 0;
        for (int level = 0; level < levelBase.length; level++, node >>>= FANOUT_SHIFT) {
            long index = index(level, node);
            while (true) {
                long word = words.lv(index);
                if (!isTentative(word) && (possible(word) & needed) != 0) {
                    blockWord = level == 0 ? word : blockWord;
                    break;
                }
                long raised = withPossible(word, possible(word) | (1 << sizeClass));
                if (casSummary(index, word, raised)) {
                    blockWord = level == 0 ? bump(raised) : blockWord;
                    break;
                }
            }
        }
        return blockWord;
    }

    /**
     * What an override that skips covering (in the test modules) returns in place of the block
     * word's value. It has TENTATIVE set, and a cursor remembers no TENTATIVE value.
     */
    public static final long NOT_COVERED = -1L;

    /** For {@link #refresh(int, long, java.util.function.LongToIntFunction, int)}: the caller has not read below. */
    public static final int NOT_SEEN = -1;

    /** {@link #refresh(int, long, java.util.function.LongToIntFunction, int)}, having read nothing below. */
    public boolean refresh(int level, long node, java.util.function.LongToIntFunction blockBound) {
        return refresh(level, node, blockBound, NOT_SEEN);
    }

    /**
     * Lowers word (level, node) to what lies below: for a block, {@code blockBound} (the largest
     * free class, or -1 if full); above, the union of its children's claims. Returns false if it
     * wrote nothing: the word already claimed exactly that, or a concurrent free or refresh changed
     * it (nothing is lost then).
     *
     * @param seenBelow what lies below as the caller read it just before (a search that has just
     *                  read every child), or {@link #NOT_SEEN}. It only decides whether the word is
     *                  already exact, so that the refresh may skip writing; the value it writes is
     *                  always read after the word became TENTATIVE. An older view is safe: if it
     *                  skips a word that has been lowered below since, the word over-claims, which
     *                  C allows; a free that raised a child since has covered this word itself.
     */
    public boolean refresh(int level, long node, java.util.function.LongToIntFunction blockBound, int seenBelow) {
        long index = index(level, node);
        long word = words.lv(index);
        if (!isTentative(word)) {
            int exact = seenBelow != NOT_SEEN ? seenBelow : below(level, node, blockBound);
            if (exact == possible(word)) {
                return false; // already exact: writing would only bump the version
            }
            long tentative = bump(word | TENTATIVE);
            if (!words.cas(index, word, tentative)) {
                return false;
            }
            word = tentative;
        }
        // NOTE: what lies below must be read after the word became TENTATIVE
        casSummary(index, word, withPossible(word & ~TENTATIVE, below(level, node, blockBound)));
        return true;
    }

    /** The classes free below word (level, node), as a refresh would set them. */
    public int below(int level, long node, java.util.function.LongToIntFunction blockBound) {
        if (level == 0) {
            int bound = blockBound.applyAsInt(node);
            return bound < 0 ? 0 : 1 << bound;
        }
        int possible = 0;
        long first = node << FANOUT_SHIFT;
        long end = Math.min(first + (1L << FANOUT_SHIFT), levelCount[level - 1]);
        for (long child = first; child < end; child++) {
            possible |= claimed(read(level - 1, child));
        }
        return possible;
    }

    /**
     * Recomputes every word from the blocks up (a refresh of each, so it is safe while others run,
     * though a word may then be lowered only as far as a racing free allows).
     */
    public void refreshAll(java.util.function.LongToIntFunction blockBound) {
        for (int level = 0; level < levelBase.length; level++) {
            for (long node = 0; node < levelCount[level]; node++) {
                refresh(level, node, blockBound);
            }
        }
    }

    /**
     * Checks invariant C on a quiescent arena: every word that is not TENTATIVE claims the largest
     * free class of each block below it. Adds a description of each violation to {@code problems}
     * (up to {@code limit}) and returns their number. TENTATIVE words are counted separately.
     * Walks the words depth first, each after the words below it, so it holds one partial result
     * per level, whatever the number of blocks.
     */
    public long check(java.util.function.LongToIntFunction blockBound, java.util.List<String> problems, int limit,
                      long[] tentativeOut) {
        Check check = new Check(blockBound, problems, limit, tentativeOut);
        check.below(rootLevel(), 0);
        return check.faults;
    }

    /** One run of {@link #check}: its counts and where it reports. */
    private final class Check {
        private final java.util.function.LongToIntFunction blockBound;
        private final java.util.List<String> problems;
        private final int limit;
        private final long[] tentativeOut;
        long faults;

        Check(java.util.function.LongToIntFunction blockBound, java.util.List<String> problems, int limit,
              long[] tentativeOut) {
            this.blockBound = blockBound;
            this.problems = problems;
            this.limit = limit;
            this.tentativeOut = tentativeOut;
        }

        /** Checks word (level, node) and every word below it; returns the bits of the largest class free in each block below it. */
        int below(int level, long node) {
            int needed;
            if (level == 0) {
                int bound = blockBound.applyAsInt(node);
                needed = bound < 0 ? 0 : 1 << bound;
            } else {
                needed = 0;
                long first = node << FANOUT_SHIFT;
                long end = Math.min(first + (1L << FANOUT_SHIFT), levelCount[level - 1]);
                for (long child = first; child < end; child++) {
                    needed |= below(level - 1, child);
                }
            }
            long word = read(level, node);
            if (isTentative(word)) {
                tentativeOut[0]++;
            } else if (needed != 0 && (possible(word) & atLeast(31 - Integer.numberOfLeadingZeros(needed))) == 0) {
                faults++;
                if (problems.size() < limit) {
                    problems.add("summary level " + level + " word " + node + " claims classes 0x"
                            + Integer.toHexString(possible(word)) + " but 0x" + Integer.toHexString(needed)
                            + " is free below it");
                }
            }
            return needed;
        }
    }

    /** The summary's single CAS; it bumps the version. Overridable by tests through {@link BuddyTree}. */
    private boolean casSummary(long index, long word, long updated) {
        return words.cas(index, word, bump(updated));
    }

    /** {@code word} with its claims replaced by {@code possible} (version and TENTATIVE unchanged). */
    public long withPossible(long word, int possible) {
        return (word & ~CLASS_BITS) | ((possible ^ wholeBlock) & CLASS_BITS);
    }

    /** {@code word} with its version advanced: every CAS on a summary word writes through this. */
    public static long bump(long word) {
        return word + VERSION_UNIT;
    }
}
