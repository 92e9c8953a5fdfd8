package org.shmalloc.bench.peer;

import java.io.IOException;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.locks.ReentrantLock;

import org.shmalloc.ShmConfig;
import org.shmalloc.internal.ArenaFile;
import org.shmalloc.internal.BuddyTree;
import org.shmalloc.internal.TreeGeometry;

/**
 * The lock-based peer: the same {@link BuddyTree} over the same kind of mapped file, every call
 * behind one {@link ReentrantLock}, with one shared cursor. It shows what the lock-free protocol
 * buys (or costs) against the simplest correct concurrent version of the same algorithm.
 */
final class LockedBuddyPeer implements BenchAllocator {

    private final ArenaFile file;
    private final BuddyTree tree;
    private final TreeGeometry geometry;
    private final int minExponent;
    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}. */
    private final BuddyTree.Cursor cursor;

    LockedBuddyPeer(ShmConfig config) throws IOException {
        // ArenaFile.open reserves unit 0 (NULL), as ShmAllocator does.
        this.file = ArenaFile.open(org.shmalloc.bench.workload.ArenaFiles.newPath("locked.arena"), config,
                PosixFilePermissions.fromString("rw-------"));
        file.path.toFile().deleteOnExit();
        this.geometry = file.layout.geometry;
        this.tree = new BuddyTree(geometry, file.tree);
        this.minExponent = geometry.minExponent;
        this.maxBytes = 1L << geometry.maxExponent;
        this.cursor = new BuddyTree.Cursor(geometry, 0);
    }

    @Override
    public Caller caller() {
        return new Caller() {
            @Override
            public long malloc(long size) {
                if (size > maxBytes) {
                    return 0;
                }
                int sizeClass = geometry.classOf(size);
                long unit;
                lock.lock();
                try {
                    unit = tree.allocate(sizeClass, cursor);
                } finally {
                    lock.unlock();
                }
                return unit < 0 ? 0 : unit << minExponent;
            }

            @Override
            public void free(long handle) {
                int result;
                lock.lock();
                try {
                    result = tree.free(handle >>> minExponent);
                } finally {
                    lock.unlock();
                }
                if (result < 0) {
                    throw new IllegalStateException("free(" + handle + ") failed with " + result);
                }
            }
        };
    }

    @Override
    public boolean bounded() {
        return true;
    }

    @Override
    public void close() {
        file.close();
        org.shmalloc.bench.workload.ArenaFiles.delete(file.path);
    }
}
