package org.shmalloc.crash;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.shmalloc.ShmAllocator;

/**
 * A worker process of {@link CrashTest} and {@link SoakTest}: attaches to the arena and, on each of
 * its threads, mallocs, stamps, checks and frees at random until a stop file appears (or it is
 * killed). Every allocation is filled with a stamp
 * unique to this process and allocation; a stamp found changed means another process was handed
 * overlapping bytes.
 *
 * <p>Exit status: 0 after a clean stop (it freed all it held), 3 on an overlap, 1 on any error.
 * Prints one line {@code threads=N ops=N} on a clean stop.
 */
public final class CrashWorker {

    static final int OVERLAP = 3;
    private static final int MAX_HELD = 64;

    private CrashWorker() {
    }

    /** Arguments: file, stop file, and optionally the number of threads (default 1). */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Path stop = Path.of(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            failure.printStackTrace(System.out);
            System.exit(1);
        });
        try (ShmAllocator shm = ShmAllocator.attach(file)) {
            List<Thread> running = new ArrayList<>();
            long[] ops = new long[threads];
            for (int t = 0; t < threads; t++) {
                int id = t;
                running.add(Thread.ofPlatform().start(() -> ops[id] = run(shm, stop, id)));
            }
            for (Thread thread : running) {
                thread.join();
            }
            System.out.println("threads=" + threads + " ops=" + java.util.Arrays.stream(ops).sum());
        }
    }

    /** One thread's loop; returns the operations it made, exits the process on an overlap. */
    private static long run(ShmAllocator shm, Path stop, int thread) {
        long pid = ProcessHandle.current().pid();
        SplittableRandom random = new SplittableRandom(pid * 7919 + thread * 104_729L + System.nanoTime());
        List<long[]> held = new ArrayList<>(); // {offset, stamp}
        long ops = 0;
        while (true) {
            if ((ops & 1023) == 0 && Files.exists(stop)) {
                break;
            }
            ops++;
            if (held.size() < MAX_HELD && (held.isEmpty() || random.nextBoolean())) {
                long size = 1 + random.nextLong(shm.maxAllocatableSize());
                long offset = shm.malloc(size);
                if (offset != ShmAllocator.NULL) {
                    long stamp = (pid << 32) ^ ((long) thread << 28) ^ ops;
                    fill(shm.segment(offset), stamp);
                    held.add(new long[] {offset, stamp});
                }
            } else {
                long[] allocation = held.remove(random.nextInt(held.size()));
                check(shm, allocation);
                shm.free(allocation[0]);
            }
        }
        for (long[] allocation : held) {
            check(shm, allocation);
            shm.free(allocation[0]);
        }
        return ops;
    }

    private static void fill(MemorySegment block, long stamp) {
        for (long i = 0; i + Long.BYTES <= block.byteSize(); i += Long.BYTES) {
            block.set(ValueLayout.JAVA_LONG, i, stamp);
        }
    }

    private static void check(ShmAllocator shm, long[] allocation) {
        MemorySegment block = shm.segment(allocation[0]);
        for (long i = 0; i + Long.BYTES <= block.byteSize(); i += Long.BYTES) {
            long seen = block.get(ValueLayout.JAVA_LONG, i);
            if (seen != allocation[1]) {
                System.out.println("OVERLAP at offset " + allocation[0] + "+" + i + ": stamp " + Long.toHexString(seen)
                        + ", expected " + Long.toHexString(allocation[1]));
                System.exit(OVERLAP);
            }
        }
    }
}
