package org.shmalloc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two allocators on one file, attach with the stored config, config checks, file permissions. */
class OpenAttachTest {

    private static final ShmConfig CONFIG = new ShmConfig(5, 12, 1 << 20);

    @TempDir(factory = ShmTempDir.class)
    Path dir;

    @Test
    void twoAllocatorsOnOneFileSeeEachOthersAllocations() throws IOException {
        Path file = dir.resolve("arena");
        try (ShmAllocator first = ShmAllocator.open(file, CONFIG);
             ShmAllocator second = ShmAllocator.open(file, CONFIG)) {
            long a = first.malloc(100);
            first.segment(a).set(ValueLayout.JAVA_LONG, 0, 0x1111L);
            assertEquals(128, second.usableSize(a));
            assertEquals(0x1111L, second.segment(a).get(ValueLayout.JAVA_LONG, 0));
            long b = second.malloc(100);
            assertNotEquals(a, b);
            assertEquals(2, first.stats().liveAllocations());
            second.free(a); // freed by the other instance
            assertThrows(IllegalArgumentException.class, () -> first.free(a), "a double free across instances");
            first.free(b);
            assertEquals(0, second.stats().liveAllocations());
            assertTrue(first.verify().consistent());
        }
    }

    @Test
    void attachUsesTheStoredConfig() throws IOException {
        Path file = dir.resolve("arena");
        ShmConfig config = new ShmConfig(7, 15, 5L << 15);
        long offset;
        try (ShmAllocator creator = ShmAllocator.open(file, config)) {
            offset = creator.malloc(1000);
        }
        try (ShmAllocator attached = ShmAllocator.attach(file)) {
            assertEquals(config, attached.config());
            assertEquals(128, attached.minAllocatableSize());
            assertEquals(1 << 15, attached.maxAllocatableSize());
            assertEquals(1024, attached.usableSize(offset));
            assertEquals(1, attached.stats().liveAllocations());
        }
    }

    @Test
    void openWithAnotherConfigThrowsNamingBothAndChangesNothing() throws IOException {
        Path file = dir.resolve("arena");
        try (ShmAllocator creator = ShmAllocator.open(file, CONFIG)) {
            creator.malloc(64);
        }
        byte[] before = Files.readAllBytes(file);
        for (ShmConfig other : List.of(new ShmConfig(5, 13, 1 << 20), new ShmConfig(4, 12, 1 << 20),
                new ShmConfig(5, 12, 2 << 20), new ShmConfig(5, 12, (1 << 20) + 4096))) {
            ShmFormatException e = assertThrows(ShmFormatException.class, () -> ShmAllocator.open(file, other));
            assertTrue(e.getMessage().contains(other.toString()) && e.getMessage().contains(CONFIG.toString()),
                    e.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(file), "a refused open must not change the file");
        try (ShmAllocator attached = ShmAllocator.open(file, CONFIG)) {
            assertEquals(1, attached.stats().liveAllocations());
        }
    }

    @Test
    void filesAreCreatedOwnerOnlyUnlessAsked() throws IOException {
        Path file = dir.resolve("arena");
        try (ShmAllocator ignored = ShmAllocator.open(file, CONFIG)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        try (ShmAllocator ignored = ShmAllocator.attach(file)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                    "attaching does not change permissions");
        }
        Path shared = dir.resolve("shared");
        try (ShmAllocator ignored = ShmAllocator.open(shared, CONFIG, PosixFilePermissions.fromString("rw-rw----"))) {
            assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)),
                    "explicit permissions are applied whatever the umask");
        }
    }

    @Test
    void openFromEnvUsesSHM_FILEWithTheDefaultConfig() throws Exception {
        Path file = dir.resolve("from-env");
        ChildJvm child = ChildJvm.start(OpenFromEnvChild.class, List.of(), List.of(),
                Map.of(ShmAllocator.FILE_VARIABLE, file.toString()));
        assertEquals(0, child.awaitExit(Duration.ofSeconds(30)), child.lines().toString());
        long offset = Long.parseLong(child.awaitLine("OFFSET ", Duration.ZERO).substring(7));
        try (ShmAllocator attached = ShmAllocator.attach(file)) {
            assertEquals(ShmConfig.defaults(), attached.config());
            assertEquals(64, attached.usableSize(offset));
            assertEquals(OpenFromEnvChild.STAMP, attached.segment(offset).get(ValueLayout.JAVA_LONG, 0));
        }
        if (System.getenv(ShmAllocator.FILE_VARIABLE) == null) {
            IOException e = assertThrows(IOException.class, ShmAllocator::openFromEnv);
            assertTrue(e.getMessage().contains(ShmAllocator.FILE_VARIABLE), e.getMessage());
        }
    }
}
