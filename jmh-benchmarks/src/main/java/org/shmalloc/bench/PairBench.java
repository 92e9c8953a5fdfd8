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
import org.shmalloc.bench.workload.SizeMix;

/**
 * A malloc immediately followed by its free, in an empty arena, one thread: the cost of the fast
 * path, per size class ({@code min}, {@code mid}, {@code max}) and for random sizes
 * ({@code uniform}, {@code paths}), for every size-class config and every peer. The {@code floor}
 * peer (two CAS on one mapped word) is the unit of the report's ratios.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {BenchJvm.NATIVE_ACCESS, BenchJvm.UNSAFE, BenchJvm.XMS, BenchJvm.XMX})
@State(Scope.Thread)
public class PairBench extends AllocatorState {

    @Param({"shm", "locked", "netty", "nettycache", "native", "floor"})
    public String impl;

    @Param({"5-10", "5-12", "4-8", "6-16", "3-19"})
    public String config;

    @Param({"256M"})
    public String arena;

    @Param({"min", "mid", "max", "uniform", "paths"})
    public String sizes;

    private Caller caller;
    private int[] table;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        open(impl, config, arena, 64);
        caller = allocator.caller();
        table = SizeMix.table(sizes, arenaParams, 1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        close();
    }

    @Benchmark
    public long pair() {
        int size = table[next++ & (SizeMix.TABLE - 1)];
        long handle = mustAllocate(caller.malloc(size), size);
        caller.free(handle);
        return handle;
    }
}
