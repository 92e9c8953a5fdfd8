package org.shmalloc;

import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Spawned by {@link TruncatedWhileMappedTest}: maps an arena, warms the allocator up (so that the
 * calls below run compiled), then shrinks the file to one page as another process could, and
 * prints {@code OP <call> <outcome>} for each call that now touches pages past the end.
 */
public final class TruncatingChild {

    private TruncatingChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        try (ShmAllocator allocator = ShmAllocator.open(file, new ShmConfig(5, 12, 1 << 20))) {
            SplittableRandom random = new SplittableRandom(1);
            List<Long> live = new ArrayList<>();
            for (int i = 0; i < 200_000; i++) {
                if (live.size() < 100 && random.nextBoolean()) {
                    long offset = allocator.malloc(Sizes.random(random, 4096));
                    allocator.segment(offset).set(ValueLayout.JAVA_LONG, 0, i);
                    live.add(offset);
                } else if (!live.isEmpty()) {
                    allocator.free(live.remove(random.nextInt(live.size())));
                }
            }
            long held = allocator.malloc(64);
            System.out.println("WARM " + live.size() + " live");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(4096);
            }
            System.out.println("TRUNCATED");
            report("malloc", () -> allocator.malloc(64));
            report("free", () -> {
                allocator.free(held);
                return "returned";
            });
            report("usableSize", () -> allocator.usableSize(held));
            report("segment-write", () -> {
                allocator.segment(live.getFirst()).set(ValueLayout.JAVA_LONG, 0, 1);
                return "returned";
            });
            report("stats", allocator::stats);
            report("verify", allocator::verify);
        }
        System.out.println("CLOSED");
        try (ShmAllocator ignored = ShmAllocator.attach(file)) {
            System.out.println("OP attach returned");
        } catch (Exception e) {
            System.out.println("OP attach " + e.getClass().getName() + ": " + e.getMessage());
        }
    }

    private static void report(String call, Callable<?> action) {
        String outcome;
        try {
            outcome = "returned " + action.call();
        } catch (Throwable t) {
            outcome = t.getClass().getName() + ": " + t.getMessage();
        }
        System.out.println("OP " + call + " " + outcome);
    }
}
