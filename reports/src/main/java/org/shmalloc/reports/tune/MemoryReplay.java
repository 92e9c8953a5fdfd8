package org.shmalloc.reports.tune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.shmalloc.ShmAllocator;
import org.shmalloc.ShmStats;
import org.shmalloc.internal.ArenaLayout;

/**
 * The memory half of a candidate's measurement, on the real {@link ShmAllocator} over a fresh
 * arena file of the candidate's config (in {@code dir}, normally /dev/shm), one thread:
 * <ol>
 *   <li>fill: malloc the workload's requests in order until the first malloc fails (requests
 *       larger than the largest block are skipped: dropped). A buddy allocator that only
 *       allocates packs the arena to its last block, so this shows rounding up (internal
 *       fragmentation) and, with the file size, metadata, but no external fragmentation;</li>
 *   <li>churn, {@code rounds} times: free a random half of the live allocations, then fill again
 *       until a malloc fails, and note the user bytes held then. Frees leave holes of mixed
 *       sizes, so a large request can fail while much of the arena is free (external
 *       fragmentation): the steady state of a program that frees and allocates. Where one
 *       round's failure happens depends on a few unlucky requests (it moves by a few points
 *       with the seed), so the figure is the mean over the rounds (a few tenths of a point
 *       between seeds with 8 rounds).</li>
 * </ol>
 * The allocator is deterministic on one thread in a fresh file, and the requests and the choice
 * of frees come from {@code seed}, so the figures are too. Every live allocation is held in
 * arrays (12 bytes each): mind the arena size with very small requests.
 */
public final class MemoryReplay {

    /** Churn rounds after the first fill. */
    public static final int DEFAULT_ROUNDS = 8;

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final ShmAllocator allocator;
    private final Workload.RequestStream requests;
    private final long maxBytes;
    private final long maxDraws;
    private long[] offsets = new long[1 << 12];
    private int[] sizes = new int[1 << 12];
    private int live;
    private long user;
    private long served;
    private boolean filled = true;

    private MemoryReplay(ShmAllocator allocator, Workload.RequestStream requests, long maxBytes, long maxDraws) {
        this.allocator = allocator;
        this.requests = requests;
        this.maxBytes = maxBytes;
        this.maxDraws = maxDraws;
    }

    public static MemoryMetrics run(Candidate candidate, Workload workload, long seed, int rounds, Path dir)
            throws IOException {
        ArenaLayout layout = candidate.layout();
        long maxBytes = 1L << candidate.maxExponent();
        double dropped = workload.fractionAbove(maxBytes);
        Path file = dir.resolve("shm-tune-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet()
                + "-" + candidate.label() + ".arena");
        Files.deleteIfExists(file);
        try (ShmAllocator allocator = ShmAllocator.open(file, candidate.config())) {
            long capacity = allocator.stats().capacityBytes();
            if (dropped >= 1) {
                return new MemoryMetrics(0, 0, capacity, layout.fileSize, layout.metadataBytes(), 0, dropped, false,
                        new long[0]);
            }
            // a fill serves at most capacity/min requests and draws 1/(1 - dropped) times as many; a
            // workload of more than 99% drops is cut at 100 times (the fill is then not 'filled')
            long maxDraws = 1_000_000 + (long) (4.0 * (capacity >>> candidate.minExponent())
                    * Math.min(100, 1 / (1 - dropped)));
            MemoryReplay replay = new MemoryReplay(allocator, workload.requests(seed), maxBytes, maxDraws);
            replay.fill();
            ShmStats first = allocator.stats();
            long firstUser = replay.user;
            long firstServed = replay.served;
            long[] churn = new long[rounds];
            SplittableRandom frees = new SplittableRandom(seed ^ 0x5DEE_CE66_DL);
            for (int r = 0; r < rounds; r++) {
                replay.freeHalf(frees);
                replay.fill();
                churn[r] = replay.user;
            }
            return new MemoryMetrics(firstUser, first.usedBytes(), first.capacityBytes(), layout.fileSize,
                    layout.metadataBytes(), firstServed, dropped, replay.filled, churn);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Mallocs the next requests until one fails. */
    private void fill() {
        for (long draws = 0; ; draws++) {
            if (draws == maxDraws) {
                filled = false;
                return;
            }
            long size = requests.next();
            if (size > maxBytes) {
                continue;
            }
            long offset = allocator.malloc(size);
            if (offset == ShmAllocator.NULL) {
                return;
            }
            if (live == offsets.length) {
                offsets = Arrays.copyOf(offsets, live * 2);
                sizes = Arrays.copyOf(sizes, live * 2);
            }
            offsets[live] = offset;
            sizes[live++] = (int) size;
            user += size;
            served++;
        }
    }

    /** Frees each live allocation with probability 1/2. */
    private void freeHalf(SplittableRandom random) {
        int kept = 0;
        for (int i = 0; i < live; i++) {
            if (random.nextBoolean()) {
                allocator.free(offsets[i]);
                user -= sizes[i];
            } else {
                offsets[kept] = offsets[i];
                sizes[kept++] = sizes[i];
            }
        }
        live = kept;
    }
}
