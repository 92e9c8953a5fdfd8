package org.shmalloc.jcstress.broken;

import static org.shmalloc.internal.TreeWord.FREE;
import static org.shmalloc.internal.TreeWord.MERGING;
import static org.shmalloc.internal.TreeWord.SPLIT;
import static org.shmalloc.internal.TreeWord.bump;
import static org.shmalloc.internal.TreeWord.slot;
import static org.shmalloc.internal.TreeWord.withRun;
import static org.shmalloc.internal.TreeWord.withSeal;
import static org.shmalloc.internal.TreeWord.withSlot;
import static org.shmalloc.internal.TreeWord.withoutRun;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.shmalloc.internal.BuddyTree;
import org.shmalloc.internal.SpaceSummary;
import org.shmalloc.internal.TreeGeometry;
import org.shmalloc.internal.WordStore;
import org.shmalloc.jcstress.arena.ArmedAfterSetup;
import org.shmalloc.jcstress.arena.PausingTree;
import org.shmalloc.jcstress.arena.Preemption;
import org.shmalloc.jcstress.arena.SummaryWords;
import org.shmalloc.jcstress.arena.TreeFactory;

/**
 * Deliberately broken trees: each overrides one of {@link BuddyTree}'s protected hooks, the single
 * CAS of one protocol step, with a plausible mistake. The tests in this package run them against
 * the scenarios that must catch them; they are kept out of the normal run by the {@code -t} filter.
 *
 * <p>Where the broken step needs another thread to act inside a window of a few instructions
 * (between the check and its re-read), the variant pauses there for a random time
 * ({@link #preemption()}), standing in for the scheduler taking the CPU away, so that a quick run
 * hits the window; the correct hook has no such window, whatever the scheduling. The variants of
 * the space summary's steps are built on {@link PausingTree} (the correct tree, paused where that
 * protocol has its windows) and are correct until the state's setup is done ({@link ArmedAfterSetup}).
 */
public final class BrokenTrees {

    private BrokenTrees() {
    }

    /**
     * A pause of random length: two threads in the same window leave it at different times, as when
     * one of them is preempted.
     */
    static void preemption() {
        Preemption.pause();
    }

    /** Plain write instead of CAS: claims the run checked free in {@code word} with a plain store. */
    public static final TreeFactory PLAIN_STORE_CLAIM = PlainStoreClaim::new;
    /** Missing re-check: a free that failed its CAS clears the run in the current word anyway. */
    public static final TreeFactory BLIND_RELEASE = (geometry, words, bytes) -> new BlindRelease(geometry, words);
    /** Wrong order: unpin reads the parent after the child was checked MERGING. */
    public static final TreeFactory LATE_PARENT_UNPIN = (geometry, words, bytes) -> new LateParentUnpin(geometry, words);
    /** Missing re-check: seals the child it found empty without checking it still is. */
    public static final TreeFactory BLIND_SEAL = (geometry, words, bytes) -> new BlindSeal(geometry, words);
    /** Missing re-check: pins the slot it found FREE without checking it still is. */
    public static final TreeFactory BLIND_PIN = (geometry, words, bytes) -> new BlindPin(geometry, words);

    /** Missing step: a free that does not make the space summary claim what it freed (armed after the setup). */
    public static final TreeFactory NO_COVER = (geometry, words, bytes) -> new NoCover(geometry, words);
    /**
     * Missing step: the helping rule. On the paused tree, an operation that observes freed space (a
     * malloc beside it, a lookup that finds it free) returns without covering it.
     */
    public static final TreeFactory NO_HELPING = (geometry, words, bytes) -> new NoHelping(geometry, words);
    /**
     * Missing check: an operation skips its cover when its thread last covered the same block for
     * at least this class, without checking that the block's summary word is unchanged since (a
     * refresh may have lowered it and the words above it in between). On the paused tree.
     */
    public static final TreeFactory STALE_COVER_MEMO = (geometry, words, bytes) -> new StaleCoverMemo(geometry, words);
    /** Missing step: a refresh that lowers a summary word straight to what it computed, without TENTATIVE first. */
    public static final TreeFactory REFRESH_WITHOUT_TENTATIVE =
            (geometry, words, bytes) -> new RefreshWithoutTentative(geometry, words);
    /**
     * Wrong test: a free's cover that reads a word's claims as searches do ({@code claimed}), so a
     * TENTATIVE word looks like it claims everything and is left alone.
     */
    public static final TreeFactory COVER_TRUSTING_TENTATIVE =
            (geometry, words, bytes) -> new CoverTrustingTentative(geometry, words);

    static final class PlainStoreClaim extends BuddyTree {
        private final MemorySegment wordBytes;

        PlainStoreClaim(TreeGeometry geometry, WordStore words, MemorySegment wordBytes) {
            super(geometry, words);
            this.wordBytes = wordBytes;
        }

        @Override
        protected boolean casRun(long index, long word, int first, int run) {
            wordBytes.setAtIndex(ValueLayout.JAVA_LONG, index, bump(withRun(word, first, run)));
            return true;
        }
    }

