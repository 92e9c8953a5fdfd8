package org.shmalloc;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

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
        long pid = ProcessHandle.current().pid();
        // threads start in different blocks, so that they do not contend on one word
        this.cursors = ThreadLocal.withInitial(() -> new BuddyTree.Cursor(geometry,
                Math.floorMod(mix(Thread.currentThread().threadId() * 31 + pid), geometry.blockCount)));
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
        long unit = tree.allocate(geometry.classOf(size), cursors.get());
        return unit < 0 ? NULL : unit << minExponent;
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
            data.asSlice(offset, usableSize(offset)).fill((byte) 0);
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
        int result = tree.free(offset >>> minExponent);
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
        int sizeClass = tree.lookup(offset >>> minExponent);
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
        TreeCensus census = TreeCensus.of(geometry, file.tree);
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
        TreeCensus census = TreeCensus.of(geometry, file.tree);
        long faults = census.faults();
        java.util.List<String> problems = new java.util.ArrayList<>(census.faultSamples());
        if (tree.lookup(0) != 0) {
            faults++;
            problems.add("the NULL unit at offset 0 is not reserved");
        }
        return new ShmVerification(faults, problems, stats(), census.pinsInProgress(), census.mergesInProgress(),
                census.stalePins(), file.layout.metadataBytes(), file.layout.fileSize);
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

    private static long mix(long x) {
        x = (x ^ (x >>> 33)) * 0xFF51_AFD7_ED55_8CCDL;
        x = (x ^ (x >>> 33)) * 0xC4CE_B9FE_1A85_EC53L;
        return x ^ (x >>> 33);
    }
}
