package org.shmalloc.internal;

import static org.shmalloc.internal.TreeWord.CONT;
import static org.shmalloc.internal.TreeWord.FREE;
import static org.shmalloc.internal.TreeWord.MERGED;
import static org.shmalloc.internal.TreeWord.MERGING;
import static org.shmalloc.internal.TreeWord.SPLIT;
import static org.shmalloc.internal.TreeWord.START;
import static org.shmalloc.internal.TreeWord.USABLE;
import static org.shmalloc.internal.TreeWord.bump;
import static org.shmalloc.internal.TreeWord.isEmpty;
import static org.shmalloc.internal.TreeWord.seal;
import static org.shmalloc.internal.TreeWord.slot;
import static org.shmalloc.internal.TreeWord.withRun;
import static org.shmalloc.internal.TreeWord.withSeal;
import static org.shmalloc.internal.TreeWord.withSlot;
import static org.shmalloc.internal.TreeWord.withoutRun;

/**
 * The lock-free buddy allocator over the tree words of every block ({@link TreeGeometry},
 * {@link TreeWord}). Positions are in units ({@code 2^minExponent} bytes) from the arena's start.
 *
 * <h2>Invariant</h2>
 * <b>S: a child word that has a non-FREE slot sits under a parent slot that is SPLIT.</b> So a
 * START/CONT slot never covers a live allocation below it, and two live allocations never overlap.
 *
 * <h2>Protocol</h2>
 * Each step is one CAS on one word, and every CAS bumps the word's version, so "the CAS succeeded"
 * means "the word did not change since I read it". A child word C under parent slot p moves
 * through: USABLE (normal) -> MERGING (sealed empty by a merger) -> p unpinned to FREE -> MERGED
 * -> p pinned to SPLIT by a later allocator -> USABLE again. Each step is checked against the other
 * word, always read in this order:
 * <ul>
 *   <li>change C (allocate in it, unseal it, finalize a merge): read C, then P, then CAS C.
 *       p leaves SPLIT only by an unpin, which needs C MERGING; C did not change between the two
 *       reads and the CAS, so p was still SPLIT at the CAS (this keeps S).</li>
 *   <li>unpin p (SPLIT to FREE): read P, then C (must be MERGING), then CAS P.</li>
 *   <li>pin p (FREE to SPLIT): read C (must be MERGED), then P, then P's own parent slot (must be
 *       SPLIT: pinning makes P non-empty), then CAS P.</li>
 * </ul>
 * Every intermediate state names the one step that finishes it, and any thread that meets it takes
 * that step (helping), so no operation waits for another and a process that dies between two steps
 * leaves a state the next visitor completes. A process that dies after its allocating CAS leaks
 * that block (nobody knows its offset); it never causes an overlap.
 *
 * <h2>Coalescing</h2>
 * Freeing never merges: a SPLIT slot whose subtree emptied stays SPLIT (a "stale pin") and is
 * reused by the next small allocation there. A request that needs the whole slot collapses it
 * (seal the empty child, unpin, finalize) when it finds no free run otherwise.
 *
 * <p>Not final: the project's test modules subclass it to build deliberately broken variants.
 */
public class BuddyTree {

    /** Returned by {@link #lookup} for a unit that is not the start of a live allocation. */
    public static final int NOT_ALLOCATED = -1;
    /** Returned by {@link #lookup} for a unit inside a live allocation but not at its start. */
    public static final int INTERIOR = -2;
    /** Returned by {@link #lookup} when the words on the path are malformed. */
    public static final int CORRUPT = -3;

    protected final TreeGeometry geometry;
    protected final WordStore words;
    protected final SpaceSummary summary;
    private final int topLevel;
    /** {@link #blockBound}, for refreshes (one object, not one per call). */
    private final java.util.function.LongToIntFunction blockBounds = this::blockBound;

    public BuddyTree(TreeGeometry geometry, WordStore words) {
        if (words.length() < geometry.totalWords()) {
            throw new IllegalArgumentException("word store holds " + words.length() + " words, the tree needs "
                    + geometry.totalWords());
        }
        this.geometry = geometry;
        this.words = words;
        this.topLevel = geometry.topLevel();
        this.summary = new SpaceSummary(words, geometry.treeWords(), geometry.blockCount, geometry.depth);
    }

    public TreeGeometry geometry() {
        return geometry;
    }

    public WordStore words() {
        return words;
    }

    public SpaceSummary summary() {
        return summary;
    }

    // ------------------------------------------------------------------------------------------
    // allocation

    /**
     * Allocates a block of {@code sizeClass} ({@code 2^sizeClass} units). Returns its first unit,
     * or -1 when no block of that class is free at one instant during the call.
     */
    public long allocate(int sizeClass, Cursor cursor) {
        int level = geometry.levelOfClass(sizeClass);
        int run = geometry.runOfClass(sizeClass);
        int hinted = cursor.position[sizeClass];
        if (hinted >= 0) {
            long unit = allocateInWord(cursor.block[sizeClass], level, hinted, run, cursor);
            if (unit >= 0) {
                return unit;
            }
        }
        long unit = allocateInFreedRegion(sizeClass, level, run, cursor);
        if (unit < 0) {
            unit = allocateInFreed(sizeClass, level, run, cursor);
        }
        return unit >= 0 ? unit : search(sizeClass, level, run, cursor);
    }

