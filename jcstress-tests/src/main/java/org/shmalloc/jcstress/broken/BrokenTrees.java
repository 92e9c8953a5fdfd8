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
import java.util.concurrent.ThreadLocalRandom;

import org.shmalloc.internal.BuddyTree;
import org.shmalloc.internal.TreeGeometry;
import org.shmalloc.internal.WordStore;
import org.shmalloc.jcstress.arena.TreeFactory;

/**
 * Deliberately broken trees: each overrides one of {@link BuddyTree}'s protected hooks, the single
 * CAS of one protocol step, with a plausible mistake. The tests in this package run them against
 * the scenarios that must catch them; they are kept out of the normal run by the {@code -t} filter.
 *
 * <p>Where the broken step needs another thread to act inside a window of a few instructions
 * (between the check and its re-read), the variant pauses there for a random time
 * ({@link #preemption()}), standing in for the scheduler taking the CPU away, so that a quick run
 * hits the window; the correct hook has no such window, whatever the scheduling.
 */
public final class BrokenTrees {

    /** Longest pause, in spin-wait hints (a few microseconds). */
    private static final int MAX_PAUSE_SPINS = 2048;

    private BrokenTrees() {
    }

    /**
     * A pause of random length: two threads in the same window leave it at different times, as when
     * one of them is preempted.
     */
    static void preemption() {
        for (int i = ThreadLocalRandom.current().nextInt(MAX_PAUSE_SPINS); i > 0; i--) {
            Thread.onSpinWait();
        }
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
}
