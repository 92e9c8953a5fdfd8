package org.shmalloc.lincheck;

import java.util.Map;
import java.util.TreeMap;

import org.shmalloc.internal.BuddyTree;

/**
 * The sequential meaning of a buddy arena: the set of live allocations, each an aligned run of
 * {@code 2^class} units. It decides whether an answer is legal; it never picks a block itself.
 * <ul>
 *   <li>an allocation of class c at unit u is legal iff u is aligned to 2^c, the run lies in one
 *       block and overlaps no live allocation;</li>
 *   <li>NULL is legal iff no aligned free run of class c exists;</li>
 *   <li>freeing u frees the live allocation that starts at u, else reports what u is (interior of
 *       an allocation, or nothing) and changes nothing.</li>
 * </ul>
 * Live allocations are disjoint by construction, so they sort by start unit.
 */
final class ArenaModel {

    private final int depth;
    private final long totalUnits;
    /** start unit -> size class; disjoint runs. */
    private final TreeMap<Long, Integer> live = new TreeMap<>();

    ArenaModel(int depth, long blockCount) {
        this.depth = depth;
        this.totalUnits = blockCount << depth;
    }

    int depth() {
        return depth;
    }

    /** Marks {@code unit} (e.g. ShmAllocator's NULL unit) as a live allocation of class 0 for good. */
    void reserve(long unit) {
        live.put(unit, 0);
    }

    boolean canPlace(long unit, int sizeClass) {
        if (sizeClass < 0 || sizeClass > depth || unit < 0 || (unit & ((1L << sizeClass) - 1)) != 0
                || unit + (1L << sizeClass) > totalUnits) {
            return false;
        }
        long last = unit + (1L << sizeClass) - 1;
        Map.Entry<Long, Integer> before = live.floorEntry(last);
        return before == null || before.getKey() + (1L << before.getValue()) <= unit;
    }

    void place(long unit, int sizeClass) {
        if (!canPlace(unit, sizeClass)) {
            throw new IllegalStateException("class " + sizeClass + " does not fit at unit " + unit);
        }
        live.put(unit, sizeClass);
    }

    /**
     * True if an aligned free run of class {@code sizeClass} exists. Counts the aligned runs that
     * live allocations touch (as intervals of run indexes, merged in order) against all runs.
     */
    boolean fits(int sizeClass) {
        long runs = totalUnits >>> sizeClass;
        long blocked = 0;
        long lastCounted = -1;
        for (Map.Entry<Long, Integer> e : live.entrySet()) {
            long first = e.getKey() >>> sizeClass;
            long last = (e.getKey() + (1L << e.getValue()) - 1) >>> sizeClass;
            first = Math.max(first, lastCounted + 1);
            if (last >= first) {
                blocked += last - first + 1;
                lastCounted = last;
            }
        }
        return blocked < runs;
    }

    /** The class of the live allocation starting at {@code unit}, or NOT_ALLOCATED / INTERIOR. */
    int lookup(long unit) {
        Map.Entry<Long, Integer> e = live.floorEntry(unit);
        if (e == null || e.getKey() + (1L << e.getValue()) <= unit) {
            return BuddyTree.NOT_ALLOCATED;
        }
        return e.getKey() == unit ? e.getValue() : BuddyTree.INTERIOR;
    }

    /** Frees the allocation starting at {@code unit}: its class, or what {@link #lookup} says, changing nothing. */
    int release(long unit) {
        int result = lookup(unit);
        if (result >= 0) {
            live.remove(unit);
        }
        return result;
    }

    /** The smallest class holding {@code bytes} with units of {@code 2^minExponent} bytes, or -1 if none. */
    static int classFor(long bytes, int minExponent, int depth) {
        for (int c = 0; c <= depth; c++) {
            if (bytes <= 1L << (c + minExponent)) {
                return c;
            }
        }
        return -1;
    }
}
