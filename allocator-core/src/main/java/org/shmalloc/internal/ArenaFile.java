package org.shmalloc.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.shmalloc.ShmConfig;
import org.shmalloc.ShmFormatException;

/**
 * Creates, attaches to and maps an arena file ({@link ArenaLayout}). The creator makes the file
 * with {@code O_CREAT|O_EXCL} and without following symlinks, sizes it in one write, reserves the
 * NULL unit, writes the header and publishes the ready word last with a release store. Attachers
 * wait, bounded, for that word and then check every header field before they use anything.
 */
public final class ArenaFile implements AutoCloseable {

    /** How long an attacher waits for a creator to publish, in milliseconds. */
    public static final long ATTACH_TIMEOUT_MILLIS = Long.getLong("shmalloc.attachTimeoutMillis", 10_000);

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle READY_WORD = ValueLayout.JAVA_LONG.varHandle();
    private static final long MIN_FILE_SIZE = 3L * ArenaLayout.PAGE;

    public final Path path;
    public final ArenaLayout layout;
    /** The whole file; data starts at offset 0. */
    public final MemorySegment mapping;
    public final WordStore tree;
    private final Arena arena;

    private ArenaFile(Path path, ArenaLayout layout, Arena arena, MemorySegment mapping) {
        this.path = path;
        this.layout = layout;
        this.arena = arena;
        this.mapping = mapping;
        this.tree = new SegmentWordStore(mapping.asSlice(layout.treeOffset, layout.treeBytes));
    }

