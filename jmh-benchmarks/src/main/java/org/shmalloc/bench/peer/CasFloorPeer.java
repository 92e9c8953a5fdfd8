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
 */
public final class CasFloorPeer implements BenchAllocator {

    /** Words per caller: one 64-byte cache line (two, against adjacent-line prefetch). */
    private static final int STRIDE_WORDS = 16;
    public static final int MAX_CALLERS = 256;
    private static final long FILE_BYTES = (long) STRIDE_WORDS * Long.BYTES * MAX_CALLERS;
    private static final VarHandle WORD = ValueLayout.JAVA_LONG.varHandle();

    private final Arena arena = Arena.ofShared();
    private final MemorySegment words;
    private final Path file;
    private final boolean owner;
    private final AtomicInteger nextCaller;

    CasFloorPeer() throws IOException {
        this(ArenaFiles.newPath("floor.words"), 0, true);
    }

    /**
     * Maps {@code file} (created if absent); callers take words from {@code firstCaller} on, so that
     * processes sharing the file can each start at a different word.
     */
    public CasFloorPeer(Path file, int firstCaller, boolean owner) throws IOException {
        this.file = file;
        this.owner = owner;
        this.nextCaller = new AtomicInteger(firstCaller);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            if (channel.size() < FILE_BYTES) {
                channel.write(java.nio.ByteBuffer.wrap(new byte[1]), FILE_BYTES - 1);
            }
            this.words = channel.map(FileChannel.MapMode.READ_WRITE, 0, FILE_BYTES, arena);
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
        long offset = (long) index * STRIDE_WORDS * Long.BYTES;
        MemorySegment w = words;
        return new Caller() {
            @Override
            public long malloc(long size) {
                return WORD.compareAndSet(w, offset, 0L, 1L) ? offset + 1 : 0;
            }

            @Override
            public void free(long handle) {
                if (!WORD.compareAndSet(w, handle - 1, 1L, 0L)) {
                    throw new IllegalStateException("floor word at " + (handle - 1) + " was not set");
                }
            }
        };
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
