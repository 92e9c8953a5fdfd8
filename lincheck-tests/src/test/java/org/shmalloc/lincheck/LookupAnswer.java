package org.shmalloc.lincheck;

/**
 * Answer of a lookup: which offset it chose from the ledger ({@code at}, or {@link #NOTHING} when
 * the ledger was empty) and the size class the allocator reported there, or a negative code
 * ({@code BuddyTree.NOT_ALLOCATED}, {@code INTERIOR}; {@link FreeAnswer#REJECTED} at the
 * {@code ShmAllocator} level, whose usableSize throws on both).
 */
record LookupAnswer(long at, int result) {

    static final long NOTHING = -1;

    static LookupAnswer nothing() {
        return new LookupAnswer(NOTHING, 0);
    }
}
