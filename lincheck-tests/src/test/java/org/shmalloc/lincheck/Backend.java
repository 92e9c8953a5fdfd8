package org.shmalloc.lincheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.shmalloc.internal.AtomicWordStore;
import org.shmalloc.internal.SegmentWordStore;
import org.shmalloc.internal.WordStore;

/**
 * Where the tree words of a test instance live.
 * <ul>
 *   <li>{@link #ATOMIC_LONG_ARRAY}: for model checking. Lincheck's model checker switches threads at
 *       AtomicLongArray accesses, and does NOT at memory-segment VarHandle accesses (measured: a
 *       broken allocator over a segment passed model checking), so over a segment it would explore
 *       nothing.</li>
 *   <li>{@link #MAPPED_FILE}: for stress runs, the production store over a file mapped with
 *       {@code FileChannel.map(READ_WRITE, 0, size, Arena.ofShared())}, as ShmAllocator maps its
 *       arena. One mapping per size is made once (the file is unlinked right away, the mapping
 *       stays) and zeroed for each test instance: an all-zero tree is an empty arena.</li>
 * </ul>
 */
enum Backend {
    ATOMIC_LONG_ARRAY {
        @Override
        WordStore fresh(int words) {
            return new AtomicWordStore(words);
        }
    },
    MAPPED_FILE {
        @Override
        WordStore fresh(int words) {
            MemorySegment segment = MAPPINGS.computeIfAbsent(words, Backend::map);
            segment.fill((byte) 0);
            return new SegmentWordStore(segment);
        }
    };

    private static final Map<Integer, MemorySegment> MAPPINGS = new ConcurrentHashMap<>();

    /** A zeroed store of {@code words} words. */
    abstract WordStore fresh(int words);

    private static MemorySegment map(int words) {
        Path dir = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        try {
            Path file = Files.createTempFile(dir, "lincheck-words-", ".bin");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                return channel.map(FileChannel.MapMode.READ_WRITE, 0, (long) words * Long.BYTES, Arena.ofShared());
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map a word file in " + dir, e);
        }
    }
}