    /**
     * Tries the regions of this class this thread freed last, newest first (at most
     * {@link #FREED_REGION_TRIES} of them), in the word that held each. Under churn, frees and
     * mallocs of a class come at the same rate, so this reuses the hole a free of the class just
     * made instead of searching for one, and leaves no new hole of its own.
     */
    private long allocateInFreedRegion(int sizeClass, int level, int run, Cursor cursor) {
        for (int tries = 0; tries < FREED_REGION_TRIES; tries++) {
            long freed = cursor.popFreedRegion(sizeClass);
            if (freed < 0) {
                return -1;
            }
            long block = freed >>> geometry.depth;
            int position = (int) ((freed & (geometry.unitsPerBlock() - 1)) >>> (TreeGeometry.slotShift(level) + 4));
            long unit = allocateInWord(block, level, position, run, cursor);
            if (unit >= 0) {
                cursor.block[sizeClass] = block;
                cursor.position[sizeClass] = position;
                return unit;
            }
        }
        return -1;
    }

    /** Remembered regions a malloc tries before the next source of hints (each costs a word read). */
    private static final int FREED_REGION_TRIES = 4;

    /**
     * Tries the words this thread last freed into at the class's level, newest first, and forgets
     * each that has no room now. Kept apart from {@link #allocate} so its fast path stays small.
     */
    private long allocateInFreed(int sizeClass, int level, int run, Cursor cursor) {
        for (int age = 0; age < Cursor.FREED_HINTS; age++) {
            int entry = cursor.freedEntry(level, age);
            int position = cursor.freedPosition[entry];
            if (position < 0) {
                continue;
            }
            long block = cursor.freedBlock[entry];
            if (position == cursor.position[sizeClass] && block == cursor.block[sizeClass]) {
                continue; // the hint that just failed
            }
            long unit = allocateInWord(block, level, position, run, cursor);
            if (unit >= 0) {
                cursor.block[sizeClass] = block;
                cursor.position[sizeClass] = position;
                return unit;
            }
            cursor.freedPosition[entry] = -1;
        }
        return -1;
    }

    /** Slow path of {@link #allocate}: the hints had no room. Kept apart so the fast path stays small to inline. */
    private long search(int sizeClass, int level, int run, Cursor cursor) {
        // First look for space that is free as it stands, in a few blocks: collapsing stale pins
        // would undo the structure that this (or another) thread's smaller requests keep reusing.
        // It is next fit within the blocks this thread's searches have used: it starts where the
        // last search for the class found room, so it does not re-read the blocks filled since
        // (whose claims are not lowered until a search visits them), and it opens no new block.
        long home = Math.floorMod(cursor.home, geometry.blockCount);
        long rover = cursor.rover[sizeClass];
        if (cursor.usedLow >= 0) {
            long unit = scanBlocks(sizeClass, level, run, cursor, cursor.scans[0].firstLook(FIRST_LOOK_BLOCKS, true),
                    rover >= 0 ? rover : home);
            if (unit >= 0) {
                return unit;
            }
        }
        // Then a first fit from home, which may open a new block (the lowest, so freed
        // memory is reused before untouched pages), still without collapsing.
        // A whole-block request starts where its last search found a block instead (next fit):
        // whole blocks taken through the stacks keep claiming "whole" until a search visits them,
        // so from home every search would re-read all those taken since the last one; the whole
        // blocks freed since are mostly on this thread's stack already.
        long start = sizeClass == geometry.depth && rover >= 0 ? rover : home;
        long unit = scanBlocks(sizeClass, level, run, cursor, cursor.scans[0].firstLook(FIRST_LOOK_BLOCKS, false),
                start);
        if (unit >= 0) {
            return unit;
        }
        // Then every candidate, first fit from there, collapsing where needed.
        Scan previous = null;
        for (int attempt = 0; ; attempt++) {
            Scan scan = cursor.scans[1 + (attempt & 1)].full(); // never the previous one
            unit = scanBlocks(sizeClass, level, run, cursor, scan, start);
            if (unit >= 0) {
                return unit;
            }
            // NULL is linearizable only if nothing changed: two failed scans that read the same
            // values (versions make values unique) saw one snapshot in which nothing fitted.
            if (previous != null && previous.sameAs(scan)) {
                return -1;
            }
            previous = scan;
        }
    }

    /** Blocks a search visits before it may collapse stale pins. */
    private static final int FIRST_LOOK_BLOCKS = 4;

    /** Fast path: a run in a word known to be in use; no helping, no pinning. */
    private long allocateInWord(long block, int level, int position, int run, Cursor cursor) {
        long index = geometry.wordIndex(block, level, position);
        boolean top = level == topLevel;
        long parentIndex = top ? -1 : geometry.wordIndex(block, level + 1, position >>> 4);
        int parentSlot = position & 15;
        int slots = geometry.slotsAt(level);
        while (true) {
            long word = words.lv(index);
            if (!top && seal(word) != USABLE) {
                return -1;
            }
            int first = findRun(word, run, slots);
            if (first < 0) {
                return -1;
            }
            if (!top && slot(words.lv(parentIndex), parentSlot) != SPLIT) {
                return -1;
            }
            if (casRun(index, word, first, run)) {
                helpCover(block, level, withRun(word, first, run), cursor);
                return unitOf(block, level, position, first);
            }
        }
    }

