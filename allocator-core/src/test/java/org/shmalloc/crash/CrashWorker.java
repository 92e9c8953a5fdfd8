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
 * A worker process of {@link CrashTest}: attaches to the arena and mallocs, stamps, checks and frees
 * at random until a stop file appears (or it is killed). Every allocation is filled with a stamp
 * unique to this process and allocation; a stamp found changed means another process was handed
 * overlapping bytes.
 *
 * <p>Exit status: 0 after a clean stop (it freed all it held), 3 on an overlap, 1 on any error.
 * Prints one line {@code held=N ops=N} on a clean stop.
 */
public final class CrashWorker {

    static final int OVERLAP = 3;
    private static final int MAX_HELD = 64;

    private CrashWorker() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Path stop = Path.of(args[1]);
        long pid = ProcessHandle.current().pid();
        SplittableRandom random = new SplittableRandom(pid * 7919 + System.nanoTime());
        List<long[]> held = new ArrayList<>(); // {offset, stamp}
        long ops = 0;
        try (ShmAllocator shm = ShmAllocator.attach(file)) {
            while (true) {
                if ((ops & 1023) == 0 && Files.exists(stop)) {
                    break;
                }
                ops++;
                if (held.size() < MAX_HELD && (held.isEmpty() || random.nextBoolean())) {
                    long size = 1 + random.nextLong(shm.maxAllocatableSize());
                    long offset = shm.malloc(size);
                    if (offset != ShmAllocator.NULL) {
                        long stamp = (pid << 32) ^ ops;
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
        }
        System.out.println("held=" + held.size() + " ops=" + ops);
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
