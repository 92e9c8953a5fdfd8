package org.shmalloc.lincheck;

/**
 * Answer of a free: which offset it chose from the ledger ({@code at}, or {@link #NOTHING} when
 * the ledger had no live entry) and what the allocator said ({@code result}: the freed size class,
 * or a negative code of {@code BuddyTree}; {@link #RELEASED}/{@link #REJECTED} at the
 * {@code ShmAllocator} level, whose free returns nothing and throws on misuse).
 */
record FreeAnswer(long at, int result) {

    static final long NOTHING = -1;
    static final int RELEASED = 100;
    static final int REJECTED = -100;

    static FreeAnswer nothing() {
        return new FreeAnswer(NOTHING, 0);
    }
}
