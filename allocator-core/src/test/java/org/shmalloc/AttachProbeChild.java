package org.shmalloc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * Spawned by {@link AttachTimeoutTest} with a short {@code shmalloc.attachTimeoutMillis}: touches
 * each file named in its arguments (as a creator at work would have just done), attaches to it
 * and prints {@code RESULT <file> <millis taken> <epoch millis at the end> <outcome>}.
 */
public final class AttachProbeChild {

    private AttachProbeChild() {
    }

    public static void main(String[] args) {
        for (String name : args) {
            long start = System.nanoTime();
            try {
                Files.setLastModifiedTime(Path.of(name), FileTime.from(Instant.now()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String outcome;
            try (ShmAllocator allocator = ShmAllocator.attach(Path.of(name))) {
                outcome = "OK " + allocator.config();
            } catch (Exception e) {
                outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            System.out.println("RESULT " + name + " " + (System.nanoTime() - start) / 1_000_000 + " "
                    + System.currentTimeMillis() + " " + outcome);
        }
    }
}
