package org.shmalloc.jcstress.arena;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Fresh, zeroed slices of one file-mapped region, handed out round-robin: the memory of the test
 * states.
 *
 * <p>jcstress builds a new {@code @State} object for every sample, so mapping a file per state
 * would measure {@code mmap}, not the allocator. Each test JVM instead maps one file in
 * {@code /dev/shm} per slice size, once, and unlinks it at once: the shared mapping stays valid, and
 * nothing is left behind if the JVM dies. A state takes the next slice and zeroes it.
 *
 * <h2>Why no two live states share a slice</h2>
 * A state is live from its constructor until its arbiter returns. jcstress 0.16 keeps
 * {@code strideSize x strideCount} states (256 x 40 = 10,240 by default, the most any mode preset
 * uses) in one array and replaces each one, after its arbiter, by a new one; its resource estimator
 * builds at most that many. The ring has at least {@link #MIN_SLICES} slices (1.6 times that), and
 * 32,768 (3.2 times) when they are small. Each slice records the ticket of the state that took it
 * last; {@link Slice#checkOwned()} (called by every arbiter) throws if another state took the slice
 * meanwhile, so a run with larger stride settings than the ring allows fails loudly instead of
 * mixing two samples. Override with {@code -Dshmalloc.jcstress.ringSlices=N}.
 */
public final class SliceRing {

    /** Slices start on cache-line boundaries: states do not share lines with their neighbours' words. */
    public static final long ALIGNMENT = 64;
    /** 1.6 x jcstress' default maximum of live states (10,240). */
    public static final int MIN_SLICES = 16_384;
    public static final int MAX_SLICES = 32_768;
    /** Above this, rings of large slices keep {@link #MIN_SLICES}. */
    private static final long RING_BYTES_BUDGET = 512L << 20;

    private static final ConcurrentHashMap<Long, SliceRing> RINGS = new ConcurrentHashMap<>();

    private final MemorySegment mapping;
    private final long sliceBytes;
    private final int slices;
    private final AtomicLong nextTicket = new AtomicLong();
    /** owners[i]: the ticket of the state that took slice i last. */
    private final AtomicLongArray owners;

    private SliceRing(long sliceBytes) {
        this.sliceBytes = sliceBytes;
        this.slices = sliceCount(sliceBytes);
        this.owners = new AtomicLongArray(slices);
        for (int i = 0; i < slices; i++) {
            owners.set(i, -1);
        }
        this.mapping = mapUnlinked(directory(), sliceBytes * slices);
    }

    /** The ring of this JVM for slices of {@code sliceBytes} (a multiple of {@link #ALIGNMENT}). */
    public static SliceRing of(long sliceBytes) {
        if (sliceBytes <= 0 || sliceBytes % ALIGNMENT != 0) {
            throw new IllegalArgumentException("slice size must be a positive multiple of " + ALIGNMENT + ": "
                    + sliceBytes);
        }
        return RINGS.computeIfAbsent(sliceBytes, SliceRing::new);
    }

    /** The next slice, zeroed. Thread-safe: jcstress builds states on several threads at once. */
    public Slice take() {
        long ticket = nextTicket.getAndIncrement();
        int index = (int) (ticket % slices);
        owners.set(index, ticket);
        MemorySegment memory = mapping.asSlice(index * sliceBytes, sliceBytes);
        memory.fill((byte) 0);
        return new Slice(index, ticket, memory);
    }

    public int slices() {
        return slices;
    }

    private static int sliceCount(long sliceBytes) {
        Integer forced = Integer.getInteger("shmalloc.jcstress.ringSlices");
        if (forced != null) {
            return forced;
        }
        return (int) Math.clamp(RING_BYTES_BUDGET / sliceBytes, MIN_SLICES, MAX_SLICES);
    }

    /** The directory for ring files and other test files: /dev/shm (tmpfs) unless overridden. */
    public static Path directory() {
        String configured = System.getProperty("shmalloc.jcstress.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static MemorySegment mapUnlinked(Path directory, long bytes) {
        Path file = directory.resolve("shmalloc-jcstress-" + ProcessHandle.current().pid() + "-"
                + System.nanoTime() + ".ring");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            try {
                channel.write(ByteBuffer.wrap(new byte[1]), bytes - 1); // sparse: pages appear when touched
                // mapped for the JVM's lifetime: states live until the JVM exits
                return channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes, Arena.global());
            } finally {
                Files.delete(file); // the mapping keeps the memory; the name is not needed
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map " + bytes + " bytes in " + directory, e);
        }
    }

    /** One state's slice: its memory and the ticket that owns it. */
    public final class Slice {
        private final int index;
        private final long ticket;
        public final MemorySegment memory;

        private Slice(int index, long ticket, MemorySegment memory) {
            this.index = index;
            this.ticket = ticket;
            this.memory = memory;
        }

        /** Throws if a later state took this slice while this one was still live (the ring is too small). */
        public void checkOwned() {
            long owner = owners.get(index);
            if (owner != ticket) {
                throw new IllegalStateException("slice " + index + " of the ring (" + slices + " slices of "
                        + sliceBytes + " bytes) was taken by state #" + owner + " while state #" + ticket
                        + " still used it: more states are live than the ring holds; raise "
                        + "-Dshmalloc.jcstress.ringSlices or lower -strideSize/-strideCount");
            }
        }
    }
}
