package org.shmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another process shrinks the file while it is mapped. Touching a mapped page past the new end
 * raises SIGBUS; the JVM turns a fault inside a memory-segment access into
 * {@link InternalError} ("a fault occurred in an unsafe memory access operation") instead of
 * crashing, and the library lets it through: there is no cheaper check than the access itself.
 * This runs in a child JVM so that a crash, were it to happen, could not take the test JVM down.
 */
class TruncatedWhileMappedTest {

    private static final String FAULT = "java.lang.InternalError: a fault occurred in an unsafe memory access operation";

    @TempDir(factory = ShmTempDir.class)
    Path dir;

    @Test
    void shrinkingAMappedFileGivesAnInternalErrorNotACrash() throws Exception {
        Path file = dir.resolve("arena");
        ChildJvm child = ChildJvm.start(TruncatingChild.class, List.of("-Dshmalloc.attachTimeoutMillis=200"),
                List.of(file.toString()));
        int exit = child.awaitExit(Duration.ofSeconds(60));
        List<String> lines = child.lines();
        lines.forEach(line -> System.out.println("[truncating child] " + line));
        assertEquals(0, exit, "the child JVM must survive and exit normally: " + lines);
        assertTrue(lines.contains("TRUNCATED") && lines.contains("CLOSED"), lines.toString());
        for (String call : List.of("malloc", "free", "usableSize", "segment-write", "stats", "verify")) {
            assertEquals("OP " + call + " " + FAULT, child.awaitLine("OP " + call + " ", Duration.ZERO));
        }
        String attach = child.awaitLine("OP attach ", Duration.ZERO);
        assertTrue(attach.startsWith("OP attach org.shmalloc.ShmFormatException") && attach.contains("too small"),
                attach);
    }
}
