package org.shmalloc.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
import org.openjdk.jmh.infra.Control;
import org.openjdk.jmh.infra.ThreadParams;
import org.shmalloc.bench.peer.BenchAllocator.Caller;
import org.shmalloc.bench.workload.HeldAllocations;
import org.shmalloc.bench.workload.SizeMix;
import org.shmalloc.bench.workload.SpscRing;

/**
 * Scaling with threads in one process, random sizes. Scores are aggregate allocator calls per
 * microsecond (a malloc and a free count one each), summed over the threads:
 * <ul>
 *   <li>{@code private1}, {@code private2}: 1 or 2 threads, each freeing its own allocations
 *       (malloc then free);</li>
 *   <li>{@code cross}: one thread allocates and hands each allocation through a ring to the
 *       other, which frees it (a thread-to-thread free); the group's score is mallocs + frees,
 *       and the per-method secondary results {@code crossMalloc}/{@code crossFree} show each side.
 *       With {@code held} above 0 the freeing thread frees each allocation only after
 *       {@code held} more have reached it.
 *       A side that waits on the ring spins, then yields, checking {@link Control#stopMeasurement} so that
 *       the iteration can end. With {@code impl=handoff} (no allocator) it scores the ring alone:
 *       the ceiling the handoff puts on every allocator here; with {@code impl=floortable} (a
 *       table of words per thread, set by malloc, cleared by free) the least that cross-thread
 *       frees cost an allocator that records each allocation in a shared word.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {BenchJvm.NATIVE_ACCESS, BenchJvm.UNSAFE, BenchJvm.XMS, BenchJvm.XMX})
@State(Scope.Benchmark)
public class ThreadsBench extends AllocatorState {

    /** Ring capacity: enough to absorb scheduling hiccups, small enough to stay in cache. */
    static final int RING = 1024;

    @Param({"shm", "locked", "netty", "nettycache", "native", "floor", "floortable", "handoff"})
    public String impl;

    @Param({"5-12"})
    public String config;

    @Param({"256M"})
    public String arena;

    @Param({"uniform"})
    public String sizes;

    @Setup(Level.Trial)
    public void setUp() {
        open(impl, config, arena, 8L * RING); // the rings' and the freeing threads' allocations
    }

    /**
     * {@code cross} only (a state of its own, so that the private benchmarks do not carry the
     * parameter): how many allocations the freeing thread holds before it frees the oldest. 0 frees
     * each one as soon as it arrives, while the allocating thread is still working in the same
     * words; 512 lets each allocation outlive 512 more hand-offs, as objects passed between threads
     * usually live a while.
     */
    @State(Scope.Benchmark)
    public static class Holding {
        @Param({"0"})
        public int held;
    }

    /** The rings of the cross groups, drained here: JMH tears this state down before the groups'. */
    private final java.util.List<Channel> channels = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    @TearDown(Level.Trial)
    public void tearDown() {
        Caller caller = allocator.caller();
        for (Channel channel : channels) {
            SpscRing leftovers = new SpscRing(channel.ring, RING);
            for (long h; (h = leftovers.poll()) != 0; ) {
                caller.free(h);
            }
            for (long h; (h = channel.held.takeOldest()) != 0; ) {
                caller.free(h);
            }
        }
        close();
    }

    /** The ring of one cross group (each group of an allocating and a freeing thread has its own). */
    @State(Scope.Group)
    public static class Channel {
        private final Arena memory = Arena.ofShared();
        final MemorySegment ring = memory.allocate(SpscRing.bytesFor(RING), 256);
        /** The allocations the freeing thread holds (only it touches them during the trial). */
        HeldAllocations held;

        @Setup(Level.Trial)
        public void setUp(ThreadsBench shared, Holding holding) {
            if (holding.held > 4 * RING) {
                throw new IllegalArgumentException("held " + holding.held + " is more than the peers' tables are sized for");
            }
            held = new HeldAllocations(holding.held);
            shared.channels.add(this);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            memory.close();
        }
    }

    /** One thread's caller and sizes. */
    @State(Scope.Thread)
    public static class Worker {
        Caller caller;
        private int[] table;
        private int next;

        @Setup(Level.Trial)
        public void setUp(ThreadsBench shared, ThreadParams thread) {
            caller = shared.allocator.caller();
            table = SizeMix.table(shared.sizes, shared.arenaParams, 100 + thread.getThreadIndex());
        }

        int nextSize() {
            return table[next++ & (SizeMix.TABLE - 1)];
        }
    }

    /** One side of a group's ring, for one thread. */
    @State(Scope.Thread)
    public static class RingSide {
        SpscRing ring;
        /** The group's held allocations (only the freeing side uses them). */
        HeldAllocations held;

        // NOTE: the benchmark methods take this state, not Channel: JMH tears a method's own
        // group state down before the benchmark state, whose tearDown still reads the ring.
        @Setup(Level.Trial)
        public void setUp(Channel channel) {
            ring = new SpscRing(channel.ring, RING);
            held = channel.held;
        }
    }

    private static long pair(Worker w, MallocOutcomes outcomes) {
        long handle = outcomes.count(w.caller.malloc(w.nextSize()));
        if (handle != 0) {
            w.caller.free(handle);
        }
        return handle;
    }

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(2)
    public long private1(Worker w, MallocOutcomes outcomes) {
        return pair(w, outcomes);
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(2)
    public long private2(Worker w, MallocOutcomes outcomes) {
        return pair(w, outcomes);
    }

    /**
     * Spins briefly, then yields: on a machine with as many busy threads as cores, a side that only
     * spun would burn the time slice its partner needs to make progress.
     */
    private static void backOff(int spins) {
        if (spins < 64) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    @Benchmark
    @Group("cross")
    @GroupThreads(1)
    public void crossMalloc(Worker w, RingSide side, MallocOutcomes outcomes, Control control) {
        long handle = outcomes.count(w.caller.malloc(w.nextSize()));
        if (handle == 0) {
            return;
        }
        for (int spins = 0; !side.ring.offer(handle); spins++) {
            if (control.stopMeasurement) {
                w.caller.free(handle);
                return;
            }
            backOff(spins);
        }
    }

    @Benchmark
    @Group("cross")
    @GroupThreads(1)
    public void crossFree(Worker w, RingSide side, Control control) {
        long handle;
        for (int spins = 0; (handle = side.ring.poll()) == 0; spins++) {
            if (control.stopMeasurement) {
                return;
            }
            backOff(spins);
        }
        long oldest = side.held.hold(handle);
        if (oldest != 0) {
            w.caller.free(oldest);
        }
    }
}
