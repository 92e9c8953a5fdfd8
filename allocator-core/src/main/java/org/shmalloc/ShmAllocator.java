package org.shmalloc;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.shmalloc.internal.ArenaFile;
import org.shmalloc.internal.BuddyTree;
import org.shmalloc.internal.TreeCensus;
import org.shmalloc.internal.TreeGeometry;

/**
 * Allocates blocks in a file that several processes map at once. Offsets returned by
 * {@link #malloc} are byte offsets into the file, the same in every process; {@link #NULL} (0) is
 * never an allocation.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Lock-free:</b> {@link #malloc}, {@link #calloc} and {@link #free} take no lock and never
 *       wait for another thread or process; each step is one CAS on one shared 64-bit word, and a
 *       thread that finds another's operation half done finishes that step itself.</li>
 *   <li><b>Linearizable:</b> live allocations never overlap; a freed block can be allocated again;
 *       a free in one process happens-before a later allocation of the same bytes in another;
 *       {@code malloc} returns {@code NULL} only if at one instant during the call no block of
 *       the requested class was free.</li>
 *   <li><b>Crash:</b> a process killed at any instruction leaves the words consistent. What it
 *       had allocated, or was allocating, stays allocated (leaked) until freed by offset; nothing
 *       is handed out twice.</li>
 *   <li><b>Misuse</b> ({@link #free} of an offset that is not a live allocation's start, bad
 *       sizes) throws {@link IllegalArgumentException} and changes nothing. A double free is caught
 *       until the block is allocated again; after that the offset names the new allocation.</li>
 * </ul>
 * Instances are thread-safe. After {@link #close()} every method throws {@link IllegalStateException}.
 */
public final class ShmAllocator implements AutoCloseable {

    /** The null offset: never a valid allocation. */
    public static final long NULL = 0L;

    /** Environment variable naming the file for {@link #openFromEnv()}. */
    public static final String FILE_VARIABLE = "SHM_FILE";

    private static final int LANES = 16;
    /** Lanes a process's first threads take before wrapping into the next process's lanes. */
    private static final int THREADS_PER_PROCESS_LANES = 4;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final ArenaFile file;
    private final BuddyTree tree;
    private final TreeGeometry geometry;
    private final MemorySegment data;
    private final int minExponent;
    private final long maxBytes;
    private final long dataBytes;
    private final ThreadLocal<BuddyTree.Cursor> cursors;
    private volatile boolean closed;

    private ShmAllocator(ArenaFile file) {
        this.file = file;
        this.geometry = file.layout.geometry;
        this.tree = new BuddyTree(geometry, file.tree);
        this.data = file.data();
        this.minExponent = geometry.minExponent;
        this.maxBytes = 1L << geometry.maxExponent;
        this.dataBytes = file.layout.dataBytes;
        // the first threads of the first processes get different lanes, so they do not share words
        long processOrdinal = file.claimAttachOrdinal();
        AtomicInteger threads = new AtomicInteger();
        this.cursors = ThreadLocal.withInitial(() -> new BuddyTree.Cursor(geometry,
                laneStart(processOrdinal * THREADS_PER_PROCESS_LANES + threads.getAndIncrement())));
    }

    /** Creates {@code file} (mode 0600) with {@code config}, or attaches to it if it exists with the same config. */
    public static ShmAllocator open(Path file, ShmConfig config) throws IOException {
        return open(file, config, OWNER_ONLY);
    }

    /** As {@link #open(Path, ShmConfig)}, creating the file with {@code permissions}. */
    public static ShmAllocator open(Path file, ShmConfig config, Set<PosixFilePermission> permissions)
            throws IOException {
        return new ShmAllocator(ArenaFile.open(file, config, permissions));
    }

    /** Attaches to an existing arena file with the config stored in it. */
    public static ShmAllocator attach(Path file) throws IOException {
        return new ShmAllocator(ArenaFile.attach(file));
    }

    /** {@link #open(Path, ShmConfig)} of the file named by {@code SHM_FILE}, with the default config. */
    public static ShmAllocator openFromEnv() throws IOException {
        String name = System.getenv(FILE_VARIABLE);
        if (name == null || name.isBlank()) {
            throw new IOException("environment variable " + FILE_VARIABLE + " is not set");
        }
        return open(Path.of(name), ShmConfig.defaults());
    }