    /** Creates the file with {@code config}, or attaches to it if it exists with the same config. */
    public static ArenaFile open(Path path, ShmConfig config, Set<PosixFilePermission> permissions)
            throws IOException {
        ArenaLayout layout = new ArenaLayout(config);
        FileChannel channel;
        try {
            channel = FileChannel.open(path, Set.<java.nio.file.OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                    PosixFilePermissions.asFileAttribute(permissions));
        } catch (FileAlreadyExistsException exists) {
            ArenaFile attached = attach(path);
            if (!attached.layout.config.equals(config)) {
                attached.close();
                throw new ShmFormatException(path, "holds an arena of " + attached.layout.config + ", not the requested "
                        + config);
            }
            return attached;
        }
        try (channel) {
            return create(path, channel, layout, permissions);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    private static ArenaFile create(Path path, FileChannel channel, ArenaLayout layout,
                                    Set<PosixFilePermission> permissions) throws IOException {
        if (!permissions.equals(PosixFilePermissions.fromString("rw-------"))) {
            Files.setPosixFilePermissions(path, permissions); // the umask may have narrowed them
        }
        channel.write(ByteBuffer.wrap(new byte[1]), layout.fileSize - 1); // sparse: the full size in one step
        Arena arena = Arena.ofShared();
        ArenaFile file = new ArenaFile(path, layout, arena,
                channel.map(FileChannel.MapMode.READ_WRITE, 0, layout.fileSize, arena));
        BuddyTree tree = new BuddyTree(layout.geometry, file.tree);
        long reserved = tree.allocate(0, new BuddyTree.Cursor(layout.geometry, 0));
        if (reserved != 0) {
            throw new IllegalStateException("could not reserve the NULL unit, got unit " + reserved);
        }
        MemorySegment header = file.header();
        long[] fields = headerFields(layout);
        header.set(INT, ArenaLayout.VERSION, ArenaLayout.LAYOUT_VERSION);
        header.set(INT, ArenaLayout.HEADER_SIZE, ArenaLayout.PAGE);
        header.set(INT, ArenaLayout.MIN_EXPONENT, layout.config.minExponent());
        header.set(INT, ArenaLayout.MAX_EXPONENT, layout.config.maxExponent());
        header.set(LONG, ArenaLayout.ARENA_BYTES, layout.config.arenaBytes());
        header.set(LONG, ArenaLayout.BLOCK_COUNT, layout.geometry.blockCount);
        header.set(LONG, ArenaLayout.WORDS_PER_BLOCK, layout.geometry.wordsPerBlock);
        header.set(LONG, ArenaLayout.TREE_OFFSET, layout.treeOffset);
        header.set(LONG, ArenaLayout.FILE_SIZE, layout.fileSize);
        header.set(LONG, ArenaLayout.CHECKSUM, ArenaLayout.checksum(fields));
        // NOTE: everything above must be visible before the ready word: release store, acquire load
        READY_WORD.setRelease(header, (long) ArenaLayout.READY, ArenaLayout.MAGIC);
        return file;
    }

    /** Attaches to an existing arena file, with the config stored in it. */
    public static ArenaFile attach(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new ShmFormatException(path, "is a directory, not an arena file");
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            long deadline = System.nanoTime() + ATTACH_TIMEOUT_MILLIS * 1_000_000;
            long size = channel.size();
            while (size == 0) { // a creator sizes the file in one step, from 0 to its full size
                waitForCreator(path, deadline, "is empty: not an arena file, or its creator died before sizing it");
                size = channel.size();
            }
            if (size < MIN_FILE_SIZE) {
                throw new ShmFormatException(path, "has " + size + " bytes, too small for an arena file (not an "
                        + "arena, or truncated)");
            }
            if (size % ArenaLayout.PAGE != 0) {
                throw new ShmFormatException(path, "size " + size + " is not a whole number of pages: not an arena "
                        + "file, or truncated");
            }
            Arena arena = Arena.ofShared();
            try {
                MemorySegment mapping = channel.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
                MemorySegment header = mapping.asSlice(size - ArenaLayout.PAGE, ArenaLayout.PAGE);
                long ready;
                while ((ready = (long) READY_WORD.getAcquire(header, (long) ArenaLayout.READY)) != ArenaLayout.MAGIC) {
                    if (ready != 0) {
                        throw new ShmFormatException(path, "no arena header at the end of the file (found 0x"
                                + Long.toHexString(ready) + "): not an arena file, or truncated");
                    }
                    waitForCreator(path, deadline, "was never published by its creator (it may have died while "
                            + "initialising; remove the file), or is truncated");
                }
                ArenaLayout layout = checkHeader(path, header, size);
                return new ArenaFile(path, layout, arena, mapping);
            } catch (IOException | RuntimeException | Error e) {
                arena.close();
                throw e;
            }
        }
    }

    private static ArenaLayout checkHeader(Path path, MemorySegment header, long size) throws ShmFormatException {
        int version = header.get(INT, ArenaLayout.VERSION);
        if (version != ArenaLayout.LAYOUT_VERSION) {
            throw new ShmFormatException(path, "layout version " + version + ", this library reads version "
                    + ArenaLayout.LAYOUT_VERSION);
        }
        int headerSize = header.get(INT, ArenaLayout.HEADER_SIZE);
        ShmConfig config;
        try {
            config = new ShmConfig(header.get(INT, ArenaLayout.MIN_EXPONENT), header.get(INT, ArenaLayout.MAX_EXPONENT),
                    header.get(LONG, ArenaLayout.ARENA_BYTES));
        } catch (IllegalArgumentException invalid) {
            throw new ShmFormatException(path, "header holds an invalid config: " + invalid.getMessage());
        }
        ArenaLayout layout = new ArenaLayout(config);
        long[] stored = {header.get(LONG, ArenaLayout.BLOCK_COUNT), header.get(LONG, ArenaLayout.WORDS_PER_BLOCK),
                header.get(LONG, ArenaLayout.TREE_OFFSET), header.get(LONG, ArenaLayout.FILE_SIZE)};
        long[] expected = {layout.geometry.blockCount, layout.geometry.wordsPerBlock, layout.treeOffset,
                layout.fileSize};
        if (headerSize != ArenaLayout.PAGE || !java.util.Arrays.equals(stored, expected)
                || header.get(LONG, ArenaLayout.CHECKSUM) != ArenaLayout.checksum(headerFields(layout))) {
            throw new ShmFormatException(path, "header fields disagree with its config " + config
                    + " (torn or corrupt header)");
        }
        if (layout.fileSize != size) {
            throw new ShmFormatException(path, "file has " + size + " bytes, its config " + config + " needs "
                    + layout.fileSize + " (truncated or extended)");
        }
        return layout;
    }

    private static long[] headerFields(ArenaLayout layout) {
        return new long[] {ArenaLayout.LAYOUT_VERSION, ArenaLayout.PAGE, layout.config.minExponent(),
                layout.config.maxExponent(), layout.config.arenaBytes(), layout.geometry.blockCount,
                layout.geometry.wordsPerBlock, layout.treeOffset, layout.fileSize};
    }

    /**
     * Sleeps a millisecond, or throws if the deadline passed or the file has not changed for longer
     * than the timeout (a creator that died long ago: no point in waiting).
     */
    private static void waitForCreator(Path path, long deadline, String problem) throws IOException {
        long idleMillis = System.currentTimeMillis()
                - Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toMillis();
        if (System.nanoTime() - deadline > 0 || idleMillis > ATTACH_TIMEOUT_MILLIS) {
            throw new ShmFormatException(path, problem);
        }
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for " + path + " to be initialised");
        }
    }

    /** Claims the next attach ordinal of this file (0 for the first process, then 1, 2, ...). */
    public long claimAttachOrdinal() {
        return (long) READY_WORD.getAndAdd(header(), (long) ArenaLayout.ATTACH_COUNT, 1L);
    }

    private MemorySegment header() {
        return mapping.asSlice(layout.headerOffset, ArenaLayout.PAGE);
    }

    /** The data region: offsets 0 .. dataBytes-1. */
    public MemorySegment data() {
        return mapping.asSlice(0, layout.dataBytes);
    }

    @Override
    public void close() {
        arena.close();
    }
}
