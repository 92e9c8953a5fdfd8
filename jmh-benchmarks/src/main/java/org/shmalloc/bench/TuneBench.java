package org.shmalloc.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
import org.openjdk.jmh.infra.ThreadParams;
import org.shmalloc.ShmAllocator;
import org.shmalloc.bench.workload.ArenaFiles;
import org.shmalloc.bench.workload.ArenaParams;
import org.shmalloc.bench.workload.SizeMix;

/**
 * The speed half of the reports tool's {@code tune} command: a malloc of the workload's next size
 * and its free, on an arena of one candidate {@code config}, already {@code occupancy}% full of
 * the same workload, by every JMH thread. One operation is one pair (a malloc and its free), so
 * Throughput mode gives pairs per microsecond summed over the threads, SampleTime the latency of
 * a pair.
 * <ul>
 *   <li>{@code requests}: a file of request sizes, one per line, in the order to replay them (the
 *       tune command writes it from the user's workload), or the name of a {@link SizeMix} mix
 *       (the default, so that the benchmark also runs on its own);</li>
 *   <li>{@code processes}: the number of attachments of the arena file in this JVM; thread
 *       {@code i} uses attachment {@code i % processes}. Each attachment is what a process has: its
 *       own mapping of the file and its own attach ordinal (so its own lanes of the arena). What it
 *       does not have is a JIT, heap and scheduler of its own: {@code ProcessBench} measures real
 *       processes, with the suite's size mixes.</li>
 * </ul>
 * Requests larger than the config's largest block are left out of the table (the tune command
 * reports them as dropped); a malloc that finds no fit counts in {@code failedMallocs}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.NATIVE_ACCESS, TuneBench.XMS, TuneBench.XMX})
@State(Scope.Benchmark)
public class TuneBench {

    /** The forks hold a table of ints and the attachments: a small heap is plenty. */
    public static final String XMS = "-Xms256m";
    public static final String XMX = "-Xmx256m";
    /** Table length: a power of two; a longer file is cut, a shorter one repeated. */
    static final int TABLE = 1 << 16;

    @Param({"5-12"})
    public String config;

    /** Arena bytes ("64M", or a plain number of bytes). */
    @Param({"64M"})
    public String arena;

    @Param({"paths"})
    public String requests;

    @Param({"1"})
    public int processes;

    /** Percent of the capacity filled with the workload before the first iteration. */
    @Param({"50"})
    public double occupancy;

    private Path file;
    private ShmAllocator[] attachments;
    private int[] table;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (processes < 1) {
            throw new IllegalArgumentException("processes must be at least 1, got " + processes);
        }
        ArenaParams params = ArenaParams.of(config, arena);
        table = table(requests, params);
        file = ArenaFiles.newPath("tune.arena");
        attachments = new ShmAllocator[processes];
        for (int i = 0; i < processes; i++) {
            attachments[i] = ShmAllocator.open(file, params.config()); // the first creates, the others attach
        }
        fill(attachments[0], params);
    }

    /** Allocates the table's sizes in order until {@code occupancy}% of the capacity is in blocks, or nothing fits. */
    private void fill(ShmAllocator allocator, ArenaParams params) {
        long target = (long) (params.capacity() * occupancy / 100);
        long inBlocks = 0;
        for (int i = 0; inBlocks < target; i++) {
            int size = table[i & (TABLE - 1)];
            if (allocator.malloc(size) == ShmAllocator.NULL) {
                break;
            }
            inBlocks += params.blockBytes(size);
        }
    }

    ShmAllocator[] attachmentsForTest() {
        return attachments;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (attachments != null) {
            for (ShmAllocator a : attachments) {
                if (a != null) {
                    a.close();
                }
            }
        }
        if (file != null) {
            ArenaFiles.delete(file);
        }
    }

    /**
     * The sizes to request, {@link #TABLE} of them: from the file, in its order (sizes above the
     * largest block left out), or drawn from the named mix.
     */
    static int[] table(String requests, ArenaParams params) {
        if (SizeMix.NAMES.contains(requests)) {
            int[] mix = SizeMix.table(requests, params, 1);
            int[] table = new int[TABLE];
            for (int i = 0; i < TABLE; i++) {
                table[i] = mix[i % mix.length];
            }
            return table;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(requests));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the requests file " + requests, e);
        }
        int[] sizes = lines.stream().map(String::strip).filter(l -> !l.isEmpty())
                .mapToLong(Long::parseLong).filter(s -> s > 0 && s <= params.maxBytes())
                .mapToInt(Math::toIntExact).toArray();
        if (sizes.length == 0) {
            throw new IllegalArgumentException(requests + " holds no request of at most " + params.maxBytes()
                    + " bytes (config " + params.config().minExponent() + "-" + params.config().maxExponent() + ")");
        }
        int[] table = Arrays.copyOf(sizes, TABLE);
        for (int i = sizes.length; i < TABLE; i++) {
            table[i] = sizes[i % sizes.length];
        }
        return table;
    }

    /** One thread's attachment and place in the table. */
    @State(Scope.Thread)
    public static class Worker {
        ShmAllocator allocator;
        int[] table;
        int next;

        @Setup(Level.Trial)
        public void setUp(TuneBench shared, ThreadParams thread) {
            allocator = shared.attachments[thread.getThreadIndex() % shared.processes];
            table = shared.table;
            next = thread.getThreadIndex() * (TABLE / Math.max(1, thread.getThreadCount())); // threads start apart
        }
    }

    @Benchmark
    public long pair(Worker w, MallocOutcomes outcomes) {
        long offset = outcomes.count(w.allocator.malloc(w.table[w.next++ & (TABLE - 1)]));
        if (offset != ShmAllocator.NULL) {
            w.allocator.free(offset);
        }
        return offset;
    }
}
