package org.shmalloc;

import java.util.List;

/**
 * The result of {@link ShmAllocator#verify()}: invariant violations found in the tree words, and
 * what the arena holds.
 *
 * @param faults           words that break an invariant; 0 for a consistent arena
 * @param staleSummaryWords space-summary words that claim less than is free below them. Not a
 *                         fault: a process killed inside {@code free}, between its CAS and its
 *                         summary update while a refresh ran, leaves one; searches then miss that
 *                         space (a leak, like the dead process's blocks) until a free there or
 *                         {@link ShmAllocator#reclaim} restores it
 * @param problems         descriptions of the first faults and stale words
 * @param stats            live allocations counted from the words
 * @param pinsInProgress   pins whose second step had not happened (a thread between steps, or dead)
 * @param mergesInProgress merges whose later steps had not happened
 * @param stalePins        split slots over empty subtrees: free space, collapsed on demand
 * @param metadataBytes    bytes of the file that are not data (tree words, header, padding)
 * @param fileBytes        size of the file
 */
public record ShmVerification(long faults, long staleSummaryWords, List<String> problems, ShmStats stats, long pinsInProgress,
                              long mergesInProgress, long stalePins, long metadataBytes, long fileBytes) {

    public ShmVerification {
        problems = List.copyOf(problems);
    }

    public boolean consistent() {
        return faults == 0;
    }
}