    static final class BlindRelease extends BuddyTree {
        BlindRelease(TreeGeometry geometry, WordStore words) {
            super(geometry, words);
        }

        @Override
        protected boolean releaseRun(long index, long word, int first, int run) {
            if (words.cas(index, word, bump(withoutRun(word, first, run)))) {
                return true;
            }
            long current = words.lv(index); // the word changed: the correct code walks again and re-checks
            return words.cas(index, current, bump(withoutRun(current, first, run)));
        }
    }

    static final class LateParentUnpin extends BuddyTree {
        LateParentUnpin(TreeGeometry geometry, WordStore words) {
            super(geometry, words);
        }

        @Override
        protected boolean unpin(long parentIndex, long parent, int s) {
            preemption(); // the child was read MERGING just now; let others finish the merge and re-pin
            long current = words.lv(parentIndex);
            return slot(current, s) == SPLIT && words.cas(parentIndex, current, bump(withSlot(current, s, FREE)));
        }
    }

    static final class BlindSeal extends BuddyTree {
        BlindSeal(TreeGeometry geometry, WordStore words) {
            super(geometry, words);
        }

        @Override
        protected boolean sealChild(long childIndex, long child) {
            preemption(); // the child was read empty just now; let a racing claim land in it
            long current = words.lv(childIndex);
            return words.cas(childIndex, current, bump(withSeal(current, MERGING)));
        }
    }

    static final class BlindPin extends BuddyTree {
        BlindPin(TreeGeometry geometry, WordStore words) {
            super(geometry, words);
        }

        @Override
        protected boolean pin(long parentIndex, long parent, int s) {
            preemption(); // the slot was read FREE just now; let a racing claim of the slot land
            long current = words.lv(parentIndex);
            return words.cas(parentIndex, current, bump(withSlot(current, s, SPLIT)));
        }
    }

    static final class NoCover extends BuddyTree implements ArmedAfterSetup {
        private volatile boolean armed;

        NoCover(TreeGeometry geometry, WordStore words) {
            super(geometry, words);
        }

        @Override
        public void arm() {
            armed = true;
        }

        @Override
        protected long coverFreed(long block, int sizeClass) {
            if (!armed) {
                return super.coverFreed(block, sizeClass); // the setup frees correctly
            }
            return SpaceSummary.NOT_COVERED;
        }
    }

    static final class StaleCoverMemo extends PausingTree {
        StaleCoverMemo(TreeGeometry geometry, WordStore words) {
            super(geometry, words);
        }

        @Override
        protected boolean coverStands(Cursor cursor, long block, int sizeClass) {
            if (!armed()) {
                return super.coverStands(cursor, block, sizeClass);
            }
            return cursor != null && cursor.coveredLast(block, sizeClass); // wrong: the word may have changed
        }
    }

    /**
     * On the paused tree: frees start late (and cover right after their CAS), and this refresh
     * pauses inside its window.
     */
    static final class RefreshWithoutTentative extends PausingTree {
        RefreshWithoutTentative(TreeGeometry geometry, WordStore words) {
            super(geometry, words, false);
        }

        @Override
        protected boolean refreshSummary(int level, long node, int seenBelow) {
            if (!armed()) {
                return super.refreshSummary(level, node, seenBelow);
            }
            long index = summary.index(level, node);
            long word = words.lv(index);
            int below = summary.below(level, node, this::blockBound);
            if (below == summary.possible(word)) {
                return false;
            }
            preemption(); // below was read just now; let a free land, whose cover finds the word still claiming
            return words.cas(index, word, SpaceSummary.bump(summary.withPossible(word, below)));
        }
    }

    static final class NoHelping extends PausingTree {
        NoHelping(TreeGeometry geometry, WordStore words) {
            super(geometry, words);
        }

        @Override
        protected long coverObserved(long block, int sizeClass) {
            if (!armed()) {
                return super.coverObserved(block, sizeClass);
            }
            return SpaceSummary.NOT_COVERED;
        }
    }

    /**
     * On the paused tree: frees start late, and the (correct) refresh pauses between its reads of
     * the block and its final CAS, where a correct cover would CAS the TENTATIVE word and so make
     * that CAS fail.
     */
    static final class CoverTrustingTentative extends PausingTree {
        CoverTrustingTentative(TreeGeometry geometry, WordStore words) {
            super(geometry, words);
        }

        @Override
        protected long coverFreed(long block, int sizeClass) {
            if (!armed()) {
                return super.coverFreed(block, sizeClass);
            }
            int needed = summary.atLeast(sizeClass);
            long node = block;
            for (int level = 0; level <= summary.rootLevel(); level++) {
                long index = summary.index(level, node);
                while (true) {
                    long word = words.lv(index);
                    if ((summary.claimed(word) & needed) != 0) { // wrong: true of every TENTATIVE word
                        break;
                    }
                    int possible = summary.possible(word) | (1 << sizeClass);
                    if (words.cas(index, word, SpaceSummary.bump(summary.withPossible(word, possible)))) {
                        break;
                    }
                }
                node = SummaryWords.nodeAbove(node, 1);
            }
            return SpaceSummary.NOT_COVERED;
        }
    }
}
