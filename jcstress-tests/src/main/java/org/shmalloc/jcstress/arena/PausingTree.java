package org.shmalloc.jcstress.arena;

import org.shmalloc.internal.BuddyTree;
import org.shmalloc.internal.TreeGeometry;
import org.shmalloc.internal.WordStore;

/**
 * The correct {@link BuddyTree}, slowed at random, once armed, where the space summary's protocol
 * has its windows: a free pauses before its CAS (a free that starts late: it is shorter than a
 * search and would mostly land before the search reaches its refresh) and between its CAS and its
 * cover (the region is free, the summary does not claim it yet), and a refresh pauses after each
 * read of a block (between its reads of the tree and its CAS of the summary word). Nothing else
 * changes: the protocol must hold whatever the timing, so scenarios run on it as on the plain tree
 * and must pass; the broken variants of the summary extend it and replace one step.
 */
public class PausingTree extends BuddyTree implements ArmedAfterSetup {

    public static final TreeFactory FACTORY = (geometry, words, wordBytes) -> new PausingTree(geometry, words);

    private final boolean pauseBeforeCover;
    /** Set once the state's setup is done: the setup runs at full speed. */
    private volatile boolean armed;

    public PausingTree(TreeGeometry geometry, WordStore words) {
        this(geometry, words, true);
    }

    /**
     * {@code pauseBeforeCover} false: a free covers right after its CAS, for the broken refreshes
     * whose window needs the cover to come while the refresh is paused.
     */
    protected PausingTree(TreeGeometry geometry, WordStore words, boolean pauseBeforeCover) {
        super(geometry, words);
        this.pauseBeforeCover = pauseBeforeCover;
    }

    @Override
    public void arm() {
        armed = true;
    }

    protected final boolean armed() {
        return armed;
    }

    @Override
    protected boolean releaseRun(long index, long word, int first, int run) {
        if (armed) {
            Preemption.pause(); // then the same CAS: if the word changed meanwhile, the free walks again
        }
        return super.releaseRun(index, word, first, run);
    }

    @Override
    protected long coverFreed(long block, int sizeClass) {
        if (armed && pauseBeforeCover) {
            Preemption.pause();
        }
        return super.coverFreed(block, sizeClass);
    }

    @Override
    protected boolean refreshSummary(int level, long node, int seenBelow) {
        if (!armed) {
            return super.refreshSummary(level, node, seenBelow);
        }
        return summary.refresh(level, node, block -> {
            int bound = blockBound(block);
            Preemption.pause();
            return bound;
        }, seenBelow);
    }
}