    /**
     * Allocates at least {@code size} bytes. Returns the offset, or {@link #NULL} when
     * {@code size > maxAllocatableSize()} or no block fits.
     *
     * @throws IllegalArgumentException if {@code size <= 0}
     */
    public long malloc(long size) {
        ensureOpen();
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        if (size > maxBytes) {
            return NULL;
        }
        try {
            long unit = tree.allocate(geometry.classOf(size), cursors.get());
            return unit < 0 ? NULL : unit << minExponent;
        } catch (InternalError fault) {
            throw unmapped(fault);
        }
    }

    /**
     * Allocates {@code count * size} bytes that read as zero, or returns {@link #NULL} as
     * {@link #malloc} does.
     *
     * @throws IllegalArgumentException if {@code count} or {@code size} is not positive, or their product overflows
     */
    public long calloc(long count, long size) {
        ensureOpen();
        if (count <= 0 || size <= 0) {
            throw new IllegalArgumentException("count and size must be positive, got " + count + " x " + size);
        }
        long total;
        try {
            total = Math.multiplyExact(count, size);
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException("calloc size overflows: " + count + " x " + size);
        }
        long offset = malloc(total);
        if (offset != NULL) {
            // the size comes from the class, not from a lookup: a racing double free of this
            // offset by another thread must not make calloc fail after it allocated
            long usable = 1L << (geometry.classOf(total) + minExponent);
            try {
                data.asSlice(offset, usable).fill((byte) 0);
            } catch (InternalError fault) {
                throw unmapped(fault);
            }
        }
        return offset;
    }

    /**
     * Frees the allocation at {@code offset}; {@link #NULL} is ignored.
     *
     * @throws IllegalArgumentException if {@code offset} is not the start of a live allocation
     *                                  (outside the arena, misaligned, inside a block, already free);
     *                                  nothing changes then
     */
    public void free(long offset) {
        ensureOpen();
        if (offset == NULL) {
            return;
        }
        checkRange(offset);
        int result;
        try {
            result = tree.free(offset >>> minExponent, cursors.get());
        } catch (InternalError fault) {
            throw unmapped(fault);
        }
        if (result < 0) {
            throw misuse(offset, result);
        }
    }

    /** The usable bytes of the allocation at {@code offset}. */
    public MemorySegment segment(long offset) {
        return data.asSlice(offset, usableSize(offset));
    }

    /** The usable size (its size class) of the allocation at {@code offset}. */
    public long usableSize(long offset) {
        ensureOpen();
        checkRange(offset);
        int sizeClass;
        try {
            sizeClass = tree.lookup(offset >>> minExponent);
        } catch (InternalError fault) {
            throw unmapped(fault);
        }
        if (sizeClass < 0) {
            throw misuse(offset, sizeClass);
        }
        return 1L << (sizeClass + minExponent);
    }

    public long minAllocatableSize() {
        ensureOpen();
        return 1L << minExponent;
    }

    public long maxAllocatableSize() {
        ensureOpen();
        return maxBytes;
    }

    public ShmConfig config() {
        ensureOpen();
        return file.layout.config;
    }

    /** The file this allocator maps. */
    public Path file() {
        ensureOpen();
        return file.path;
    }

    /** Counts what the arena holds from its tree words. */
    public ShmStats stats() {
        ensureOpen();
        TreeCensus census;
        try {
            census = TreeCensus.of(geometry, file.tree);
        } catch (InternalError fault) {
            throw unmapped(fault);
        }
        long unit = 1L << minExponent;
        long[] byClass = census.liveByClass();
        byClass[0]--; // the reserved NULL unit is not an allocation
        long capacity = dataBytes - unit;
        long used = census.liveUnits() * unit - unit;
        return new ShmStats(capacity, used, census.liveAllocations() - 1, byClass, capacity - used);
    }

    /**
     * Checks every tree word against the allocator's invariants without changing anything.
     * Exact while no other process allocates or frees.
     */
    public ShmVerification verify() {
        ensureOpen();
        try {
            return verifyWords();
        } catch (InternalError fault) {
            throw unmapped(fault);
        }
    }

