package org.shmalloc.bench.workload;

import org.shmalloc.bench.peer.BenchAllocator.Caller;

/**
 * Brings an arena to an occupancy level before a benchmark measures it (the bytes in allocated
 * blocks, as a fraction of {@link ArenaParams#capacity()}):
 * <ul>
 *   <li><b>sequential</b>: allocate sizes from the mix until the level is reached;</li>
 *   <li><b>aging</b>: allocate until nothing fits at all, then free allocations chosen at random
 *       until the level is reached, leaving holes all over the arena.</li>
 * </ul>
 * When a request fails, later requests are drawn below the failed block size (reduced modulo the
 * cap), so the fill ends after at most one failure per size class rather than after thousands of
 * failed searches.
 */
public final class Filler {

    private final Caller caller;
    private final ArenaParams arena;
    private final int[] sizes;
    private int next;

    public Filler(Caller caller, ArenaParams arena, int[] sizes) {
        this.caller = caller;
        this.arena = arena;
        this.sizes = sizes;
    }

    /** Fills {@code live} by {@code method} ("sequential" or "aging") to {@code percent} of capacity. */
    public void fill(LiveSet live, String method, double percent, XorShift random) {
        long target = (long) (arena.capacity() * percent / 100.0);
        switch (method) {
            case "sequential" -> allocateUpTo(live, target);
            case "aging" -> {
                allocateUpTo(live, Long.MAX_VALUE);
                freeDownTo(live, target, random);
            }
            default -> throw new IllegalArgumentException("fill must be sequential or aging, got " + method);
        }
    }

    /** Allocates until {@code live} holds {@code target} bytes or not even the smallest block fits. */
    public void allocateUpTo(LiveSet live, long target) {
        long cap = arena.maxBytes();
        while (live.usedBytes() < target) {
            long size = sizes[next++ & (sizes.length - 1)];
            if (size > cap) {
                size = 1 + (size - 1) % cap;
            }
            long handle = caller.malloc(size);
            long block = arena.blockBytes(size);
            if (handle != 0) {
                live.add(handle, block);
            } else if (block <= arena.minBytes()) {
                return; // nothing fits
            } else {
                cap = block / 2;
            }
        }
    }

    /** Frees allocations chosen at random until {@code live} holds at most {@code target} bytes. */
    public void freeDownTo(LiveSet live, long target, XorShift random) {
        while (live.usedBytes() > target && live.size() > 0) {
            caller.free(live.removeAt(random.nextInt(live.size())));
        }
    }

    /** Frees everything in {@code live}. */
    public static void freeAll(Caller caller, LiveSet live) {
        while (live.size() > 0) {
            caller.free(live.removeAt(live.size() - 1));
        }
    }

    /** The occupancy of {@code live} in percent of capacity. */
    public double percent(LiveSet live) {
        return 100.0 * live.usedBytes() / arena.capacity();
    }
}
