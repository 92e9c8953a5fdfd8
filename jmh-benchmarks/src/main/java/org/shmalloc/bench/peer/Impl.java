package org.shmalloc.bench.peer;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.shmalloc.ShmConfig;

/**
 * The allocators a benchmark's {@code impl} parameter names. Every benchmark runs its peers with
 * the same sizes in the same run, so that ratios between them are meaningful.
 */
public enum Impl {
    /** The allocator under test: {@link org.shmalloc.ShmAllocator} over a file in /dev/shm. */
    SHM,
    /** The same buddy tree and file layout behind one {@link java.util.concurrent.locks.ReentrantLock}. */
    LOCKED,
    /** Netty's {@code PooledByteBufAllocator}, direct buffers, default settings. */
    NETTY,
    /**
     * The same with a per-thread cache for every thread (Netty's default gives one only to its own
     * FastThreadLocalThreads, so benchmark threads go to the shared arenas each time).
     */
    NETTYCACHE,
    /** glibc {@code malloc}/{@code free} called through the FFM {@link java.lang.foreign.Linker}. */
    NATIVE,
    /** The floor: one CAS that sets a mapped word and one that clears it; holds one handle per thread. */
    FLOOR,
    /**
     * The floor with many handles live: a table of words per thread (room for {@code maxLive}),
     * packed eight to a cache line, set by malloc in turn and cleared by free; the floor for
     * cross-thread frees and for churn.
     */
    FLOORTABLE,
    /**
     * {@link #FLOORTABLE} with about 40 ns of arithmetic after each free: an operation as long as
     * the allocator's pair, with the floor's memory traffic (what cache misses cost an operation
     * that long, under churn).
     */
    FLOORPADDED,
    /** No allocator: counter handles, a free that does nothing; it scores the benchmark's own harness. */
    HANDOFF;

    /** Parses a parameter value, case-insensitive ("shm", "locked", ...). */
    public static Impl of(String name) {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }

    /** True if several processes can share this allocator through its file. */
    public boolean sharesAcrossProcesses() {
        return this == SHM || this == FLOOR;
    }

    /**
     * Creates the file that {@link #attach} processes share, or throws for an allocator that
     * cannot be shared across processes; close the result after the workers are done.
     */
    public BenchAllocator create(ShmConfig config, java.nio.file.Path file) {
        try {
            return switch (this) {
                case SHM -> new ShmPeer(config, file);
                case FLOOR -> new CasFloorPeer(file, 0, true);
                default -> throw new IllegalArgumentException(this + " cannot be shared across processes");
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    /** Attaches worker {@code index} (each uses its own floor word) to a file that {@link #create} made. */
    public BenchAllocator attach(java.nio.file.Path file, int index) throws IOException {
        return switch (this) {
            case SHM -> ShmPeer.attach(file);
            case FLOOR -> new CasFloorPeer(file, 1 + index, false);
            default -> throw new IllegalArgumentException(this + " cannot be shared across processes");
        };
    }

    /**
     * Opens this allocator. {@code config} sizes the arena of the bounded ones; the unbounded ones
     * use it only to size their handle tables ({@code maxLive} handles alive at once).
     */
    public BenchAllocator open(ShmConfig config, long maxLive) {
        try {
            return switch (this) {
                case SHM -> new ShmPeer(config);
                case LOCKED -> new LockedBuddyPeer(config);
                case NETTY -> new NettyPeer(maxLive, false);
                case NETTYCACHE -> new NettyPeer(maxLive, true);
                case NATIVE -> new NativePeer();
                case FLOOR -> new CasFloorPeer(1, 0);
                case FLOORTABLE -> new CasFloorPeer(CasFloorPeer.tableWords(maxLive), 0);
                case FLOORPADDED -> new CasFloorPeer(CasFloorPeer.tableWords(maxLive), CasFloorPeer.PADDED_ROUNDS);
                case HANDOFF -> new HandoffPeer();
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + this + " with " + config, e);
        }
    }
}
