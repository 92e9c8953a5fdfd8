package org.shmalloc.jcstress.arena;

import java.lang.foreign.MemorySegment;

import org.shmalloc.internal.BuddyTree;
import org.shmalloc.internal.TreeGeometry;
import org.shmalloc.internal.WordStore;

/**
 * Builds the tree a test runs: the real {@link BuddyTree}, or a deliberately broken subclass
 * (package {@code org.shmalloc.jcstress.broken}), which may also write {@code wordBytes} directly.
 */
@FunctionalInterface
public interface TreeFactory {

    TreeFactory CORRECT = (geometry, words, wordBytes) -> new BuddyTree(geometry, words);

    BuddyTree create(TreeGeometry geometry, WordStore words, MemorySegment wordBytes);
}