    /**
     * An operation that saw free space in a word (it allocated beside it, or found an offset
     * free there) makes sure the summary claims that space before it returns: the free that made it
     * may not have covered it yet, and once the free has been observed, a later NULL can no longer
     * be ordered before it.
     */
    private void helpCover(long block, int level, long word, Cursor cursor) {
        int slots = geometry.slotsAt(level);
        int taken = TreeWord.usedSlotMask(word) & ((1 << slots) - 1); // what it saw free: FREE slots
        for (int run = slots >>> 1; run >= 1; run >>>= 1) {
            int runMask = (1 << run) - 1;
            for (int first = 0; first < slots; first += run) {
                if ((taken & (runMask << first)) == 0) {
                    int sizeClass = TreeGeometry.slotShift(level) + Integer.numberOfTrailingZeros(run);
                    if (!coverStands(cursor, block, sizeClass)) {
                        remember(cursor, block, sizeClass, coverObserved(block, sizeClass));
                    }
                    return;
                }
            }
        }
    }

    /** Claims slots first..first+run-1 of a word read as {@code word}; overridable for tests. */
    protected boolean casRun(long index, long word, int first, int run) {
        return words.cas(index, word, bump(withRun(word, first, run)));
    }

    /**
     * Slow path: walks the space summary from the root to blocks that may hold {@code sizeClass},
     * partly used ones first (packing), in address order from block {@code start} (from the
     * thread's home block, this is first fit: freed memory is reused before untouched pages), and
     * searches each such block. A block or summary word that promised room and had none is
     * refreshed (lowered).
     */
    private long scanBlocks(int sizeClass, int level, int run, Cursor cursor, Scan scan, long start) {
        scan.cursor = cursor;
        long unit = visitSummary(summary.rootLevel(), 0, sizeClass, level, run, start, cursor, scan);
        if (unit >= 0) {
            long block = unit >>> geometry.depth;
            cursor.block[sizeClass] = block;
            cursor.position[sizeClass] = scan.position;
            // a whole-block request took the block: its next search starts past it
            cursor.rover[sizeClass] = sizeClass == geometry.depth ? (block + 1) % geometry.blockCount : block;
            cursor.usedLow = cursor.usedLow < 0 ? block : Math.min(cursor.usedLow, block);
            cursor.usedHigh = Math.max(cursor.usedHigh, block);
        }
        return unit;
    }

    private long visitSummary(int level, long node, int sizeClass, int targetLevel, int run, long home,
                              Cursor cursor, Scan scan) {
        int wanted = summary.atLeast(sizeClass);
        if ((summary.claimed(scan.saw(summary.read(level, node))) & wanted) == 0) {
            return -1;
        }
        if (level == 0) {
            if (scan.blockBudget == 0) {
                return -1;
            }
            scan.blockBudget--;
            long unit = searchWord(node, topLevel, 0, targetLevel, run, scan);
            if (unit < 0 && refreshSummary(0, node, SpaceSummary.NOT_SEEN)) {
                scan.wrote();
            }
            return unit;
        }
        long first = node << SpaceSummary.FANOUT_SHIFT;
        long count = Math.min(1L << SpaceSummary.FANOUT_SHIFT, summary.count(level - 1) - first);
        long homeChild = home >>> (SpaceSummary.FANOUT_SHIFT * (level - 1));
        long offset = homeChild >= first && homeChild < first + count ? homeChild - first : 0;
        int partial = wanted & ~(1 << geometry.depth);
        // pass 0: children that may hold a partly used block with room; pass 1: any with room.
        // A whole-block request has no partly used candidates, so it starts at pass 1.
        boolean skipped = false;
        int seenBelow = 0; // the children's claims as the last pass left them (visited ones re-read)
        for (int pass = partial == 0 ? 1 : 0; pass < 2; pass++) {
            for (long i = 0; i < count; i++) {
                long child = first + (offset + i) % count;
                if (scan.usedOnly && !overlapsUsed(level - 1, child, cursor)) {
                    skipped = true;
                    continue;
                }
                int claims = summary.claimed(summary.read(level - 1, child));
                boolean candidate = pass == 0 ? (claims & partial) != 0
                        : (claims & wanted) != 0 && (claims & partial) == 0;
                if (candidate) {
                    long unit = visitSummary(level - 1, child, sizeClass, targetLevel, run, home, cursor, scan);
                    if (unit >= 0) {
                        return unit;
                    }
                    if (scan.blockBudget == 0) {
                        return -1; // a first look that used its blocks: stop, it proved nothing here
                    }
                    claims = summary.claimed(summary.read(level - 1, child)); // the visit may have lowered it
                }
                seenBelow |= claims;
            }
        }
        // only a word whose every child was looked at
        if (!skipped && refreshSummary(level, node, seenBelow)) {
            scan.wrote();
        }
        return -1;
    }

    /** Whether the blocks below summary word (level, node) overlap the blocks the cursor's searches have used. */
    private static boolean overlapsUsed(int level, long node, Cursor cursor) {
        int shift = SpaceSummary.FANOUT_SHIFT * level;
        long firstBlock = node << shift;
        long lastBlock = ((node + 1) << shift) - 1;
        return lastBlock >= cursor.usedLow && firstBlock <= cursor.usedHigh;
    }

