package org.shmalloc;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.Map;

/**
 * Spawned by {@link MultiProcessStressTest}: attaches to the file, prints READY, waits for GO on
 * stdin, runs a {@link StampedWorkload} and prints {@code RESULT <totals>} and one
 * {@code ERROR <what>} line per error sample. Exit code 0: no error; 1: errors seen; 2: crashed.
 *
 * <p>Arguments: file worker threads opsPerThread maxHeld seed
 */
public final class StressChild {

    private StressChild() {
    }

    public static void main(String[] args) {
        try {
            Path file = Path.of(args[0]);
            int worker = Integer.parseInt(args[1]);
            int threads = Integer.parseInt(args[2]);
            long ops = Long.parseLong(args[3]);
            int maxHeld = Integer.parseInt(args[4]);
            long seed = Long.parseLong(args[5]);
            try (ShmAllocator allocator = ShmAllocator.attach(file)) {
                StampedWorkload workload = new StampedWorkload(StampedWorkload.heapOf(allocator),
                        allocator.minAllocatableSize(), allocator.maxAllocatableSize(), worker, threads, ops, maxHeld,
                        seed);
                System.out.println("READY");
                if (!"GO".equals(new BufferedReader(new InputStreamReader(System.in)).readLine())) {
                    System.out.println("no GO");
                    System.exit(2);
                }
                long start = System.nanoTime();
                workload.run();
                Map<String, Long> totals = workload.totals();
                totals.put("millis", (System.nanoTime() - start) / 1_000_000);
                System.out.println("RESULT " + StampedWorkload.format(totals));
                workload.errorSamples().forEach(sample -> System.out.println("ERROR " + sample));
                System.out.flush();
                System.exit(totals.get("errors") == 0 ? 0 : 1);
            }
        } catch (Throwable t) {
            t.printStackTrace(System.out);
            System.out.flush();
            System.exit(2);
        }
    }
}
