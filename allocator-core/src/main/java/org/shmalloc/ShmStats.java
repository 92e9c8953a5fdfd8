package org.shmalloc;

/**
 * What the arena holds, computed from its tree words (not from counters a crash could skew).
 * Exact while no other operation runs; otherwise each word is read once during the count.
 *
 * @param capacityBytes      bytes that can be allocated: whole blocks, less the reserved NULL unit
 * @param usedBytes          sum of the usable sizes of live allocations
 * @param liveAllocations    number of live allocations
 * @param liveByClass        live allocations per size class: index 0 is {@code 2^minExponent} bytes
 * @param freeBytes          {@code capacityBytes - usedBytes}
 */
public record ShmStats(long capacityBytes, long usedBytes, long liveAllocations, long[] liveByClass,
                       long freeBytes) {

    public ShmStats {
        liveByClass = liveByClass.clone();
    }

    @Override
    public long[] liveByClass() {
        return liveByClass.clone();
    }

    /** usedBytes / capacityBytes. */
    public double occupancy() {
        return capacityBytes == 0 ? 0 : (double) usedBytes / capacityBytes;
    }

    @Override
    public String toString() {
        return "ShmStats[capacityBytes=" + capacityBytes + ", usedBytes=" + usedBytes + ", liveAllocations="
                + liveAllocations + ", liveByClass=" + java.util.Arrays.toString(liveByClass) + "]";
    }
}
