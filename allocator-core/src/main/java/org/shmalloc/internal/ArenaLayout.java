package org.shmalloc.internal;

import org.shmalloc.ShmConfig;

/**
 * Where everything is in an arena file. Data comes first so that allocation offsets are file
 * offsets, the same in every process, and aligned to their size; offset 0 (NULL) is the first unit
 * of block 0, reserved for good at creation.
 *
 * <pre>
 * 0                         treeOffset                       headerOffset        fileSize
 * +-------------------------+--------------------------------+-------------------+
 * | data: blockCount blocks | tree words: blockCount x       | header: one page  |
 * | of 2^maxExponent bytes  | wordsPerBlock x 8 bytes        |                   |
 * +-------------------------+--------------------------------+-------------------+
 *  (each region starts on a page boundary)
 *
 * header, offsets from headerOffset, little-endian:
 *    0  ready word    long  0 while initialising, MAGIC once published (release store)
 *    8  version       int   LAYOUT_VERSION
 *   12  header size   int   PAGE
 *   16  minExponent   int
 *   20  maxExponent   int
 *   24  arenaBytes    long  as configured
 *   32  blockCount    long
 *   40  wordsPerBlock long
 *   48  treeOffset    long
 *   56  fileSize      long
 *   64  checksum      long  of bytes 8..63
 *   72  attach count  long  incremented by every attach (spreads processes over the arena)
 * </pre>
 * The header sits at the end so that data can start at 0; an attacher finds it from the file size,
 * and a file of any other size has no valid header there.
 */
public final class ArenaLayout {

    /** "SHMALLOC" in ASCII. */
    public static final long MAGIC = 0x5348_4D41_4C4C_4F43L;
    public static final int LAYOUT_VERSION = 1;
    public static final int PAGE = 4096;

    public static final int READY = 0;
    public static final int VERSION = 8;
    public static final int HEADER_SIZE = 12;
    public static final int MIN_EXPONENT = 16;
    public static final int MAX_EXPONENT = 20;
    public static final int ARENA_BYTES = 24;
    public static final int BLOCK_COUNT = 32;
    public static final int WORDS_PER_BLOCK = 40;
    public static final int TREE_OFFSET = 48;
    public static final int FILE_SIZE = 56;
    public static final int CHECKSUM = 64;
    public static final int ATTACH_COUNT = 72;

    public final ShmConfig config;
    public final TreeGeometry geometry;
    public final long dataBytes;
    public final long treeOffset;
    public final long treeBytes;
    public final long headerOffset;
    public final long fileSize;

    public ArenaLayout(ShmConfig config) {
        this.config = config;
        this.geometry = new TreeGeometry(config.minExponent(), config.maxExponent(), config.blockCount());
        this.dataBytes = config.blockCount() << config.maxExponent();
        this.treeOffset = roundUpToPage(dataBytes);
        this.treeBytes = geometry.totalWords() * Long.BYTES;
        this.headerOffset = roundUpToPage(treeOffset + treeBytes);
        this.fileSize = headerOffset + PAGE;
    }

    /** Bytes in the file that are not data. */
    public long metadataBytes() {
        return fileSize - dataBytes;
    }

    public long unitBytes() {
        return 1L << config.minExponent();
    }

    private static long roundUpToPage(long bytes) {
        return (bytes + PAGE - 1) & -PAGE;
    }

    /** Checksum of the header fields after the ready word. */
    public static long checksum(long[] fields) {
        long h = 0x2545_F491_4F6C_DD1DL;
        for (long f : fields) {
            h = (h ^ f) * 0x9E37_79B9_7F4A_7C15L;
            h ^= h >>> 29;
        }
        return h;
    }
}
