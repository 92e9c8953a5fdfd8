package org.shmalloc.jcstress.arena;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A pause of random length, standing in for the scheduler taking the CPU away: two threads in the
 * same window leave it at different times. Placed by the trees of the broken variants inside the
 * window their mistake opens, and by {@link PausingTree} inside the windows the correct protocol
 * must survive, so that a quick run hits them.
 */
public final class Preemption {

    /** Longest pause, in spin-wait hints (a few microseconds). */
    private static final int MAX_PAUSE_SPINS = 2048;

    private Preemption() {
    }

    public static void pause() {
        for (int i = ThreadLocalRandom.current().nextInt(MAX_PAUSE_SPINS); i > 0; i--) {
            Thread.onSpinWait();
        }
    }
}
