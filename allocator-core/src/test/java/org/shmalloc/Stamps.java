package org.shmalloc;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A stamp is one long written at the start of every minimum-size unit of an allocation. Every
 * block is made of whole units, so two overlapping allocations share at least one unit start and
 * the later writer breaks the other's stamp there.
 */
final class Stamps {

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    private Stamps() {
    }

    static void write(MemorySegment block, long unit, long stamp) {
        for (long at = 0; at < block.byteSize(); at += unit) {
            block.set(LONG, at, stamp);
        }
    }

    /** Byte offset in {@code block} of the first unit whose stamp is not {@code stamp}, or -1. */
    static long firstMismatch(MemorySegment block, long unit, long stamp) {
        for (long at = 0; at < block.byteSize(); at += unit) {
            if (block.get(LONG, at) != stamp) {
                return at;
            }
        }
        return -1;
    }

    static long read(MemorySegment block, long at) {
        return block.get(LONG, at);
    }
}
