package org.shmalloc;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.LongAdder;

/**
 * The stress scenario of the C library's own test: threads allocate random sizes, stamp every
 * unit of each block ({@link Stamps}), keep some blocks and hand others to the next thread through
 * a bounded queue; blocks are freed at random, by their owner or by the thread they were handed
 * to, each only after its stamp was found intact. A broken stamp means two live allocations
 * overlapped (here or in another process on the same file); an exception from the allocator is an
 * error too. At the end every thread frees what it holds, then drains its queue: nothing stays
 * allocated.
 */
final class StampedWorkload {

    /** What the workload needs of an allocator; tests wrap it to break it on purpose. */
    interface Heap {
        long malloc(long size);

        void free(long offset);

        MemorySegment segment(long offset);
    }

    static Heap heapOf(ShmAllocator allocator) {
        return new Heap() {
            @Override
            public long malloc(long size) {
                return allocator.malloc(size);
            }

            @Override
            public void free(long offset) {
                allocator.free(offset);
            }

            @Override
            public MemorySegment segment(long offset) {
                return allocator.segment(offset);
            }
        };
    }

    private record Block(long offset, long stamp) {
    }

    private static final int MAX_SAMPLES = 10;
    /** Percent of operations that allocate (while under maxHeld); the rest free. Above 50 keeps the arena busy. */
    private static final int ALLOCATE_PERCENT = 55;

    private final Heap heap;
    private final long unit;
    private final long maxSize;
    private final int worker;
    private final int threads;
    private final long opsPerThread;
    private final int maxHeld;
    private final long seed;
    private final List<ArrayBlockingQueue<Block>> inboxes = new ArrayList<>();
    private final CyclicBarrier doneAllocating;

    private final LongAdder mallocs = new LongAdder();
    private final LongAdder nulls = new LongAdder();
    private final LongAdder frees = new LongAdder();
    private final LongAdder handedOff = new LongAdder();
    private final LongAdder errors = new LongAdder();
    /** Blocks whose stamp was found broken: the errors that mean two live allocations overlapped. */
    private final LongAdder overlaps = new LongAdder();
    private final List<String> samples = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param worker       distinguishes the stamps of workers sharing one file (0..65535)
     * @param maxHeld      bound on the blocks a thread holds, and on each queue
     */
    StampedWorkload(Heap heap, long unit, long maxSize, int worker, int threads, long opsPerThread, int maxHeld,
                    long seed) {
        this.heap = heap;
        this.unit = unit;
        this.maxSize = maxSize;
        this.worker = worker;
        this.threads = threads;
        this.opsPerThread = opsPerThread;
        this.maxHeld = maxHeld;
        this.seed = seed;
        for (int t = 0; t < threads; t++) {
            inboxes.add(new ArrayBlockingQueue<>(maxHeld));
        }
        this.doneAllocating = new CyclicBarrier(threads);
    }

    /** Runs every thread to the end; the totals are in {@link #totals()}. */
    StampedWorkload run() throws InterruptedException {
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            running.add(Thread.ofPlatform().name("stamped-" + worker + "-" + t).start(() -> runThread(thread)));
        }
        for (Thread thread : running) {
            thread.join();
        }
        return this;
    }

    private void runThread(int thread) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + worker * 101L + thread);
        ArrayBlockingQueue<Block> inbox = inboxes.get(thread);
        ArrayBlockingQueue<Block> next = inboxes.get((thread + 1) % threads);
        List<Block> held = new ArrayList<>();
        long sequence = 0;
        for (long op = 0; op < opsPerThread; op++) {
            int choice = random.nextInt(100);
            if (choice < ALLOCATE_PERCENT && held.size() < maxHeld) {
                Block block = allocate(random, thread, ++sequence);
                if (block != null) {
                    if (random.nextBoolean() && next.offer(block)) {
                        handedOff.increment();
                    } else {
                        held.add(block);
                    }
                }
            } else if (choice < ALLOCATE_PERCENT + 25 && !inbox.isEmpty()) {
                release(inbox.poll());
            } else if (!held.isEmpty()) {
                release(removeAny(held, random));
            }
        }
        held.forEach(this::release);
        try {
            doneAllocating.await(); // nobody hands anything on after this
        } catch (InterruptedException | BrokenBarrierException e) {
            error("thread " + thread + " interrupted: " + e);
            return;
        }
        for (Block block; (block = inbox.poll()) != null; ) {
            release(block);
        }
    }

    private Block allocate(SplittableRandom random, int thread, long sequence) {
        long size = Sizes.random(random, maxSize);
        try {
            long offset = heap.malloc(size);
            if (offset == ShmAllocator.NULL) {
                nulls.increment();
                return null;
            }
            mallocs.increment();
            MemorySegment segment = heap.segment(offset);
            if (segment.byteSize() != Sizes.classSize(size, unit) || offset % segment.byteSize() != 0) {
                error("malloc(" + size + ") gave offset " + offset + " of " + segment.byteSize() + " usable bytes");
            }
            long stamp = (long) worker << 48 | (long) thread << 40 | sequence;
            Stamps.write(segment, unit, stamp);
            return new Block(offset, stamp);
        } catch (RuntimeException e) {
            error("malloc(" + size + ") threw " + e);
            return null;
        }
    }

    /** Checks the block's stamp while it is still held, then frees it. */
    private void release(Block block) {
        try {
            MemorySegment segment = heap.segment(block.offset);
            long at = Stamps.firstMismatch(segment, unit, block.stamp);
            if (at >= 0) {
                overlaps.increment();
                error("stamp broken at offset " + (block.offset + at) + " in the block at " + block.offset + ": found 0x"
                        + Long.toHexString(Stamps.read(segment, at)) + ", expected 0x" + Long.toHexString(block.stamp));
            }
            heap.free(block.offset);
            frees.increment();
        } catch (RuntimeException e) {
            error("release of " + block.offset + " threw " + e);
        }
    }

    private static Block removeAny(List<Block> held, SplittableRandom random) {
        int i = random.nextInt(held.size());
        Block block = held.get(i);
        held.set(i, held.getLast());
        held.removeLast();
        return block;
    }

    private void error(String what) {
        errors.increment();
        if (samples.size() < MAX_SAMPLES) {
            samples.add(what);
        }
    }

    /** Counts by name: mallocs, nulls, frees, handedOff, errors (of every kind), overlaps (broken stamps). */
    Map<String, Long> totals() {
        Map<String, Long> totals = new LinkedHashMap<>();
        totals.put("mallocs", mallocs.sum());
        totals.put("nulls", nulls.sum());
        totals.put("frees", frees.sum());
        totals.put("handedOff", handedOff.sum());
        totals.put("errors", errors.sum());
        totals.put("overlaps", overlaps.sum());
        return totals;
    }

    List<String> errorSamples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** {@code name=value} pairs separated by spaces, as {@link #parse} reads them. */
    static String format(Map<String, Long> totals) {
        StringBuilder line = new StringBuilder();
        totals.forEach((name, value) -> line.append(line.isEmpty() ? "" : " ").append(name).append('=').append(value));
        return line.toString();
    }

    static Map<String, Long> parse(String line) {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (String pair : line.trim().split(" +")) {
            int eq = pair.indexOf('=');
            totals.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
        }
        return totals;
    }
}