    /**
     * The largest class with a free region in {@code block} (stale pins count as free, since a
     * request collapses them), or -1 if it has no free unit. Reads every word in use in the block.
     */
    public int blockBound(long block) {
        int result = wordBound(block, topLevel, 0);
        return result == WHOLE ? geometry.depth : result;
    }

    private static final int WHOLE = Integer.MAX_VALUE;

    /** Largest free class under word (level, position), WHOLE if all of it is free, -1 if none. */
    private int wordBound(long block, int level, int position) {
        long word = words.lv(geometry.wordIndex(block, level, position));
        if (level != topLevel && seal(word) != USABLE) {
            return WHOLE; // merged or merging: empty
        }
        int slots = geometry.slotsAt(level);
        int free = 0;
        int best = -1;
        for (int s = 0; s < slots; s++) {
            int state = slot(word, s);
            if (state == FREE) {
                free |= 1 << s;
            } else if (state == SPLIT && level > 0) {
                int below = wordBound(block, level - 1, (position << 4) + s);
                if (below == WHOLE) {
                    free |= 1 << s;
                } else {
                    best = Math.max(best, below);
                }
            }
        }
        if (free == (1 << slots) - 1) {
            return WHOLE;
        }
        for (int run = slots >>> 1; run >= 1; run >>>= 1) {
            int runMask = (1 << run) - 1;
            for (int first = 0; first < slots; first += run) {
                if ((free & (runMask << first)) == runMask << first) {
                    return Math.max(best, TreeGeometry.slotShift(level) + Integer.numberOfTrailingZeros(run));
                }
            }
        }
        return best;
    }

    private long searchWord(long block, int level, int position, int targetLevel, int run, Scan scan) {
        if (level == targetLevel) {
            return allocateOrCollapse(block, level, position, run, scan);
        }
        long word = scan.saw(words.lv(geometry.wordIndex(block, level, position)));
        if (level != topLevel && seal(word) != USABLE) {
            return -1;
        }
        int slots = geometry.slotsAt(level);
        // partly used subtrees first (packing, reuse of touched pages), then pin a free slot
        for (int pass = 0; pass < 2; pass++) {
            int wanted = pass == 0 ? SPLIT : FREE;
            for (int s = 0; s < slots; s++) {
                if (slot(word, s) == wanted && openChild(block, level, position, s, pass == 1, scan)) {
                    long unit = searchWord(block, level - 1, (position << 4) + s, targetLevel, run, scan);
                    if (unit >= 0) {
                        return unit;
                    }
                }
            }
        }
        return -1;
    }

    /**
     * Makes the child of slot {@code s} of word (level, position) USABLE under a SPLIT slot,
     * helping any merge or pin in progress there, and pinning a FREE slot if {@code mayPin}.
     * Returns false if the slot is allocated, or free and not to be pinned, or malformed.
     */
    private boolean openChild(long block, int level, int position, int s, boolean mayPin, Scan scan) {
        long parentIndex = geometry.wordIndex(block, level, position);
        long childIndex = geometry.wordIndex(block, level - 1, (position << 4) + s);
        while (true) {
            long child = scan.saw(words.lv(childIndex));
            long parent = scan.saw(words.lv(parentIndex));
            int parentState = slot(parent, s);
            switch (seal(child)) {
                case USABLE:
                    return parentState == SPLIT;
                case MERGED:
                    if (!isEmpty(child)) {
                        return false;
                    }
                    if (parentState == SPLIT) {
                        // a pin whose unseal has not happened yet: finish it
                        scan.wrote();
                        words.cas(childIndex, child, bump(withSeal(child, USABLE)));
                        continue;
                    }
                    if (parentState != FREE || !mayPin || !mayChange(block, level, position, parent, scan)) {
                        return false;
                    }
                    scan.wrote();
                    pin(parentIndex, parent, s);
                    continue;
                case MERGING:
                    helpMerge(parentIndex, childIndex, s, child, parentState, scan);
                    continue;
                default:
                    return false;
            }
        }
    }

    /** Pins slot {@code s} (FREE to SPLIT) of a parent read as {@code parent}; overridable for tests. */
    protected boolean pin(long parentIndex, long parent, int s) {
        return words.cas(parentIndex, parent, bump(withSlot(parent, s, SPLIT)));
    }

    /**
     * True if word (level, position), read as {@code word}, may be made non-empty now: it is the
     * top word, or it is USABLE and its own parent slot is SPLIT (read after {@code word}).
     */
    private boolean mayChange(long block, int level, int position, long word, Scan scan) {
        if (level == topLevel) {
            return true;
        }
        if (seal(word) != USABLE) {
            return false;
        }
        long grand = scan.saw(words.lv(geometry.wordIndex(block, level + 1, position >>> 4)));
        return slot(grand, position & 15) == SPLIT;
    }

    /** One step of a merge in progress (child read as MERGING, then parent slot read). */
    private void helpMerge(long parentIndex, long childIndex, int s, long child, int parentState, Scan scan) {
        scan.wrote();
        if (parentState == SPLIT) {
            // unpin: parent was read before this second read of the child
            long parent = words.lv(parentIndex);
            if (slot(parent, s) == SPLIT && seal(words.lv(childIndex)) == MERGING) {
                unpin(parentIndex, parent, s);
            }
        } else {
            words.cas(childIndex, child, bump(withSeal(child, MERGED)));
        }
    }

