package org.shmalloc.internal;

/**
 * The bits of one tree word: sixteen 2-bit slots, a 2-bit seal and a 30-bit version.
 *
 * <pre>
 *  63                              34 33  32 31                                   0
 * +----------------------------------+------+--------------------------------------+
 * |  version (bumped by every CAS)   | seal | slot 15 | slot 14 | ... | slot 0     |
 * +----------------------------------+------+--------------------------------------+
 * slot: FREE 0 | SPLIT 1 (its child word holds smaller blocks) | START 2 | CONT 3
 * seal (child words only): MERGED 0 | USABLE 1 | MERGING 2 | 3 is never written
 * </pre>
 *
 * An allocation of {@code k} slots (k a power of two, aligned to k) is one START followed by
 * {@code k - 1} CONT slots. The version makes every value a word takes distinct (up to 2^30
 * changes between one read and its CAS), which the tree's two-word protocol relies on; see
 * {@link BuddyTree}. An all-zero word is a merged, empty child: a new, sparse file is an
 * empty arena.
 */
public final class TreeWord {

    public static final int SLOTS = 16;

    public static final int FREE = 0;
    public static final int SPLIT = 1;
    public static final int START = 2;
    public static final int CONT = 3;

    public static final int MERGED = 0;
    public static final int USABLE = 1;
    public static final int MERGING = 2;
    public static final int SEAL_INVALID = 3;

    private static final long SLOT_BITS = 0xFFFF_FFFFL;
    private static final int SEAL_SHIFT = 32;
    private static final long SEAL_BITS = 3L << SEAL_SHIFT;
    private static final long VERSION_UNIT = 1L << 34;
    /** Low bit of each slot. */
    private static final long SLOT_LOW_BITS = 0x5555_5555L;

    private TreeWord() {
    }

    public static int slot(long word, int index) {
        return (int) (word >>> (index << 1)) & 3;
    }

    public static int seal(long word) {
        return (int) ((word & SEAL_BITS) >>> SEAL_SHIFT);
    }

    public static long version(long word) {
        return word >>> 34;
    }

    /** True when every slot is FREE. */
    public static boolean isEmpty(long word) {
        return (word & SLOT_BITS) == 0;
    }

    /** Bit i set when slot i is not FREE (for i below 16). */
    public static int usedSlotMask(long word) {
        long slots = word & SLOT_BITS;
        long used = (slots | (slots >>> 1)) & SLOT_LOW_BITS;
        // compress bit 2i to bit i
        used = (used | (used >>> 1)) & 0x3333_3333L;
        used = (used | (used >>> 2)) & 0x0F0F_0F0FL;
        used = (used | (used >>> 4)) & 0x00FF_00FFL;
        used = (used | (used >>> 8)) & 0x0000_FFFFL;
        return (int) used;
    }

    /** Bit i set when slot i holds {@code state}. */
    public static int slotMask(long word, int state) {
        int mask = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (slot(word, i) == state) {
                mask |= 1 << i;
            }
        }
        return mask;
    }

    /** The next value of {@code word}: same content, version + 1. Every CAS writes through this. */
    public static long bump(long word) {
        return word + VERSION_UNIT;
    }

    public static long withSlot(long word, int index, int state) {
        int shift = index << 1;
        return (word & ~(3L << shift)) | ((long) state << shift);
    }

    /** Slots {@code first .. first+count-1} set to START, CONT, ..., CONT. */
    public static long withRun(long word, int first, int count) {
        long run = runBits(first, count);
        // all run bits set is CONT everywhere; clearing the low bit of the first slot makes it START
        return (word & ~run) | (run & ~(1L << (first << 1)));
    }

    /** Slots {@code first .. first+count-1} set to FREE. */
    public static long withoutRun(long word, int first, int count) {
        return word & ~runBits(first, count);
    }

    public static long withSeal(long word, int seal) {
        return (word & ~SEAL_BITS) | ((long) seal << SEAL_SHIFT);
    }

    private static long runMaskBits(int count) {
        return count == SLOTS ? SLOT_BITS : (1L << (count << 1)) - 1;
    }

    private static long runBits(int first, int count) {
        return runMaskBits(count) << (first << 1);
    }

    /** Length of the allocation that starts at slot {@code first} (START then CONTs), or 0. */
    public static int runLength(long word, int first, int slotCount) {
        if (slot(word, first) != START) {
            return 0;
        }
        int end = first + 1;
        while (end < slotCount && slot(word, end) == CONT) {
            end++;
        }
        return end - first;
    }

    public static String toString(long word) {
        StringBuilder b = new StringBuilder("v").append(version(word)).append(' ')
                .append(switch (seal(word)) {
                    case MERGED -> "merged";
                    case USABLE -> "usable";
                    case MERGING -> "merging";
                    default -> "seal?";
                }).append(" [");
        for (int i = 0; i < SLOTS; i++) {
            b.append(".SAc".charAt(slot(word, i)));
        }
        return b.append(']').toString();
    }
}