    private ShmVerification verifyWords() {
        TreeCensus census = TreeCensus.of(geometry, file.tree);
        long faults = census.faults();
        java.util.List<String> problems = new java.util.ArrayList<>(census.faultSamples());
        if (tree.lookup(0) != 0) {
            faults++;
            problems.add("the NULL unit at offset 0 is not reserved");
        }
        long[] tentative = {0};
        java.util.List<String> understated = new java.util.ArrayList<>();
        long staleSummaryWords = tree.summary().check(tree::blockBound, understated, 20, tentative);
        understated.forEach(line -> problems.add("stale (a free killed between its CAS and its summary update; "
                + "reclaim() repairs it): " + line));
        return new ShmVerification(faults, staleSummaryWords, problems, stats(), census.pinsInProgress(),
                census.mergesInProgress(),
                census.stalePins(), file.layout.metadataBytes(), file.layout.fileSize);
    }

    /**
     * Frees every live allocation whose offset {@code isLive} rejects, and returns the bytes freed:
     * the recovery for blocks leaked by processes that died while holding them. The application
     * supplies what it still references (for example the offsets in its index). It then recomputes
     * the space summary, which also restores a claim that a process killed inside {@code free}
     * could leave too low ({@link ShmVerification#staleSummaryWords()}).
     *
     * <p>Safe only while no other thread or process allocates: a block allocated during the pass
     * but not yet recorded by its owner would be freed under it. Frees racing the pass are fine.
     */
    public long reclaim(java.util.function.LongPredicate isLive) {
        ensureOpen();
        try {
            return reclaimUnless(isLive);
        } catch (InternalError fault) {
            throw unmapped(fault);
        }
    }

    private long reclaimUnless(java.util.function.LongPredicate isLive) {
        java.util.List<long[]> leaked = new java.util.ArrayList<>();
        TreeCensus.of(geometry, file.tree, (unit, sizeClass) -> {
            long offset = unit << minExponent;
            if (offset != NULL && !isLive.test(offset)) {
                leaked.add(new long[] {unit, sizeClass});
            }
        });
        long freed = 0;
        for (long[] allocation : leaked) {
            if (tree.free(allocation[0]) >= 0) {
                freed += 1L << (allocation[1] + minExponent);
            }
        }
        tree.summary().refreshAll(tree::blockBound); // also repairs claims lost by killed frees
        return freed;
    }

    /** Unmaps the file. Every later call throws {@link IllegalStateException}. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            file.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("allocator for " + file.path + " is closed");
        }
    }

    private void checkRange(long offset) {
        if (offset < 0 || offset >= dataBytes) {
            throw new IllegalArgumentException("offset " + offset + " is outside the arena [0, " + dataBytes + ")");
        }
        long unit = 1L << minExponent;
        if ((offset & (unit - 1)) != 0) {
            throw new IllegalArgumentException("offset " + offset + " is not aligned to the minimum block size "
                    + unit);
        }
        if (offset == NULL) {
            throw new IllegalArgumentException("offset 0 is NULL, not an allocation");
        }
    }

    /**
     * The JVM turns a SIGBUS on mapped memory (the file was truncated by another process) into an
     * InternalError at the faulting access; name the cause instead.
     */
    private IllegalStateException unmapped(InternalError fault) {
        return new IllegalStateException("memory fault in the mapping of " + file.path
                + ": the file was truncated while mapped (expected " + file.layout.fileSize + " bytes)", fault);
    }

    private RuntimeException misuse(long offset, int result) {
        return switch (result) {
            case BuddyTree.INTERIOR -> new IllegalArgumentException("offset " + offset
                    + " is inside a live allocation, not at its start");
            case BuddyTree.CORRUPT -> new IllegalStateException("the arena's tree words are malformed at offset "
                    + offset + "; run verify()");
            default -> new IllegalArgumentException("offset " + offset
                    + " is not the start of a live allocation (never allocated, or already freed)");
        };
    }

    /**
     * First block of a lane: the arena is cut into {@link #LANES} lanes and each thread's full
     * searches are first fit from the start of its lane, so memory freed in a lane is reused before
     * new pages are touched, while threads of different lanes rarely meet.
     */
    private long laneStart(long lane) {
        long blocks = geometry.blockCount;
        return blocks < LANES ? lane % blocks : (lane % LANES) * (blocks / LANES);
    }
}
