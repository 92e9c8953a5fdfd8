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
import org.shmalloc.bench.workload.Filler;
import org.shmalloc.bench.workload.LiveSet;
import org.shmalloc.bench.workload.SizeMix;
import org.shmalloc.bench.workload.XorShift;

/**
 * The malloc+free pair in an arena already {@code level}% full ({@link Filler}): filled
 * {@code sequential}ly, or by {@code aging} (filled until nothing fits, then freed at random down
 * to the level). Defaults follow the C library's published figures: sizes uniform in 1..1024
 * (config 5-10), random. At 90-99% some mallocs fail: see the {@code failedMallocs} counter.
 * Bounded allocators only (an unbounded peer has no "full").
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {BenchJvm.NATIVE_ACCESS, BenchJvm.UNSAFE, BenchJvm.XMS, BenchJvm.XMX})
@State(Scope.Thread)
public class OccupancyBench extends AllocatorState {

    @Param({"shm", "locked"})
    public String impl;

    @Param({"5-10"})
    public String config;

    @Param({"256M"})
    public String arena;

    @Param({"uniform"})
    public String sizes;

    @Param({"0", "50", "90", "99"})
    public double level;

    @Param({"sequential", "aging"})
    public String fill;

    private Caller caller;
    private int[] table;
    private int next;
    private LiveSet live;

    @Setup(Level.Trial)
    public void setUp() {
        open(impl, config, arena, 0);
        caller = allocator.caller();
        table = SizeMix.table(sizes, arenaParams, 1);
        live = new LiveSet(1 << 16);
        Filler filler = new Filler(caller, arenaParams, SizeMix.table(sizes, arenaParams, 2));
        filler.fill(live, fill, level, new XorShift(3));
        System.out.printf("%n# arena filled (%s) to %.2f%% with %d allocations%n", fill, filler.percent(live),
                live.size());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (live != null) {
            Filler.freeAll(caller, live);
        }
        close();
    }

    @Benchmark
    public long pair(MallocOutcomes outcomes) {
        long handle = outcomes.count(caller.malloc(table[next++ & (SizeMix.TABLE - 1)]));
        if (handle != 0) {
            caller.free(handle);
        }
        return handle;
    }
}
