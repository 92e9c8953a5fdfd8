package org.shmalloc.lincheck;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import org.jetbrains.lincheck.datastructures.Validate;
import org.shmalloc.ShmAllocator;
import org.shmalloc.ShmStats;
import org.shmalloc.ShmVerification;

/**
 * The operations Lincheck runs on a real {@link ShmAllocator} (a fresh arena file per test
 * instance): the public API, offsets in bytes, NULL = 0, offset 0 reserved. Stress only: the words
 * are in a mapped file, which the model checker cannot see.
 *
 * <p>Every block handed out is filled with a byte pattern of its offset, and calloc first checks
 * that its block reads as zero (a block freed with a pattern in it must come back zeroed; an
 * overlapping live block would break either check). {@link #validate()} checks the quiescent arena:
 * verify() finds no fault, stats() counts what the ledger holds, each live block has its pattern
 * and its usable size.
 */
public abstract class ShmOperations {

    private final ArenaShape shape;
    private final ShmAllocator allocator;
    private final Ledger ledger = new Ledger();

    protected ShmOperations(ArenaShape shape) {
        this.shape = shape;
        this.allocator = FreshArenas.next(shape.config());
    }

    protected long allocate(int sizeClass) {
        long mark = ledger.frees();
        long offset = allocator.malloc(1L << (sizeClass + shape.minExponent()));
        if (offset != ShmAllocator.NULL) {
            handOut(offset, sizeClass, mark);
        }
        return offset;
    }

    /** The offset, or a String saying which bytes were not zero (never an answer the model gives). */
    protected Object allocateElements(int count, int sizeClass) {
        long size = shape.callocElementBytes(count, sizeClass);
        long mark = ledger.frees();
        long offset = allocator.calloc(count, size);
        if (offset == ShmAllocator.NULL) {
            return offset;
        }
        int blockClass = ArenaModel.classFor(count * size, shape.minExponent(), shape.depth());
        try {
            MemorySegment block = allocator.segment(offset);
            long dirty = block.asSlice(0, count * size).mismatch(MemorySegment.ofArray(new byte[Math.toIntExact(count * size)]));
            if (dirty >= 0 && !ledger.freedSince(offset, mark)) {
                return "calloc returned " + offset + " with a non-zero byte at +" + dirty;
            }
            block.fill(pattern(offset));
        } catch (IllegalArgumentException freedMeanwhile) {
            excuse(offset, mark, freedMeanwhile);
        }
        ledger.returned(offset, blockClass);
        return offset;
    }

    protected FreeAnswer freeEntry(int k) {
        Ledger.Entry entry = ledger.live(k);
        if (entry == null) {
            return FreeAnswer.nothing();
        }
        try {
            allocator.free(entry.at());
        } catch (IllegalArgumentException rejected) {
            return new FreeAnswer(entry.at(), FreeAnswer.REJECTED);
        }
        ledger.freed(entry.at());
        return new FreeAnswer(entry.at(), FreeAnswer.RELEASED);
    }

    protected LookupAnswer lookupEntry(int k) {
        Ledger.Entry entry = ledger.any(k);
        if (entry == null) {
            return LookupAnswer.nothing();
        }
        try {
            long bytes = allocator.usableSize(entry.at());
            return new LookupAnswer(entry.at(), Long.numberOfTrailingZeros(bytes) - shape.minExponent());
        } catch (IllegalArgumentException rejected) {
            return new LookupAnswer(entry.at(), FreeAnswer.REJECTED);
        }
    }

    /**
     * Writes the allocation's pattern, then records it (so no other thread frees it before the
     * pattern is in). A free in another thread may still name this offset through an entry it read
     * before the previous allocation here was freed (a racing free frees whatever starts at the
     * offset now, by design: see {@link Ledger}); then the block is no longer ours to touch, and
     * the return is recorded all the same: validate() checks every offset's returns against its frees.
     */
    private void handOut(long offset, int sizeClass, long mark) {
        try {
            allocator.segment(offset).fill(pattern(offset));
        } catch (IllegalArgumentException freedMeanwhile) {
            excuse(offset, mark, freedMeanwhile);
        }
        ledger.returned(offset, sizeClass);
    }

    /**
     * A lookup of an offset just returned failed: legal only if a racing free of it is recorded
     * (the freeing thread records it right after its free returns: allow it a moment).
     */
    private void excuse(long offset, long mark, IllegalArgumentException failure) {
        long deadline = System.nanoTime() + 100_000_000L;
        while (!ledger.freedSince(offset, mark)) {
            if (System.nanoTime() > deadline) {
                throw failure;
            }
            Thread.yield();
        }
    }

    /** Odd, so never the zero calloc must return; differs between neighbouring blocks. */
    private byte pattern(long offset) {
        return (byte) (((offset >>> shape.minExponent()) << 1) | 1);
    }

    @Validate
    public void validate() {
        ShmVerification verification = allocator.verify();
        if (verification.faults() != 0) {
            throw new IllegalStateException(verification.faults() + " faults: " + verification.problems());
        }
        Map<Long, Set<Integer>> live = ledger.liveOffsets();
        ArenaModel disjoint = new ArenaModel(shape.depth(), shape.blocks());
        disjoint.reserve(0);
        long[] byClass = new long[shape.depth() + 1];
        for (Map.Entry<Long, Set<Integer>> offset : live.entrySet()) {
            long at = offset.getKey();
            long bytes = allocator.usableSize(at);
            int found = Long.numberOfTrailingZeros(bytes) - shape.minExponent();
            if (!offset.getValue().contains(found)) {
                throw new IllegalStateException("usableSize(" + at + ") = " + bytes + ", but a block of class "
                        + offset.getValue() + " was returned there and not freed");
            }
            if (!disjoint.canPlace(at >>> shape.minExponent(), found)) {
                throw new IllegalStateException("live block of class " + found + " at " + at
                        + " is misaligned or overlaps another: " + live);
            }
            disjoint.place(at >>> shape.minExponent(), found);
            MemorySegment block = allocator.segment(at);
            byte expected = pattern(at);
            for (long i = 0; i < bytes; i++) {
                if (block.get(ValueLayout.JAVA_BYTE, i) != expected) {
                    throw new IllegalStateException("live block of class " + found + " at " + at
                            + " was written by someone else at +" + i);
                }
            }
            byClass[found]++;
        }
        ShmStats stats = allocator.stats();
        if (!Arrays.equals(byClass, stats.liveByClass())) {
            throw new IllegalStateException("stats() counts " + Arrays.toString(stats.liveByClass())
                    + " live blocks per class, the returned-and-not-freed offsets are " + Arrays.toString(byClass));
        }
    }
}
