package org.shmalloc.internal;

/**
 * Where each block's tree words are and what each slot covers.
 *
 * <p>A block holds {@code 2^depth} units of {@code 2^minExponent} bytes. Its tree has
 * {@code levels} levels of words: level 0 words are leaves whose slots are single units; a slot at
 * level {@code l} covers {@code 16^l} units. The top word (level {@code levels-1}) has
 * {@code topSlots} slots (2, 4, 8 or 16) and covers the whole block; below it every word has 16
 * slots. Words of a block are stored top first, then level by level:
 *
 * <pre>
 * block b: [ top | level L-2: topSlots words | level L-3: 16*topSlots words | ... | level 0 ]
 * the child of slot s of word (level l, position p) is word (level l-1, position 16*p + s)
 * </pre>
 *
 * A size class {@code c} (blocks of {@code 2^c} units, {@code 0 <= c <= depth}) is allocated in
 * words of level {@code min(c / 4, levels - 1)} as a run of {@code 2^(c - 4*level)} slots; below the
 * top that run is 1, 2, 4 or 8 slots, so a whole word is never one allocation (its parent slot is).
 */
public final class TreeGeometry {

    public final int minExponent;
    public final int maxExponent;
    /** maxExponent - minExponent: log2 of the units in a block. */
    public final int depth;
    public final int levels;
    public final int topSlots;
    public final int wordsPerBlock;
    public final long blockCount;
    private final int[] levelBase;

    public TreeGeometry(int minExponent, int maxExponent, long blockCount) {
        if (maxExponent <= minExponent || maxExponent - minExponent > 16) {
            throw new IllegalArgumentException("need minExponent < maxExponent <= minExponent + 16, got "
                    + minExponent + ", " + maxExponent);
        }
        if (blockCount < 1) {
            throw new IllegalArgumentException("need at least one block, got " + blockCount);
        }
        this.minExponent = minExponent;
        this.maxExponent = maxExponent;
        this.depth = maxExponent - minExponent;
        this.levels = (depth + 3) / 4;
        this.topSlots = 1 << (depth - 4 * (levels - 1));
        this.blockCount = blockCount;
        this.levelBase = new int[levels];
        int base = 0;
        int count = 1;
        for (int level = levels - 1; level >= 0; level--) {
            levelBase[level] = base;
            base += count;
            count = level == levels - 1 ? topSlots : count * TreeWord.SLOTS;
        }
        this.wordsPerBlock = base;
    }

    public int topLevel() {
        return levels - 1;
    }

    /** Slots in a word of {@code level}. */
    public int slotsAt(int level) {
        return level == levels - 1 ? topSlots : TreeWord.SLOTS;
    }

    /** log2 of the units one slot of {@code level} covers. */
    public static int slotShift(int level) {
        return level << 2;
    }

    public int levelOfClass(int sizeClass) {
        return Math.min(sizeClass >>> 2, levels - 1);
    }

    public int runOfClass(int sizeClass) {
        return 1 << (sizeClass - 4 * levelOfClass(sizeClass));
    }

    /** Global index of word (level, position) of {@code block}. */
    public long wordIndex(long block, int level, int position) {
        return block * wordsPerBlock + levelBase[level] + position;
    }

    /** Tree words of all blocks; the space summary's words follow them. */
    public long treeWords() {
        return blockCount * wordsPerBlock;
    }

    /** Tree words plus the space summary's words ({@link SpaceSummary}). */
    public long totalWords() {
        return treeWords() + SpaceSummary.wordCount(blockCount);
    }

    public long unitsPerBlock() {
        return 1L << depth;
    }

    /** The smallest class whose blocks hold {@code bytes}, or -1 if larger than a block. */
    public int classOf(long bytes) {
        if (bytes > (1L << maxExponent)) {
            return -1;
        }
        int exponent = 64 - Long.numberOfLeadingZeros(bytes - 1);
        return Math.max(0, exponent - minExponent);
    }
}
