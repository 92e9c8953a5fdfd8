package org.shmalloc.jcstress.arena;

/**
 * A broken tree that behaves like the correct one until it is armed. A state's constructor builds
 * the scenario's premise single-threaded, and some mistakes (a free that does not update the space
 * summary) would already spoil that premise; {@link MiniArena#setupDone()} arms the tree, so that
 * only the race runs the mistake.
 */
public interface ArmedAfterSetup {

    void arm();
}