    /** Unpins slot {@code s} (SPLIT to FREE) of a parent read as {@code parent}; overridable for tests. */
    protected boolean unpin(long parentIndex, long parent, int s) {
        return words.cas(parentIndex, parent, bump(withSlot(parent, s, FREE)));
    }

    /**
     * At the target level: claims a free run, or, when none is free, collapses stale pins
     * (SPLIT slots over empty subtrees) inside a run that has no allocation of its own.
     */
    private long allocateOrCollapse(long block, int level, int position, int run, Scan scan) {
        long index = geometry.wordIndex(block, level, position);
        boolean top = level == topLevel;
        long parentIndex = top ? -1 : geometry.wordIndex(block, level + 1, position >>> 4);
        int parentSlot = position & 15;
        int slots = geometry.slotsAt(level);
        int failedCollapse = 0;
        while (true) {
            long word = scan.saw(words.lv(index));
            if (!top && seal(word) != USABLE) {
                return -1;
            }
            int first = findRun(word, run, slots);
            if (first >= 0) {
                if (!top && slot(scan.saw(words.lv(parentIndex)), parentSlot) != SPLIT) {
                    return -1;
                }
                if (casRun(index, word, first, run)) {
                    helpCover(block, level, withRun(word, first, run), scan.cursor);
                    scan.position = position;
                    return unitOf(block, level, position, first);
                }
                continue;
            }
            if (level == 0 || !scan.mayCollapse) {
                return -1;
            }
            int candidate = collapsibleRun(word, run, slots, failedCollapse);
            if (candidate < 0) {
                return -1;
            }
            for (int s = candidate; s < candidate + run; s++) {
                if (slot(word, s) == SPLIT && !collapse(block, level, position, s, scan)) {
                    failedCollapse |= 1 << s;
                    break;
                }
            }
        }
    }

    /**
     * Drives slot {@code s} of word (level, position) to FREE with a MERGED child, if its subtree
     * holds no allocation. Returns true when the slot was seen FREE.
     */
    private boolean collapse(long block, int level, int position, int s, Scan scan) {
        long parentIndex = geometry.wordIndex(block, level, position);
        int childPosition = (position << 4) + s;
        long childIndex = geometry.wordIndex(block, level - 1, childPosition);
        while (true) {
            long child = scan.saw(words.lv(childIndex));
            switch (seal(child)) {
                case USABLE -> {
                    if (!isEmpty(child)) {
                        if (level - 1 == 0 || TreeWord.slotMask(child, START) != 0
                                || TreeWord.slotMask(child, CONT) != 0) {
                            return false;
                        }
                        for (int t = 0; t < TreeWord.SLOTS; t++) {
                            if (slot(child, t) == SPLIT && !collapse(block, level - 1, childPosition, t, scan)) {
                                return false;
                            }
                        }
                        continue;
                    }
                    scan.wrote();
                    sealChild(childIndex, child);
                }
                case MERGING -> {
                    long parent = scan.saw(words.lv(parentIndex));
                    helpMerge(parentIndex, childIndex, s, child, slot(parent, s), scan);
                }
                case MERGED -> {
                    long parent = scan.saw(words.lv(parentIndex));
                    int state = slot(parent, s);
                    if (state != SPLIT || !isEmpty(child)) {
                        return state == FREE && isEmpty(child);
                    }
                    scan.wrote(); // a pin in progress: finish it, then merge again
                    words.cas(childIndex, child, bump(withSeal(child, USABLE)));
                }
                default -> {
                    return false;
                }
            }
        }
    }

    /** Seals an empty USABLE child read as {@code child} (USABLE to MERGING); overridable for tests. */
    protected boolean sealChild(long childIndex, long child) {
        return words.cas(childIndex, child, bump(withSeal(child, MERGING)));
    }

    /**
     * An aligned free run of {@code run} slots, or -1. Prefers a run whose buddy run is in use, so
     * that larger free runs stay whole.
     */
    static int findRun(long word, int run, int slots) {
        int used = TreeWord.usedSlotMask(word);
        int runMask = (1 << run) - 1;
        int fallback = -1;
        for (int first = 0; first < slots; first += run) {
            if ((used & (runMask << first)) == 0) {
                if (run == slots || (used & (runMask << (first ^ run))) != 0) {
                    return first;
                }
                if (fallback < 0) {
                    fallback = first;
                }
            }
        }
        return fallback;
    }

    /** An aligned run with no START/CONT slot, at least one SPLIT slot and none in {@code exclude}. */
    private static int collapsibleRun(long word, int run, int slots, int exclude) {
        int split = TreeWord.slotMask(word, SPLIT);
        int taken = TreeWord.usedSlotMask(word) & ~split;
        int runMask = (1 << run) - 1;
        for (int first = 0; first < slots; first += run) {
            int mask = runMask << first;
            if ((taken & mask) == 0 && (split & mask) != 0 && (exclude & mask) == 0) {
                return first;
            }
        }
        return -1;
    }

    private long unitOf(long block, int level, int position, int slot) {
        return (block << geometry.depth) + ((long) ((position << 4) + slot) << TreeGeometry.slotShift(level));
    }

    // ------------------------------------------------------------------------------------------
    // free and lookup

