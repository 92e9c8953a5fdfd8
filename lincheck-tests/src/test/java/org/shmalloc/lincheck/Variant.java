package org.shmalloc.lincheck;

import static org.shmalloc.internal.TreeWord.FREE;
import static org.shmalloc.internal.TreeWord.bump;
import static org.shmalloc.internal.TreeWord.withRun;
import static org.shmalloc.internal.TreeWord.withSlot;

import org.shmalloc.internal.BuddyTree;
import org.shmalloc.internal.SpaceSummary;
import org.shmalloc.internal.TreeGeometry;
import org.shmalloc.internal.WordStore;

/**
 * The allocator under test, or one broken on purpose through BuddyTree's protected CAS hooks or its
 * word store. A suite that passes a broken variant is worse than none: BrokenVariantsTest runs the
 * same Lincheck configuration on each and expects a failure.
 */
enum Variant {

    /** The real algorithm. */
    CORRECT,

    /** (1) A plain read-then-write in place of a CAS: every CAS of the tree goes through {@link BlindWriteStore}. */
    BLIND_WRITE_CAS {
        @Override
        WordStore wrap(WordStore words) {
            return new BlindWriteStore(words);
        }
    },

    /**
     * (2a) A free that clears only the START slot of a run, not its CONT slots: the allocation's
     * "descendant" slots stay taken (sequentially visible: a later fit is refused, the census
     * finds CONT without START).
     */
    START_ONLY_FREE {
        @Override
        BuddyTree tree(TreeGeometry geometry, WordStore words) {
            return new BuddyTree(geometry, words) {
                @Override
                protected boolean releaseRun(long index, long word, int first, int run) {
                    return words.cas(index, word, bump(withSlot(word, first, FREE)));
                }
            };
        }
    },

    /**
     * (2b) An unpin that does not rely on its check that the child is MERGING: it CASes the parent
     * word as it reads it <em>now</em>, not as read before that check. If, in between, the merge
     * finished and a small allocation re-pinned the slot and allocated below it, this frees the
     * parent slot over a live allocation (the node is cleared, its descendants are not).
     */
    STALE_UNPIN {
        @Override
        BuddyTree tree(TreeGeometry geometry, WordStore words) {
            return new BuddyTree(geometry, words) {
                @Override
                protected boolean unpin(long parentIndex, long parent, int s) {
                    long now = words.lv(parentIndex);
                    return words.cas(parentIndex, now, bump(withSlot(now, s, FREE)));
                }
            };
        }
    },

    /**
     * (4) Free space the space summary is never told about: neither the free nor an operation that
     * observes the freed space (a malloc beside it, a lookup that finds it free) covers it, so a
     * later request that trusts the summary answers NULL although the region is free. (A free alone
     * that skips its cover is healed by such observers in the scenarios explored here; jcstress's
     * LastRegionWithoutCover catches that variant through its arbiter.)
     */
    UNCOVERED_FREE {
        @Override
        BuddyTree tree(TreeGeometry geometry, WordStore words) {
            return new BuddyTree(geometry, words) {
                @Override
                protected long coverFreed(long block, int sizeClass) {
                    return SpaceSummary.NOT_COVERED;
                }

                @Override
                protected long coverObserved(long block, int sizeClass) {
                    return SpaceSummary.NOT_COVERED;
                }
            };
        }
    },

    /**
     * (3) A malloc that does not re-check after a failed CAS: casRun reports success whether or
     * not its CAS landed, so the caller returns a run that another thread may have just taken.
     */
    NO_RECHECK_AFTER_FAILED_CAS {
        @Override
        BuddyTree tree(TreeGeometry geometry, WordStore words) {
            return new BuddyTree(geometry, words) {
                @Override
                protected boolean casRun(long index, long word, int first, int run) {
                    words.cas(index, word, bump(withRun(word, first, run)));
                    return true;
                }
            };
        }
    };

    WordStore wrap(WordStore words) {
        return words;
    }

    BuddyTree tree(TreeGeometry geometry, WordStore words) {
        return new BuddyTree(geometry, words);
    }
}
