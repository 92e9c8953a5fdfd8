package org.shmalloc;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

/**
 * Spawned by {@link ConcurrentCreationTest}: prints READY, waits for GO on stdin, then opens the
 * (missing) file, allocates one block stamped with its pid and prints its offset. The block stays
 * allocated for the parent to find.
 */
public final class OpenRaceChild {

    static final ShmConfig CONFIG = new ShmConfig(5, 12, 4 << 20);

    private OpenRaceChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Class.forName(ShmAllocator.class.getName()); // load before the race, not during it
        System.out.println("READY");
        if (!"GO".equals(new BufferedReader(new InputStreamReader(System.in)).readLine())) {
            System.exit(3);
        }
        try (ShmAllocator allocator = ShmAllocator.open(file, CONFIG)) {
            long offset = allocator.malloc(64);
            allocator.segment(offset).set(ValueLayout.JAVA_LONG, 0, ProcessHandle.current().pid());
            System.out.println("OFFSET " + offset);
        }
    }
}
