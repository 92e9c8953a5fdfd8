package org.shmalloc.lincheck;

import java.util.ArrayList;
import java.util.List;

import org.shmalloc.internal.BuddyTree;
import org.shmalloc.internal.TreeGeometry;

/**
 * One {@link BuddyTree.Cursor} per thread for one test instance (a cursor is never shared), the way
 * ShmAllocator keeps one per thread. Threads get home blocks 0, 1, 2, ... in order of first use.
 * Test bookkeeping: synchronized, and ignored by the model checker.
 */
final class Cursors {

    private final TreeGeometry geometry;
    private final List<Thread> threads = new ArrayList<>();
    private final List<BuddyTree.Cursor> cursors = new ArrayList<>();

    Cursors(TreeGeometry geometry) {
        this.geometry = geometry;
    }

    synchronized BuddyTree.Cursor current() {
        Thread me = Thread.currentThread();
        for (int i = 0; i < threads.size(); i++) {
            if (threads.get(i) == me) {
                return cursors.get(i);
            }
        }
        BuddyTree.Cursor cursor = new BuddyTree.Cursor(geometry, threads.size());
        threads.add(me);
        cursors.add(cursor);
        return cursor;
    }
}
