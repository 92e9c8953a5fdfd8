package org.shmalloc.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.shmalloc.bench.peer.BenchAllocator.Caller;
import org.shmalloc.bench.workload.ArenaParams;
import org.shmalloc.bench.workload.Filler;
import org.shmalloc.bench.workload.LiveSet;
import org.shmalloc.bench.workload.SizeMix;
import org.shmalloc.bench.workload.XorShift;

/**
 * Steady churn at {@code level}% occupancy: each operation frees a live allocation chosen at
 * random (while the arena is at or above the level) and allocates a new random size, so the
 * arena stays near the level while its holes move everywhere. Level 0 is the empty-arena pair
 * measured through the same harness (its live set holds one allocation), so that the churn
 * levels can be read as ratios to it. Unlike {@link OccupancyBench}, the
 * freed block is rarely the one allocated next, so hints do not help much. {@code native} (C
 * {@code malloc}, which has no arena and so never fails here) holds the same live bytes: it shows
 * what this access pattern costs an allocator with per-size free lists; {@code floortable} (one word
 * per allocation, set by malloc and cleared by free) what it costs an allocator whose metadata
 * is one word per allocation: each free clears a word anywhere in a table of twice the live
 * allocations, which is rarely in cache. {@code floorpadded} is that floor with its operation
 * made about as long as the allocator's pair: what the same misses cost an operation that long.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {BenchJvm.NATIVE_ACCESS, BenchJvm.UNSAFE, BenchJvm.XMS, BenchJvm.XMX})
@State(Scope.Thread)
public class ChurnBench extends AllocatorState {

    @Param({"shm", "locked", "native", "floortable", "floorpadded"})
    public String impl;

    @Param({"5-10"})
    public String config;

    /**
     * 256M: the tree and summary words (8 MiB in (5,10)) and the live set outgrow a core's 2 MiB
     * L2, so a free at random mostly misses it. 16M: they fit in it, which leaves the allocator's
     * own work under churn.
     */
    @Param({"256M", "16M"})
    public String arena;

    @Param({"uniform"})
    public String sizes;

    /** 0: one allocation live, freed and replaced each operation (the empty-arena pair, through this harness). */
    @Param({"0", "10", "50", "80"})
    public double level;

    private Caller caller;
    private int[] table;
    private int next;
    private LiveSet live;
    private long target;
    private XorShift random;

    @Setup(Level.Trial)
    public void setUp() {
        ArenaParams params = ArenaParams.of(config, arena);
        table = SizeMix.table(sizes, params, 1);
        target = (long) (params.capacity() * level / 100.0);
        open(impl, config, arena, 2 * liveAt(target, params) + 1024);
        caller = allocator.caller();
        live = new LiveSet(1 << 16);
        random = new XorShift(5);
        new Filler(caller, arenaParams, SizeMix.table(sizes, arenaParams, 2)).allocateUpTo(live, target);
    }

    /** About how many allocations of this mix hold {@code bytes} (what the unbounded peers size their tables by). */
    private long liveAt(long bytes, ArenaParams params) {
        long total = 0;
        for (int size : table) {
            total += params.blockBytes(size);
        }
        return bytes / Math.max(1, total / table.length);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (live != null) {
            System.out.printf("%n# churn ended at %.2f%% occupancy, %d allocations%n",
                    100.0 * live.usedBytes() / arenaParams.capacity(), live.size());
        }
        if (live != null) {
            Filler.freeAll(caller, live);
        }
        close();
    }

    @Benchmark
    public long churn(MallocOutcomes outcomes) {
        if (live.usedBytes() >= target && live.size() > 0) {
            caller.free(live.removeAt(random.nextInt(live.size())));
        }
        int size = table[next++ & (SizeMix.TABLE - 1)];
        long handle = outcomes.count(caller.malloc(size));
        if (handle != 0) {
            live.add(handle, arenaParams.blockBytes(size));
        }
        return handle;
    }
}
