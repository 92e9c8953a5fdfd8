package org.shmalloc.lincheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.shmalloc.ShmAllocator;
import org.shmalloc.ShmConfig;

/**
 * A new arena file under /dev/shm for each Lincheck test instance. Lincheck runs one invocation at
 * a time and gives no per-instance teardown, so opening the next arena closes and deletes the
 * previous one; {@link #closeLast()} deletes the last.
 */
final class FreshArenas {

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final Path DIR = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm")
            : Path.of(System.getProperty("java.io.tmpdir"));
    private static ShmAllocator last;

    private FreshArenas() {
    }

    static synchronized ShmAllocator next(ShmConfig config) {
        closeLast();
        Path file = DIR.resolve("lincheck-arena-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + ".shm");
        try {
            last = ShmAllocator.open(file, config);
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create arena " + file, e);
        }
    }

    static synchronized void closeLast() {
        if (last != null) {
            Path file = last.file();
            last.close();
            last = null;
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete arena " + file, e);
            }
        }
    }
}
