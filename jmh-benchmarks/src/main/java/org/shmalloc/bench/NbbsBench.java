package org.shmalloc.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;
import org.shmalloc.bench.peer.BenchAllocator.Caller;
import org.shmalloc.bench.workload.LiveSet;
import org.shmalloc.bench.workload.SizeMix;
import org.shmalloc.bench.workload.XorShift;

/**
 * The workloads of the non-blocking buddy system papers (NBBS, Marotta et al.), each with 1 and 2
 * threads (methods ending in 1 and 2). Scores are aggregate allocator calls per microsecond (a
 * malloc and a free count one each):
 * <ul>
 *   <li>{@code linuxScalability}: each thread allocates a burst of {@value #BURST} blocks of the
 *       {@code sizes} mix, then frees them in the same order;</li>
 *   <li>{@code threadTest}: {@value #THREADTEST_OBJECTS} blocks split among the threads; each
 *       allocates its share then frees it, round after round;</li>
 *   <li>{@code constantOccupancy}: each thread holds {@value #HELD_PER_THREAD} blocks (fewer if they
 *       would fill more than a quarter of the arena) of several orders (size classes chosen uniformly) and frees one at random, then allocates another of
 *       a random order;</li>
 *   <li>{@code cachedAllocation}: each thread allocates a block and frees it at once (the
 *       allocator's caches and hints at their best);</li>
 *   <li>{@code larson}: the threads share {@value #LARSON_SLOTS} slots of live blocks (uniform
 *       sizes); each operation allocates a block, swaps it into a random slot and frees the block
 *       it displaced, so with 2 threads about half the frees are of blocks the other thread
 *       allocated (Larson's objects handed between threads, as a continuous exchange).</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {BenchJvm.NATIVE_ACCESS, BenchJvm.UNSAFE, BenchJvm.XMS, BenchJvm.XMX})
@State(Scope.Benchmark)
public class NbbsBench extends AllocatorState {

    static final int BURST = 1024;
    static final int THREADTEST_OBJECTS = 4096;
    static final int HELD_PER_THREAD = 4096;
    static final int LARSON_SLOTS = 4096;

    @Param({"shm", "locked", "netty", "nettycache", "native"})
    public String impl;

    @Param({"5-12"})
    public String config;

    @Param({"256M"})
    public String arena;

    /** Sizes of linuxScalability, threadTest and cachedAllocation. */
    @Param({"min"})
    public String sizes;

    private AtomicLongArray larsonSlots;
    /** Every worker's held blocks, freed by {@link #tearDown} (JMH may tear this state down before a worker's). */
    private final java.util.List<LiveSet> heldByWorkers = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    @Setup(Level.Trial)
    public void setUp() {
        open(impl, config, arena, 2L * (THREADTEST_OBJECTS + 2 * HELD_PER_THREAD + LARSON_SLOTS + 2 * BURST));
        larsonSlots = new AtomicLongArray(LARSON_SLOTS);
        Caller caller = allocator.caller();
        int[] uniform = SizeMix.table("uniform", arenaParams, 7);
        for (int i = 0; i < LARSON_SLOTS; i++) {
            larsonSlots.set(i, mustAllocate(caller.malloc(uniform[i]), uniform[i]));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Caller caller = allocator.caller();
        for (LiveSet held : heldByWorkers) {
            while (held.size() > 0) {
                caller.free(held.removeAt(held.size() - 1));
            }
        }
        for (int i = 0; i < LARSON_SLOTS; i++) {
            long handle = larsonSlots.getAndSet(i, 0);
            if (handle != 0) {
                caller.free(handle);
            }
        }
        close();
    }

    /** One thread's caller, size tables, burst array and held blocks. */
    @State(Scope.Thread)
    public static class Worker {
        Caller caller;
        int[] sizes;
        int[] uniform;
        int[] orders;
        int next;
        long[] burst = new long[THREADTEST_OBJECTS];
        LiveSet held;
        XorShift random;
        NbbsBench shared;

        @Setup(Level.Trial)
        public void setUp(NbbsBench shared, ThreadParams thread) {
            this.shared = shared;
            int t = thread.getThreadIndex();
            caller = shared.allocator.caller();
            sizes = SizeMix.table(shared.sizes, shared.arenaParams, 200 + t);
            uniform = SizeMix.table("uniform", shared.arenaParams, 300 + t);
            orders = SizeMix.table("orders", shared.arenaParams, 400 + t);
            random = new XorShift(500 + t);
            held = new LiveSet(HELD_PER_THREAD);
            // at most a quarter of the arena in held blocks, whatever the config
            long budget = shared.arenaParams.capacity() / 4 / thread.getThreadCount();
            for (int i = 0; i < HELD_PER_THREAD && held.usedBytes() + orders[i] <= budget; i++) {
                int size = orders[i];
                held.add(mustAllocate(caller.malloc(size), size), size);
            }
            shared.heldByWorkers.add(held);
        }

        int next(int[] table) {
            return table[next++ & (SizeMix.TABLE - 1)];
        }
    }

    private static void burst(Worker w, int count) {
        long[] blocks = w.burst;
        for (int i = 0; i < count; i++) {
            int size = w.next(w.sizes);
            blocks[i] = mustAllocate(w.caller.malloc(size), size);
        }
        for (int i = 0; i < count; i++) {
            w.caller.free(blocks[i]);
        }
    }

    private static long constantOccupancy(Worker w) {
        int i = w.random.nextInt(w.held.size());
        w.caller.free(w.held.handle(i));
        int size = w.next(w.orders);
        long handle = mustAllocate(w.caller.malloc(size), size);
        w.held.replace(i, handle, size);
        return handle;
    }

    private static long cached(Worker w) {
        int size = w.next(w.sizes);
        long handle = mustAllocate(w.caller.malloc(size), size);
        w.caller.free(handle);
        return handle;
    }

    private static long larson(Worker w) {
        int size = w.next(w.uniform);
        long handle = mustAllocate(w.caller.malloc(size), size);
        long displaced = w.shared.larsonSlots.getAndSet(w.random.nextInt(LARSON_SLOTS), handle);
        if (displaced != 0) {
            w.caller.free(displaced);
        }
        return displaced;
    }

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(2 * BURST)
    public void linuxScalability1(Worker w) {
        burst(w, BURST);
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(2 * BURST)
    public void linuxScalability2(Worker w) {
        burst(w, BURST);
    }

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(2 * THREADTEST_OBJECTS)
    public void threadTest1(Worker w) {
        burst(w, THREADTEST_OBJECTS);
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(THREADTEST_OBJECTS)
    public void threadTest2(Worker w) {
        burst(w, THREADTEST_OBJECTS / 2);
    }

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(2)
    public long constantOccupancy1(Worker w) {
        return constantOccupancy(w);
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(2)
    public long constantOccupancy2(Worker w) {
        return constantOccupancy(w);
    }

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(2)
    public long cachedAllocation1(Worker w) {
        return cached(w);
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(2)
    public long cachedAllocation2(Worker w) {
        return cached(w);
    }

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(2)
    public long larson1(Worker w) {
        return larson(w);
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(2)
    public long larson2(Worker w) {
        return larson(w);
    }
}
