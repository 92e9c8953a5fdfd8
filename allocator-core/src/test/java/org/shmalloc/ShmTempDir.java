package org.shmalloc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * {@code @TempDir(factory = ShmTempDir.class)}: a fresh directory under /dev/shm (tmpfs), where
 * arena files belong; JUnit deletes it, and every file in it, after the test.
 */
public final class ShmTempDir implements TempDirFactory {

    static final Path SHM = Path.of("/dev/shm");

    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws IOException {
        Path parent = Files.isDirectory(SHM) ? SHM : Path.of(System.getProperty("java.io.tmpdir"));
        return Files.createTempDirectory(parent, "shmalloc-test-");
    }
}
