package org.shmalloc.corrupt;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.shmalloc.ShmAllocator;
import org.shmalloc.ShmConfig;
import org.shmalloc.ShmFormatException;

/**
 * Another process shrinks the file while it is mapped: accesses beyond the new end raise SIGBUS,
 * which the JVM turns into an InternalError at the access; the allocator reports it as an
 * IllegalStateException naming the file, and the JVM does not crash. A new attach refuses the file.
 */
class TruncatedWhileMappedTest {

    @Test
    void truncationBecomesAnExceptionNotACrash() throws Exception {
        Path file = Path.of("/dev/shm", "shmalloc-truncated-" + ProcessHandle.current().pid() + ".arena");
        Files.deleteIfExists(file);
        try (ShmAllocator shm = ShmAllocator.open(file, ShmConfig.defaults())) {
            long offset = shm.malloc(100);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(4096);
            }
            IllegalStateException fault = assertThrows(IllegalStateException.class, () -> {
                for (int i = 0; i < 1_000; i++) {
                    shm.free(shm.malloc(64));
                }
            });
            assertTrue(fault.getMessage().contains("truncated"), fault.getMessage());
            assertThrows(IllegalStateException.class, () -> shm.free(offset));
            assertThrows(ShmFormatException.class, () -> ShmAllocator.attach(file).close());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
