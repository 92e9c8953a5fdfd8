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

/**
 * A malloc that finds no fit and returns NULL, and how its cost grows with the arena (64 MiB,
 * 1 GiB, 16 GiB; the large files are sparse: only tree words are touched). Two shapes:
 * <ul>
 *   <li>{@code full}: every unit allocated (mostly as whole max-size blocks); the request is the
 *       smallest size;</li>
 *   <li>{@code halfFree}: every max-size block holds one half-block allocation and half free
 *       space, so half the arena is free yet the request, a whole max-size block, fits nowhere.</li>
 * </ul>
 * The setup checks that the request really fails; a malloc that succeeds during the measurement
 * would be a broken setup, and fails the trial.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {BenchJvm.NATIVE_ACCESS, BenchJvm.UNSAFE, BenchJvm.XMS, BenchJvm.XMX})
@State(Scope.Thread)
public class FailedMallocBench extends AllocatorState {

    @Param({"shm", "locked"})
    public String impl;

    @Param({"5-12"})
    public String config;

    @Param({"64M", "1G", "16G"})
    public String arena;

    @Param({"full", "halfFree"})
    public String shape;

    private Caller caller;
    private LiveSet live;
    private long request;

    @Setup(Level.Trial)
    public void setUp() {
        open(impl, config, arena, 0);
        if (!allocator.bounded()) {
            close();
            throw new IllegalArgumentException(impl + " has no bounded arena: a failed malloc cannot be measured");
        }
        caller = allocator.caller();
        live = new LiveSet((int) Math.min(1 << 24, arenaParams.config().blockCount() + 64));
        long max = arenaParams.maxBytes();
        new Filler(caller, arenaParams, SizeMix.table("max", arenaParams, 1)).allocateUpTo(live, Long.MAX_VALUE);
        switch (shape) {
            case "full" -> request = arenaParams.minBytes();
            case "halfFree" -> {
                request = max;
                LiveSet halves = new LiveSet(live.size());
                for (int i = 0; i < live.size(); i++) {
                    if (live.blockBytes(i) == max) {
                        caller.free(live.handle(i));
                        long kept = mustAllocate(caller.malloc(max / 2), max / 2);
                        halves.add(mustAllocate(caller.malloc(max / 2), max / 2), max / 2);
                        live.replace(i, kept, max / 2);
                    }
                }
                Filler.freeAll(caller, halves);
            }
            default -> throw new IllegalArgumentException("shape must be full or halfFree, got " + shape);
        }
        long probe = caller.malloc(request);
        if (probe != 0) {
            caller.free(probe);
            throw new IllegalStateException("setup error: malloc(" + request + ") fits in the " + shape + " arena");
        }
        System.out.printf("%n# %s arena: %d allocations, %.2f%% of capacity in blocks; request %d bytes%n", shape,
                live.size(), 100.0 * live.usedBytes() / arenaParams.capacity(), request);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (live != null) {
            Filler.freeAll(caller, live);
        }
        close();
    }

    @Benchmark
    public long failedMalloc() {
        long handle = caller.malloc(request);
        if (handle != 0) {
            caller.free(handle);
            throw new IllegalStateException("malloc(" + request + ") found a fit in a " + shape + " arena");
        }
        return handle;
    }
}
