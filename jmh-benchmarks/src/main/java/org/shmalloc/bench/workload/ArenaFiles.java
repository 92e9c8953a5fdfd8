package org.shmalloc.bench.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names and removes the benchmarks' arena files. They live in /dev/shm (tmpfs: no disk I/O in the
 * numbers) unless {@code -Dshmalloc.bench.dir} says otherwise, and are named after the process so
 * that a leftover file can be traced to the run that left it.
 */
public final class ArenaFiles {

    public static final Path DIR = Path.of(System.getProperty("shmalloc.bench.dir", "/dev/shm"));
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private ArenaFiles() {
    }

    /** A fresh path that does not exist yet: {@code /dev/shm/shmalloc-bench-<pid>-<n>-<what>}. */
    public static Path newPath(String what) {
        Path path = DIR.resolve("shmalloc-bench-" + ProcessHandle.current().pid() + "-"
                + SEQUENCE.incrementAndGet() + "-" + what);
        delete(path);
        return path;
    }

    /** Deletes {@code path} if it exists. */
    public static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