    /**
     * Frees the live allocation that starts at {@code unit} and returns its size class, or returns
     * {@link #NOT_ALLOCATED}, {@link #INTERIOR} or {@link #CORRUPT} having changed nothing.
     */
    public int free(long unit) {
        return walk(unit, null);
    }

    /** As {@link #free(long)}, remembering in {@code cursor} the word freed into, for the next allocation. */
    public int free(long unit, Cursor cursor) {
        return walk(unit, cursor);
    }

    /** The size class of the live allocation that starts at {@code unit}, or a negative code as in {@link #free}. */
    public int lookup(long unit) {
        return walk(unit, LOOKUP);
    }

    /** Marks a walk that only looks. */
    private static final Cursor LOOKUP = new Cursor(new TreeGeometry(0, 1, 1), 0);

    /** Finds the allocation at {@code unit}; frees it unless {@code cursor} is {@link #LOOKUP}. */
    private int walk(long unit, Cursor cursor) {
        boolean release = cursor != LOOKUP;
        long block = unit >>> geometry.depth;
        if (unit < 0 || block >= geometry.blockCount) {
            return NOT_ALLOCATED;
        }
        long within = unit & (geometry.unitsPerBlock() - 1);
        int level = topLevel;
        int position = 0;
        long parent = 0;
        while (true) {
            long index = geometry.wordIndex(block, level, position);
            long word = words.lv(index);
            if (level != topLevel && seal(word) != USABLE) {
                // an empty subtree under a SPLIT slot: the space is free, make sure it is claimed
                coverObserved(block, freedBound(block, level + 1, position >>> 4, parent, position & 15, 1));
                return NOT_ALLOCATED;
            }
            int shift = TreeGeometry.slotShift(level);
            int slotIndex = (int) (within >>> shift);
            int s = slotIndex - (position << 4);
            int slots = geometry.slotsAt(level);
            switch (slot(word, s)) {
                case SPLIT -> {
                    if (level == 0) {
                        return CORRUPT;
                    }
                    parent = word;
                    level--;
                    position = slotIndex;
                }
                case START -> {
                    if ((within & ((1L << shift) - 1)) != 0) {
                        return INTERIOR;
                    }
                    int run = TreeWord.runLength(word, s, slots);
                    if (Integer.bitCount(run) != 1 || s % run != 0 || (level != topLevel && run == slots)) {
                        return CORRUPT;
                    }
                    int sizeClass = shift + Integer.numberOfTrailingZeros(run);
                    if (!release) {
                        return sizeClass;
                    }
                    // The summary must claim the region before the freeing CAS (a process killed
                    // right after the CAS then leaves an over-claim, which is harmless) and again
                    // after it (a refresh may have lowered the word in between).
                    long freed = withoutRun(word, s, run);
                    coverFreedRegion(cursor, block, level, position, freed, s, run);
                    if (releaseRun(index, word, s, run)) {
                        // recomputed: neighbours read now, after this CAS (see freedBound)
                        coverFreedRegion(cursor, block, level, position, freed, s, run);
                        if (cursor != null) {
                            cursor.rememberFreed(level, block, position);
                            cursor.pushFreedRegion(sizeClass, unit);
                        }
                        return sizeClass;
                    }
                    // the word changed (another slot, or a racing free of this one): read it again
                }
                case CONT -> {
                    return INTERIOR;
                }
                default -> {
                    coverObserved(block, freedBound(block, level, position, word, s, 1)); // see helpCover
                    return NOT_ALLOCATED;
                }
            }
        }
    }

    /**
     * The class of the free region that now contains the run at {@code first} (free) of word
     * (level, position), whose value is {@code word}: the run grows while its buddy run is free
     * (FREE slots, or SPLIT slots over empty subtrees, since a request collapses those), and into
     * the parent word when the whole word is free. Words are read as found; a region that grows
     * later by another free is covered by that free, which reads this run after this run's CAS.
     */
    private int freedBound(long block, int level, int position, long word, int first, int run) {
        while (true) {
            int slots = geometry.slotsAt(level);
            while (run < slots) {
                int start = first & -(run << 1);
                int buddy = start == first ? first + run : start;
                if (!holdsNothing(block, level, position, word, buddy, run)) {
                    break;
                }
                run <<= 1;
                first = start;
            }
            if (run < slots || level == topLevel) {
                return TreeGeometry.slotShift(level) + Integer.numberOfTrailingZeros(run);
            }
            first = position & 15;
            position >>>= 4;
            level++;
            run = 1;
            word = words.lv(geometry.wordIndex(block, level, position));
        }
    }

    /** Slots first..first+count-1 of word (level, position), read as {@code word}, hold no allocation. */
    private boolean holdsNothing(long block, int level, int position, long word, int first, int count) {
        for (int s = first; s < first + count; s++) {
            int state = slot(word, s);
            if (state == START || state == CONT
                    || state == SPLIT && (level == 0 || !subtreeEmpty(block, level - 1, (position << 4) + s))) {
                return false;
            }
        }
        return true;
    }

    /** Word (level, position) and everything below it hold no allocation. Stops at the first one. */
    private boolean subtreeEmpty(long block, int level, int position) {
        long word = words.lv(geometry.wordIndex(block, level, position));
        return seal(word) != USABLE || holdsNothing(block, level, position, word, 0, TreeWord.SLOTS);
    }

