package org.shmalloc.lincheck;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The offsets one test instance got back from malloc/calloc, so that free and lookup operations
 * (in any thread) can name them by index: {@code free(k)} takes the k-th entry believed live,
 * {@code lookup(k)} the k-th entry ever returned, live or not (indexes wrap around).
 *
 * <p>What is live at the end is counted per offset, not per entry: an allocation is recorded
 * after it took effect, so a racing free (which frees whatever starts at the offset now, by
 * design) may be recorded before the allocation it freed. Counting returns minus successful frees
 * per offset is independent of the order of recording; for a correct allocator each count ends at
 * 0 or 1 (see {@link #liveOffsets()}).
 *
 * <p>Test bookkeeping, not under test: every method is synchronized, and the model checker is told
 * to ignore this class (no thread switches inside).
 */
final class Ledger {

    record Entry(long at, int sizeClass) {
    }

    private final List<Entry> all = new ArrayList<>();
    private final List<Entry> live = new ArrayList<>();
    /** offset -> returns minus successful frees. */
    private final Map<Long, Integer> balance = new HashMap<>();
    /** Successful frees recorded so far; offset -> the count when its latest free was recorded. */
    private long frees;
    private final Map<Long, Long> lastFree = new HashMap<>();
    /** offset -> every class an allocation there was returned with. */
    private final Map<Long, Set<Integer>> classes = new HashMap<>();

    synchronized void returned(long at, int sizeClass) {
        Entry entry = new Entry(at, sizeClass);
        all.add(entry);
        live.add(entry);
        balance.merge(at, 1, Integer::sum);
        classes.computeIfAbsent(at, a -> new HashSet<>()).add(sizeClass);
    }

    /** The k-th entry believed live (wrapping), or null if none is. */
    synchronized Entry live(int k) {
        return live.isEmpty() ? null : live.get(Math.floorMod(k, live.size()));
    }

    /** The k-th entry ever returned (wrapping), or null if none was. */
    synchronized Entry any(int k) {
        return all.isEmpty() ? null : all.get(Math.floorMod(k, all.size()));
    }

    /** Records a successful free of {@code at}. */
    synchronized void freed(long at) {
        balance.merge(at, -1, Integer::sum);
        lastFree.put(at, ++frees);
        for (int i = 0; i < live.size(); i++) {
            if (live.get(i).at() == at) {
                live.remove(i);
                return;
            }
        }
    }

    /** Successful frees recorded so far: take it before an allocation, for {@link #freedSince}. */
    synchronized long frees() {
        return frees;
    }

    /** Whether a free of {@code at} was recorded after {@link #frees()} returned {@code mark}. */
    synchronized boolean freedSince(long at, long mark) {
        return lastFree.getOrDefault(at, 0L) > mark;
    }

    /**
     * Once every operation has returned: each offset with an allocation left, mapped to the classes
     * allocations there were returned with (the live one is among them).
     *
     * @throws IllegalStateException if some offset was freed successfully more often than returned,
     *                               or returned twice without a free in between
     */
    synchronized Map<Long, Set<Integer>> liveOffsets() {
        Map<Long, Set<Integer>> result = new HashMap<>();
        for (Map.Entry<Long, Integer> e : balance.entrySet()) {
            if (e.getValue() < 0 || e.getValue() > 1) {
                throw new IllegalStateException("offset " + e.getKey() + " was returned " + e.getValue()
                        + " more times than it was freed (must end at 0 or 1)");
            }
            if (e.getValue() == 1) {
                result.put(e.getKey(), Set.copyOf(classes.get(e.getKey())));
            }
        }
        return result;
    }
}
