/**
 * What every jcstress test here runs on: a tiny arena ({@link org.shmalloc.jcstress.arena.MiniArena})
 * in a fresh slice of one file mapped from {@code /dev/shm} ({@link org.shmalloc.jcstress.arena.SliceRing}),
 * the real {@code BuddyTree} (or a broken subclass) over a {@code SegmentWordStore} on it, and the
 * arbiter's check of the final words and of the space summary over them
 * ({@link org.shmalloc.jcstress.arena.Audit}, {@link org.shmalloc.jcstress.arena.SummaryWords}).
 *
 * <p>Result strings: an allocation is its byte offset in the arena's data region or {@code NULL};
 * a free is {@code free:c} (a block of class c was freed) or the error code
 * ({@code NOT_ALLOCATED}, {@code INTERIOR}, {@code CORRUPT}); the arbiter's verdict is {@code ok}
 * or the first problem it found.
 */
package org.shmalloc.jcstress.arena;