    /**
     * Covers the region that freeing slots first..first+run-1 of word (level, position) makes free
     * ({@link #freedBound}; {@code freed} is the word without the run), unless the cursor's last
     * cover shows that it would change nothing.
     */
    private void coverFreedRegion(Cursor cursor, long block, int level, int position, long freed, int first, int run) {
        if (coversWholeBlock(cursor, block)) {
            return; // no region is larger: freedBound, the costly part in an emptying block, is not needed
        }
        int sizeClass = freedBound(block, level, position, freed, first, run);
        if (!coverStands(cursor, block, sizeClass)) {
            remember(cursor, block, sizeClass, coverFreed(block, sizeClass));
        }
    }

    /** Whether the cursor's last cover stands for the whole block, so for any region in it. */
    private boolean coversWholeBlock(Cursor cursor, long block) {
        return coverStands(cursor, block, geometry.depth);
    }

    /**
     * Whether the last cover through {@code cursor} (which may be null) still makes every summary
     * word above {@code block} claim {@code sizeClass} ({@link Cursor#coverStands}); reads the
     * block's summary word when the last cover was of this block. Overridable for tests.
     */
    protected boolean coverStands(Cursor cursor, long block, int sizeClass) {
        // the word is read only when the memo is of this block (most frees of a churn are not)
        return cursor != null && cursor.coveredLast(block, sizeClass)
                && cursor.coverStands(block, sizeClass, summary.read(0, block));
    }

    private static void remember(Cursor cursor, long block, int sizeClass, long blockWord) {
        if (cursor != null) {
            cursor.rememberCover(block, sizeClass, blockWord);
        }
    }

    /**
     * Makes the space summary claim a region freed in {@code block}; returns the value of the
     * block's summary word as {@link SpaceSummary#cover} left it. Overridable for tests.
     */
    protected long coverFreed(long block, int sizeClass) {
        return summary.cover(block, sizeClass);
    }

    /**
     * Lowers summary word (level, node) to what lies below it; true if it wrote. {@code seenBelow}
     * as in {@link SpaceSummary#refresh(int, long, java.util.function.LongToIntFunction, int)}.
     * Overridable for tests.
     */
    protected boolean refreshSummary(int level, long node, int seenBelow) {
        return summary.refresh(level, node, blockBounds, seenBelow);
    }

    /**
     * Makes the summary claim free space an operation observed ({@link #helpCover}); returns as
     * {@link #coverFreed} does. Overridable for tests.
     */
    protected long coverObserved(long block, int sizeClass) {
        return summary.cover(block, sizeClass);
    }

    /** Frees slots first..first+run-1 of a word read as {@code word}; overridable for tests. */
    protected boolean releaseRun(long index, long word, int first, int run) {
        return words.cas(index, word, bump(withoutRun(word, first, run)));
    }

    // ------------------------------------------------------------------------------------------

    /**
     * Per-thread hints: where this thread last allocated each class, what it freed last (regions
     * per class, words per level), where its searches found room, its home block, and its last cover.
     */
    public static final class Cursor {
        /** Per size class: the word this thread last allocated that class in. */
        final long[] block;
        final int[] position;
        /** Per word level, a ring of the last {@link #FREED_HINTS} words this thread freed into. */
        static final int FREED_HINTS = 8; // a power of two (the ring wraps by masking); 1-16 measured in SearchCostTest
        final long[] freedBlock;
        final int[] freedPosition; // -1: empty or forgotten
        /** Per word level: where the ring's next entry goes (the newest is just before it). */
        final int[] freedNext;
        /**
         * Per size class, a stack of the first units of the last {@link #FREED_REGIONS} regions this
         * thread freed, newest on top; a push onto a full stack overwrites the oldest, and -1 marks
         * an empty entry. A class's stack is allocated at its first push (4 KiB). A hint like the
         * others: the space stays free for every thread and process, and a region taken since is
         * skipped.
         */
        static final int FREED_REGIONS = 512; // a power of two (the stack wraps by masking); 8-1024 measured, see SearchCostTest
        private final long[][] freedRegions;
        /** Per size class: pushes minus pops; masked, one past the top entry. */
        private final int[] freedRegionTop;
        /**
         * Per size class: the block where this thread's last search for it found room (for whole
         * blocks, the block after it), or -1.
         */
        final long[] rover;
        /** The lowest and highest blocks this thread's searches have found room in; -1: none yet. */
        long usedLow = -1;
        long usedHigh = -1;
        /** Where this thread's full searches start; fixed, so that they are first fit from there. */
        final long home;
        /**
         * The last cover through this cursor that returned a final word: its block and class, and the
         * value it left the block's summary word at (see {@link SpaceSummary#cover}). Block -1: none.
         */
        private long coveredBlock = -1;
        private int coveredClass;
        private long coveredWord;
        /**
         * The scans of this thread's searches, reset for each use: 0 for first looks, 1 and 2 in
         * turn for full searches (which compare the last two), so that no search allocates.
         */
        private final Scan[] scans = {new Scan(), new Scan(), new Scan()};

