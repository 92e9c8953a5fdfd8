package org.shmalloc.bench.peer;

import java.io.IOException;
import java.nio.file.Path;

import org.shmalloc.ShmAllocator;
import org.shmalloc.ShmConfig;
import org.shmalloc.bench.workload.ArenaFiles;

/** The allocator under test, over a fresh arena file that {@link #close()} deletes. */
final class ShmPeer implements BenchAllocator {

    private final ShmAllocator allocator;
    private final Path file;
    private final boolean owner;

    ShmPeer(ShmConfig config) throws IOException {
        this(config, ArenaFiles.newPath("shm.arena"));
    }

    /** Creates the arena at {@code file}; {@link #close()} deletes it. */
    ShmPeer(ShmConfig config, Path file) throws IOException {
        this(ShmAllocator.open(file, config), true);
    }

    private ShmPeer(ShmAllocator allocator, boolean owner) {
        this.allocator = allocator;
        this.file = allocator.file();
        this.owner = owner;
        if (owner) {
            file.toFile().deleteOnExit();
        }
    }

    /** Attaches to an arena another process created; {@link #close()} leaves the file alone. */
    public static BenchAllocator attach(Path file) throws IOException {
        return new ShmPeer(ShmAllocator.attach(file), false);
    }

    @Override
    public Caller caller() {
        ShmAllocator a = allocator;
        return new Caller() {
            @Override
            public long malloc(long size) {
                return a.malloc(size);
            }

            @Override
            public void free(long handle) {
                a.free(handle);
            }
        };
    }

    @Override
    public boolean bounded() {
        return true;
    }

    @Override
    public void close() {
        allocator.close();
        if (owner) {
            ArenaFiles.delete(file);
        }
    }

    @Override
    public String toString() {
        return "shm " + allocator.config();
    }
}
