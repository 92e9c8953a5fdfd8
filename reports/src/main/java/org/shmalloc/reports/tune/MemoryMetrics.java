package org.shmalloc.reports.tune;

/**
 * What a replay of the workload on one candidate's arena found ({@link MemoryReplay}). Every figure
 * is deterministic: the same workload, seed and config give the same numbers.
 *
 * @param userBytes     bytes the requests of the first fill asked for, at its first failed malloc
 * @param blockBytes    bytes of their blocks then (the allocator's {@code usedBytes})
 * @param capacityBytes bytes the arena can allocate
 * @param fileBytes     bytes of the whole file: data, tree words, header
 * @param metadataBytes bytes of the file that are not data
 * @param served        requests served by the first fill
 * @param dropped       fraction of the workload's requests larger than the largest block
 * @param filled        false if a fill stopped before any malloc failed (a bound on its length)
 * @param churn         user bytes held at the failed malloc of each churn round (empty: no churn)
 */
public record MemoryMetrics(long userBytes, long blockBytes, long capacityBytes, long fileBytes, long metadataBytes,
                            long served, double dropped, boolean filled, long[] churn) {

    public MemoryMetrics {
        churn = churn.clone();
    }

    @Override
    public long[] churn() {
        return churn.clone();
    }

    /**
     * The share of the memory paid for that holds data when a malloc fails: user bytes / file bytes,
     * the mean over the churn rounds (the steady state of a program that frees and allocates), or at
     * the first fill if there was no churn. What the ranking scores.
     */
    public double efficiency() {
        return churn.length == 0 ? (double) userBytes / fileBytes : meanChurnBytes() / fileBytes;
    }

    private double meanChurnBytes() {
        return java.util.Arrays.stream(churn).average().orElse(Double.NaN);
    }

    /** User bytes / bytes of their blocks: what rounding up to a power of two leaves (internal fragmentation). */
    public double blockEfficiency() {
        return blockBytes == 0 ? 0 : (double) userBytes / blockBytes;
    }

    /** User bytes / capacity when the first request of the first fill failed. */
    public double fillEfficiency() {
        return (double) userBytes / capacityBytes;
    }

    /** User bytes / capacity when a malloc fails after frees, the mean over the churn rounds (NaN without churn). */
    public double churnEfficiency() {
        return meanChurnBytes() / capacityBytes;
    }

    /** Metadata bytes / file bytes. */
    public double metadataShare() {
        return (double) metadataBytes / fileBytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemoryMetrics m && userBytes == m.userBytes && blockBytes == m.blockBytes
                && capacityBytes == m.capacityBytes && fileBytes == m.fileBytes && metadataBytes == m.metadataBytes
                && served == m.served && Double.compare(dropped, m.dropped) == 0 && filled == m.filled
                && java.util.Arrays.equals(churn, m.churn);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(userBytes, blockBytes, capacityBytes, fileBytes, served, dropped)
                + 31 * java.util.Arrays.hashCode(churn);
    }

    @Override
    public String toString() {
        return "MemoryMetrics[user=" + userBytes + ", blocks=" + blockBytes + ", capacity=" + capacityBytes + ", file="
                + fileBytes + ", metadata=" + metadataBytes + ", served=" + served + ", dropped=" + dropped
                + ", filled=" + filled + ", churn=" + java.util.Arrays.toString(churn) + "]";
    }
}