        public Cursor(TreeGeometry geometry, long home) {
            this.block = new long[geometry.depth + 1];
            this.position = new int[geometry.depth + 1];
            this.freedBlock = new long[geometry.levels * FREED_HINTS];
            this.freedPosition = new int[geometry.levels * FREED_HINTS];
            this.freedNext = new int[geometry.levels];
            this.freedRegions = new long[geometry.depth + 1][];
            this.freedRegionTop = new int[geometry.depth + 1];
            this.rover = new long[geometry.depth + 1];
            java.util.Arrays.fill(rover, -1);
            java.util.Arrays.fill(position, -1);
            java.util.Arrays.fill(freedPosition, -1);
            this.home = home;
        }

        /** Index in freedBlock/freedPosition of the entry of {@code level}'s ring, {@code age} 0 the newest. */
        int freedEntry(int level, int age) {
            return level * FREED_HINTS + ((freedNext[level] - 1 - age) & (FREED_HINTS - 1));
        }

        /**
         * Whether the last cover through this cursor still guarantees that the summary claims
         * {@code sizeClass} in {@code block} from the block to the root, the block's summary word
         * now reading {@code blockWord}: it covered the block for this class or a larger one, and
         * that word has not changed since (every CAS of it bumps its version).
         */
        public boolean coverStands(long block, int sizeClass, long blockWord) {
            return coveredLast(block, sizeClass) && blockWord == coveredWord;
        }

        /** Whether the last cover through this cursor was of {@code block}, for {@code sizeClass} or a larger class. */
        public boolean coveredLast(long block, int sizeClass) {
            return block == coveredBlock && sizeClass <= coveredClass;
        }

        /** Remembers a cover that left the block's summary word at {@code blockWord} (forgets, if it is TENTATIVE). */
        void rememberCover(long block, int sizeClass, long blockWord) {
            if (SpaceSummary.isTentative(blockWord)) {
                coveredBlock = -1;
            } else if (block == coveredBlock && blockWord == coveredWord) {
                coveredClass = Math.max(coveredClass, sizeClass);
            } else {
                coveredBlock = block;
                coveredClass = sizeClass;
                coveredWord = blockWord;
            }
        }

        /** Remembers a freed region of {@code sizeClass} starting at {@code unit}; overwrites the oldest when full. */
        void pushFreedRegion(int sizeClass, long unit) {
            long[] stack = freedRegions[sizeClass];
            if (stack == null) {
                stack = new long[FREED_REGIONS];
                java.util.Arrays.fill(stack, -1);
                freedRegions[sizeClass] = stack;
            }
            int top = freedRegionTop[sizeClass];
            stack[top & (FREED_REGIONS - 1)] = unit;
            freedRegionTop[sizeClass] = top + 1;
        }

        /** The newest remembered freed region of {@code sizeClass}, forgetting it; -1 if none. */
        long popFreedRegion(int sizeClass) {
            long[] stack = freedRegions[sizeClass];
            if (stack == null) {
                return -1;
            }
            int top = freedRegionTop[sizeClass] - 1;
            long unit = stack[top & (FREED_REGIONS - 1)];
            if (unit >= 0) {
                stack[top & (FREED_REGIONS - 1)] = -1;
                freedRegionTop[sizeClass] = top;
            }
            return unit;
        }

        /** Remembers a word freed into, unless it is already the newest entry of its level. */
        void rememberFreed(int level, long block, int position) {
            int newest = freedEntry(level, 0);
            if (freedPosition[newest] == position && freedBlock[newest] == block) {
                return;
            }
            int next = freedEntry(level, -1);
            freedBlock[next] = block;
            freedPosition[next] = position;
            freedNext[level] = (freedNext[level] + 1) & (FREED_HINTS - 1);
        }
    }

    /**
     * What one search read, so that two failed searches can be compared; and where it succeeded.
     * Each cursor keeps three and resets one for each scan ({@link Cursor#scans}), so that a search,
     * and above all a malloc that fails (four scans), allocates nothing on the Java heap.
     */
    private static final class Scan {
        private long hash;
        private long reads;
        private boolean wrote;
        int position;
        /** The searching thread's cursor (for its covers). */
        Cursor cursor;
        /** Whether this search may collapse stale pins to make room. */
        boolean mayCollapse;
        /** Whether this search stays within the blocks the cursor's searches have used. */
        boolean usedOnly;
        /** Blocks this search may still visit; -1: no limit. */
        int blockBudget;

        /** Resets this scan for a first look: at most {@code blocks} blocks, no collapsing. */
        Scan firstLook(int blocks, boolean onlyUsedBlocks) {
            return reset(false, onlyUsedBlocks, blocks);
        }

        /** Resets this scan for a full search: every candidate, collapsing where needed. */
        Scan full() {
            return reset(true, false, -1);
        }

        private Scan reset(boolean mayCollapse, boolean usedOnly, int blockBudget) {
            hash = 1;
            reads = 0;
            wrote = false;
            position = -1;
            cursor = null;
            this.mayCollapse = mayCollapse;
            this.usedOnly = usedOnly;
            this.blockBudget = blockBudget;
            return this;
        }

        long saw(long value) {
            long h = (hash ^ value) * 0x9E37_79B9_7F4A_7C15L;
            hash = h ^ (h >>> 31);
            reads++;
            return value;
        }

        void wrote() {
            wrote = true;
        }

        boolean sameAs(Scan other) {
            return !wrote && !other.wrote && hash == other.hash && reads == other.reads;
        }
    }
}
