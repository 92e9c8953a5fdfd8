package org.shmalloc.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.shmalloc.bench.peer.BenchAllocator.Caller;
import org.shmalloc.bench.workload.Filler;
import org.shmalloc.bench.workload.LiveSet;
import org.shmalloc.bench.workload.SizeMix;
import org.shmalloc.bench.workload.XorShift;

/**
 * Latency of each malloc and each free, one thread, at {@code occupancy}% (0 or 90, filled
 * sequentially; for the unbounded peers, the same bytes kept alive), recorded in HdrHistograms
 * during the measurement iterations and written, per fork, as HdrHistogram logs to
 * {@code -Dshmalloc.bench.hdr} (default {@code ./hdr}); {@link Run} merges them into one
 * {@code .hgrm} per benchmark, parameters and operation.
 * <ul>
 *   <li>{@code rate = 0}: back to back; each call's own duration (service time).</li>
 *   <li>{@code rate > 0}: calls are issued on a fixed schedule of {@code rate} pairs per second
 *       (a malloc, then its free half a period later), and each latency is measured from the
 *       call's scheduled start, not from when it actually started: a stall delays the calls
 *       behind it and they are charged for the wait, which corrects for coordinated omission.</li>
 * </ul>
 * The JMH score (average ns per pair, including the pacing wait) matters little here: read the
 * {@code .hgrm} files (microseconds). A timestamp costs ~20-30 ns and is included in each value.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {BenchJvm.NATIVE_ACCESS, BenchJvm.UNSAFE, BenchJvm.XMS, BenchJvm.XMX})
@State(Scope.Thread)
public class LatencyBench extends AllocatorState {

    @Param({"shm", "locked", "netty", "nettycache", "native"})
    public String impl;

    @Param({"5-12"})
    public String config;

    @Param({"256M"})
    public String arena;

    @Param({"uniform"})
    public String sizes;

    @Param({"0", "90"})
    public double occupancy;

    /** Pairs per second; 0 = back to back, no schedule. */
    @Param({"0", "100000"})
    public long rate;

    private Caller caller;
    private int[] table;
    private int next;
    private LiveSet live;
    private long period;
    private long nextStart;
    private boolean recording;
    private final Histogram mallocs = new Histogram(3);
    private final Histogram frees = new Histogram(3);

    @Setup(Level.Trial)
    public void setUp() {
        long maxLive = (long) (org.shmalloc.bench.workload.ArenaParams.of(config, arena).maxLiveBlocks()
                * occupancy / 100) + 64;
        open(impl, config, arena, maxLive);
        caller = allocator.caller();
        table = SizeMix.table(sizes, arenaParams, 1);
        live = new LiveSet(1 << 16);
        new Filler(caller, arenaParams, SizeMix.table(sizes, arenaParams, 2))
                .fill(live, "sequential", occupancy, new XorShift(3));
        period = rate > 0 ? TimeUnit.SECONDS.toNanos(1) / rate : 0;
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams iteration) {
        recording = iteration.getType() == IterationType.MEASUREMENT;
        nextStart = System.nanoTime();
    }

    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams benchmark) {
        if (live != null) {
            Filler.freeAll(caller, live);
        }
        close();
        String name = HdrFiles.name(benchmark);
        write(name + ".malloc", mallocs);
        write(name + ".free", frees);
    }

    private static void write(String name, Histogram histogram) {
        Path dir = Path.of(System.getProperty(BenchJvm.HDR_DIR_PROPERTY, "hdr"));
        Path file = dir.resolve(name + "." + ProcessHandle.current().pid() + HdrFiles.LOG_SUFFIX);
        try {
            Files.createDirectories(dir);
            try (PrintStream out = new PrintStream(Files.newOutputStream(file))) {
                HistogramLogWriter writer = new HistogramLogWriter(out);
                writer.outputLogFormatVersion();
                writer.outputLegend();
                writer.outputIntervalHistogram(histogram);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Benchmark
    public long pair() {
        int size = table[next++ & (SizeMix.TABLE - 1)];
        if (period == 0) {
            long start = System.nanoTime();
            long handle = mustAllocate(caller.malloc(size), size);
            long allocated = System.nanoTime();
            caller.free(handle);
            long freed = System.nanoTime();
            if (recording) {
                mallocs.recordValue(allocated - start);
                frees.recordValue(freed - allocated);
            }
            return handle;
        }
        long mallocDue = nextStart;
        long freeDue = mallocDue + period / 2;
        nextStart = mallocDue + period;
        waitUntil(mallocDue);
        long handle = mustAllocate(caller.malloc(size), size);
        long allocated = System.nanoTime();
        waitUntil(freeDue);
        caller.free(handle);
        long freed = System.nanoTime();
        if (recording) {
            mallocs.recordValue(allocated - mallocDue);
            frees.recordValue(freed - freeDue);
        }
        return handle;
    }

    private static void waitUntil(long due) {
        while (System.nanoTime() < due) {
            Thread.onSpinWait();
        }
    }
}
