package org.shmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Threads of one process on one allocator: stamped random malloc/free with cross-thread frees. */
class ThreadStressTest {

    @TempDir(factory = ShmTempDir.class)
    Path dir;

    static Stream<Arguments> runs() {
        return Stream.of(
                Arguments.of(new ShmConfig(5, 12, 1 << 20), 4, 150_000),   // defaults' classes, often full
                Arguments.of(new ShmConfig(3, 19, 4 << 20), 2, 100_000),   // spread 16: four word levels
                Arguments.of(new ShmConfig(3, 4, 16 << 10), 3, 150_000));  // one word per block, tiny blocks
    }

    @ParameterizedTest(name = "{0}, {1} threads x {2} ops")
    @MethodSource("runs")
    void threadsNeverOverlapAndLeaveTheArenaEmpty(ShmConfig config, int threads, long ops) throws Exception {
        try (ShmAllocator allocator = ShmAllocator.open(dir.resolve("arena"), config)) {
            long start = System.nanoTime();
            StampedWorkload workload = new StampedWorkload(StampedWorkload.heapOf(allocator),
                    allocator.minAllocatableSize(), allocator.maxAllocatableSize(), 0, threads, ops, 256,
                    System.nanoTime()).run();
            Map<String, Long> totals = workload.totals();
            System.out.printf("thread stress %s: %d threads x %,d ops: %s in %.1f s%n", config, threads, ops,
                    StampedWorkload.format(totals), (System.nanoTime() - start) / 1e9);
            assertEquals(0, totals.get("overlaps"), workload.errorSamples().toString());
            assertEquals(0, totals.get("errors"), workload.errorSamples().toString());
            assertEquals(totals.get("mallocs"), totals.get("frees"));
            assertTrue(totals.get("handedOff") > 0);
            ShmStats stats = allocator.stats();
            assertEquals(0, stats.liveAllocations(), stats.toString());
            ShmVerification verification = allocator.verify();
            assertTrue(verification.consistent(), verification.problems().toString());
            assertEquals(config.blockCount() - 1, Arenas.fillWithLargest(allocator).size(), "a block was lost");
        }
    }

    /**
     * The check must be able to fail: an allocator that hands out a live block a second time
     * (every 50th malloc returns a block that is live at that moment) is caught by the stamps.
     */
    @Test
    void theStampsCatchAnAllocatorThatHandsOutALiveBlockTwice() throws IOException, InterruptedException {
        try (ShmAllocator allocator = ShmAllocator.open(dir.resolve("arena"), new ShmConfig(5, 12, 1 << 20))) {
            StampedWorkload.Heap real = StampedWorkload.heapOf(allocator);
            AtomicLong calls = new AtomicLong();
            Set<Long> live = ConcurrentHashMap.newKeySet();
            StampedWorkload.Heap broken = new StampedWorkload.Heap() {
                @Override
                public long malloc(long size) {
                    if (calls.incrementAndGet() % 50 == 0) {
                        for (long offset : live) {
                            return offset; // a live block, handed out again
                        }
                    }
                    long offset = real.malloc(size);
                    live.add(offset);
                    return offset;
                }

                @Override
                public void free(long offset) {
                    live.remove(offset);
                    real.free(offset);
                }

                @Override
                public MemorySegment segment(long offset) {
                    return real.segment(offset);
                }
            };
            StampedWorkload workload = new StampedWorkload(broken, 32, 4096, 0, 2, 20_000, 256, 1).run();
            Map<String, Long> totals = workload.totals();
            System.out.println("deliberately broken heap: " + StampedWorkload.format(totals));
            assertTrue(totals.get("overlaps") > 0, "a block handed out twice went unnoticed: " + totals + " "
                    + workload.errorSamples());
        }
    }
}
