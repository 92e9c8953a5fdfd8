package org.shmalloc.bench.peer;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

import org.shmalloc.bench.workload.ArenaFiles;

/**
 * The floor: the least any allocator whose state lives in shared memory can do per malloc/free
 * pair, namely one CAS that sets a mapped word (malloc) and one that clears it (free). Each caller
 * owns one word on its own cache line, so callers never contend; a caller holds at most one
 * handle (a second malloc before the free returns 0). Every other score is also reported as a
 * ratio to this one, measured in the same run, which cancels most of the machine's noise.
 *
 * <p>With a table of words per caller ({@code floortable}: at least {@link #TABLE_WORDS}, more when
 * more allocations may be live), packed eight to a cache line, a malloc sets the caller's next
 * clear word in turn, so a caller may hold as many handles as it has words. That is the floor
 * with many allocations live:
 * <ul>
 *   <li>with cross-thread frees (one thread allocating, another freeing) each word's cache line
 *       moves between the two cores: the ceiling that moving puts on any allocator that records
 *       an allocation in a shared word;</li>
 *   <li>under churn (frees at random among many live allocations) each free clears a word
 *       anywhere in the table, most likely not in cache: what a cache miss per free costs an
 *       allocator whose metadata is as small as one word per allocation.</li>
 * </ul>
 *
 * <p>{@code floorpadded} is {@code floortable} with {@link #PADDED_ROUNDS} rounds of arithmetic
 * after each free, so that its operation takes about as long as the allocator's pair. Under
 * churn it tells how much of the allocator's loss to cache misses a one-word allocator would
 * share only by being as slow: a core overlaps the misses of a short operation with the next
 * one's more easily than those of a long one.
 */
public final class CasFloorPeer implements BenchAllocator {

    /** Words between two callers' first words: at least one 64-byte cache line (two, against adjacent-line prefetch). */
    private static final int STRIDE_WORDS = 16;
    /** Least words per caller of {@code floortable}: more than the cross-thread benchmark keeps in flight. */
    static final int TABLE_WORDS = 2048;
    /** Rounds of a dependent multiply-xorshift chain after each free of {@code floorpadded}: about 40 ns here. */
    static final int PADDED_ROUNDS = 40;
    public static final int MAX_CALLERS = 256;
    private static final VarHandle WORD = ValueLayout.JAVA_LONG.varHandle();

    private final Arena arena = Arena.ofShared();
    private final MemorySegment words;
    private final Path file;
    private final boolean owner;
    private final AtomicInteger nextCaller;
    private final int wordsPerCaller;
    private final int paddingRounds;
    private final long strideBytes;

    /** Words per caller of a {@code floortable} that may hold {@code maxLive} handles: a power of two. */
    static int tableWords(long maxLive) {
        long words = Math.max(TABLE_WORDS, Long.highestOneBit(Math.max(1, maxLive - 1)) << 1);
        if (words > 1 << 26) {
            throw new IllegalArgumentException("a floor table for " + maxLive + " live handles is too large");
        }
        return (int) words;
    }

    /**
     * A floor of {@code wordsPerCaller} words per caller (1, or a table), over a new file, whose
     * table frees run {@code paddingRounds} rounds of arithmetic.
     */
    CasFloorPeer(int wordsPerCaller, int paddingRounds) throws IOException {
        this(ArenaFiles.newPath("floor.words"), 0, true, wordsPerCaller, paddingRounds);
    }

    /**
     * Maps {@code file} (created if absent), one word per caller; callers take words from
     * {@code firstCaller} on, so that processes sharing the file can each start at a different word.
     */
    public CasFloorPeer(Path file, int firstCaller, boolean owner) throws IOException {
        this(file, firstCaller, owner, 1, 0);
    }

    private CasFloorPeer(Path file, int firstCaller, boolean owner, int wordsPerCaller, int paddingRounds)
            throws IOException {
        if (Integer.bitCount(wordsPerCaller) != 1) {
            throw new IllegalArgumentException("words per caller must be a power of two, got " + wordsPerCaller);
        }
        this.file = file;
        this.owner = owner;
        this.nextCaller = new AtomicInteger(firstCaller);
        this.wordsPerCaller = wordsPerCaller;
        this.paddingRounds = paddingRounds;
        this.strideBytes = (long) Math.max(STRIDE_WORDS, wordsPerCaller) * Long.BYTES;
        long fileBytes = strideBytes * MAX_CALLERS; // sparse: only the pages of callers' words are touched
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            if (channel.size() < fileBytes) {
                channel.write(java.nio.ByteBuffer.wrap(new byte[1]), fileBytes - 1);
            }
            this.words = channel.map(FileChannel.MapMode.READ_WRITE, 0, fileBytes, arena);
        }
        if (owner) {
            file.toFile().deleteOnExit();
        }
    }

    @Override
    public Caller caller() {
        int index = nextCaller.getAndIncrement();
        if (index >= MAX_CALLERS) {
            throw new IllegalStateException("more than " + MAX_CALLERS + " floor callers");
        }
        long base = index * strideBytes;
        MemorySegment w = words;
        if (wordsPerCaller == 1) {
            return new Caller() {
                @Override
                public long malloc(long size) {
                    return set(w, base);
                }

                @Override
                public void free(long handle) {
                    clear(w, handle);
                }
            };
        }
        int mask = wordsPerCaller - 1;
        int rounds = paddingRounds;
        return new Caller() {
            private int next;
            private long padding; // the chain's result, kept so that the JIT cannot drop it

            @Override
            public long malloc(long size) {
                // the next clear word in turn: a free may clear any word of the table
                for (int probes = 0; probes <= mask; probes++) {
                    long handle = set(w, base + (long) (next++ & mask) * Long.BYTES);
                    if (handle != 0) {
                        return handle;
                    }
                }
                return 0;
            }

            @Override
            public void free(long handle) {
                clear(w, handle);
                if (rounds > 0) {
                    padding = pad(handle ^ padding, rounds);
                }
            }
        };
    }

    /** {@code rounds} rounds of arithmetic, each depending on the last. */
    private static long pad(long x, int rounds) {
        for (int i = 0; i < rounds; i++) {
            x = x * 0x9E37_79B9_7F4A_7C15L + i;
            x ^= x >>> 29;
        }
        return x;
    }

    /** Sets the word at {@code offset} if it is clear: its handle, or 0 (already set, a failed malloc). */
    private static long set(MemorySegment words, long offset) {
        return WORD.compareAndSet(words, offset, 0L, 1L) ? offset + 1 : 0;
    }

    /** Clears the word of {@code handle}, which must be set. */
    private static void clear(MemorySegment words, long handle) {
        if (!WORD.compareAndSet(words, handle - 1, 1L, 0L)) {
            throw new IllegalStateException("floor word at " + (handle - 1) + " was not set");
        }
    }

    @Override
    public boolean bounded() {
        return false;
    }

    @Override
    public void close() {
        arena.close();
        if (owner) {
            ArenaFiles.delete(file);
        }
    }
}
