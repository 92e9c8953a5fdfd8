package org.shmalloc.jcstress.arena;

import org.shmalloc.internal.TreeGeometry;

/**
 * The configuration of one test arena: units of {@code 2^minExponent} bytes, blocks of
 * {@code 2^maxExponent}, {@code blocks} of them; {@code withData} when the test reads or writes the
 * blocks' bytes (tree-only tests skip the data region, which for wide configs would be large).
 */
public record ArenaShape(int minExponent, int maxExponent, int blocks, boolean withData) {

    /** 4 units of 8 B: one tree word of 4 slots. */
    public static final ArenaShape TINY = new ArenaShape(3, 5, 1, false);
    /** 16 units of 32 B: one tree word of 16 slots, with its 512 data bytes. */
    public static final ArenaShape ONE_WORD = new ArenaShape(5, 9, 1, true);
    /** Two blocks of {@link #ONE_WORD}. */
    public static final ArenaShape TWO_BLOCKS = new ArenaShape(5, 9, 2, false);
    /** 32 units of 8 B: a top word of 2 slots over two leaf words (parent and child), with data. */
    public static final ArenaShape TWO_LEVELS = new ArenaShape(3, 8, 1, true);
    /** 256 units of 8 B: a top word of 16 slots over 16 leaf words (17 words). */
    public static final ArenaShape WIDE_11 = new ArenaShape(3, 11, 1, false);
    /**
     * 65 blocks of 4 units of 8 B (one 4-slot word each): a space summary of three levels, 65 block
     * words under 2 group words (blocks 0-63 and block 64) under the root.
     */
    public static final ArenaShape MANY_TINY = new ArenaShape(3, 5, 65, false);
    /** 65,536 units of 8 B: four levels of words, 1 + 16 + 256 + 4,096 of them. */
    public static final ArenaShape WIDE_19 = new ArenaShape(3, 19, 1, false);

    public TreeGeometry geometry() {
        return new TreeGeometry(minExponent, maxExponent, blocks);
    }

    public long treeBytes() {
        return geometry().totalWords() * Long.BYTES;
    }

    public long dataBytes() {
        return withData ? (long) blocks << maxExponent : 0;
    }

    /** Tree words, then data, each rounded up to the slice alignment. */
    public long sliceBytes() {
        return roundUp(treeBytes()) + roundUp(dataBytes());
    }

    static long roundUp(long bytes) {
        return (bytes + SliceRing.ALIGNMENT - 1) & -SliceRing.ALIGNMENT;
    }

    @Override
    public String toString() {
        return "(" + minExponent + "," + maxExponent + ") x " + blocks;
    }
}
