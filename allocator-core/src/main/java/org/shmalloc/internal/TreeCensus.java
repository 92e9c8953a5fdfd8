package org.shmalloc.internal;

import static org.shmalloc.internal.TreeWord.CONT;
import static org.shmalloc.internal.TreeWord.MERGED;
import static org.shmalloc.internal.TreeWord.MERGING;
import static org.shmalloc.internal.TreeWord.SPLIT;
import static org.shmalloc.internal.TreeWord.START;
import static org.shmalloc.internal.TreeWord.USABLE;
import static org.shmalloc.internal.TreeWord.isEmpty;
import static org.shmalloc.internal.TreeWord.seal;
import static org.shmalloc.internal.TreeWord.slot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A read-only pass over every tree word: counts live allocations per size class from the words
 * themselves, and checks each word against the tree's invariants. Exact when no operation runs
 * during the pass; otherwise each word is read once, so counts may mix moments.
 */
public final class TreeCensus {

    private static final int MAX_SAMPLES = 20;

    private final TreeGeometry geometry;
    private final WordStore words;
    private final long[] liveByClass;
    private final AllocationVisitor visitor;
    private final List<String> faultSamples = new ArrayList<>();
    private long faults;
    private long pinsInProgress;
    private long mergesInProgress;
    private long stalePins;

    private TreeCensus(TreeGeometry geometry, WordStore words, AllocationVisitor visitor) {
        this.geometry = geometry;
        this.words = words;
        this.visitor = visitor;
        this.liveByClass = new long[geometry.depth + 1];
    }

    /** Receives each live allocation a census finds. */
    @FunctionalInterface
    public interface AllocationVisitor {
        void allocation(long unit, int sizeClass);
    }

    private static final AllocationVisitor IGNORE = (unit, sizeClass) -> { };

    public static TreeCensus of(TreeGeometry geometry, WordStore words) {
        return of(geometry, words, IGNORE);
    }

    /** A census that also hands every live allocation to {@code visitor}. */
    public static TreeCensus of(TreeGeometry geometry, WordStore words, AllocationVisitor visitor) {
        TreeCensus census = new TreeCensus(geometry, words, visitor);
        for (long block = 0; block < geometry.blockCount; block++) {
            census.visit(block, geometry.topLevel(), 0, true);
        }
        return census;
    }

    /** Live allocations per size class (index = class, blocks of 2^class units). */
    public long[] liveByClass() {
        return liveByClass.clone();
    }

    public long liveAllocations() {
        return Arrays.stream(liveByClass).sum();
    }

    /** Units in live allocations. */
    public long liveUnits() {
        long units = 0;
        for (int c = 0; c < liveByClass.length; c++) {
            units += liveByClass[c] << c;
        }
        return units;
    }

    /** Words that break an invariant. Zero for a consistent arena. */
    public long faults() {
        return faults;
    }

    public List<String> faultSamples() {
        return List.copyOf(faultSamples);
    }

    /** Pins whose unseal step had not happened (a pinning thread was between its two steps, or died). */
    public long pinsInProgress() {
        return pinsInProgress;
    }

    /** Merges whose unpin or finalize step had not happened. */
    public long mergesInProgress() {
        return mergesInProgress;
    }

    /** SPLIT slots over subtrees that hold no allocation: reusable, collapsed on demand. */
    public long stalePins() {
        return stalePins;
    }

    /**
     * Visits word (level, position) of {@code block}; {@code reachable} says whether its parent
     * slot is SPLIT. Returns the number of live allocations in its subtree.
     */
    private long visit(long block, int level, int position, boolean reachable) {
        long index = geometry.wordIndex(block, level, position);
        long word = words.lv(index);
        boolean top = level == geometry.topLevel();
        int seal = seal(word);
        if (top) {
            if (seal != MERGED) {
                fault(block, level, position, word, "top word carries a seal");
            }
        } else if (seal == TreeWord.SEAL_INVALID) {
            fault(block, level, position, word, "invalid seal");
            return 0;
        } else if (seal != USABLE) {
            if (!isEmpty(word)) {
                fault(block, level, position, word, "sealed word is not empty");
            } else if (reachable && seal == MERGED) {
                pinsInProgress++;
            } else if (seal == MERGING) {
                mergesInProgress++;
            }
        } else if (!reachable) {
            fault(block, level, position, word, "usable word under a slot that is not SPLIT");
        }
        boolean live = top || (seal == USABLE && reachable);
        int slots = geometry.slotsAt(level);
        for (int s = slots; s < TreeWord.SLOTS; s++) {
            if (slot(word, s) != TreeWord.FREE) {
                fault(block, level, position, word, "slot " + s + " beyond the word's " + slots + " slots");
                break;
            }
        }
        long allocations = 0;
        for (int s = 0; s < slots; ) {
            int state = slot(word, s);
            if (state == START) {
                int run = TreeWord.runLength(word, s, slots);
                if (Integer.bitCount(run) != 1 || s % run != 0 || (!top && run == slots)) {
                    fault(block, level, position, word, "run of " + run + " slots at slot " + s);
                } else if (live) {
                    int sizeClass = TreeGeometry.slotShift(level) + Integer.numberOfTrailingZeros(run);
                    liveByClass[sizeClass]++;
                    allocations++;
                    visitor.allocation((block << geometry.depth)
                            + ((long) ((position << 4) + s) << TreeGeometry.slotShift(level)), sizeClass);
                }
                s += run;
                continue;
            }
            if (state == CONT) {
                fault(block, level, position, word, "CONT without START at slot " + s);
            } else if (state == SPLIT && level == 0) {
                fault(block, level, position, word, "SPLIT in a leaf word");
            }
            s++;
        }
        if (level > 0) {
            for (int s = 0; s < slots; s++) {
                boolean split = slot(word, s) == SPLIT;
                long below = visit(block, level - 1, (position << 4) + s, live && split);
                if (live && split && below == 0) {
                    stalePins++;
                }
                allocations += below;
            }
        }
        return allocations;
    }

    private void fault(long block, int level, int position, long word, String what) {
        faults++;
        if (faultSamples.size() < MAX_SAMPLES) {
            faultSamples.add("block " + block + " level " + level + " word " + position + " ("
                    + TreeWord.toString(word) + "): " + what);
        }
    }
}
