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
 * crashing. The allocator's calls rethrow it as an IllegalStateException naming the file (an
 * access through a segment taken earlier gets the JVM's InternalError). There is no cheaper check
 * than the access itself. This runs in a child JVM so that a crash, were it to happen, could not
 * take the test JVM down.
 */
class TruncatedWhileMappedTest {

    @TempDir(factory = ShmTempDir.class)
    Path dir;

    @Test
    void shrinkingAMappedFileGivesAnExceptionNotACrash() throws Exception {
        Path file = dir.resolve("arena");
        ChildJvm child = ChildJvm.start(TruncatingChild.class, List.of("-Dshmalloc.attachTimeoutMillis=200"),
                List.of(file.toString()));
        int exit = child.awaitExit(Duration.ofSeconds(60));
        List<String> lines = child.lines();
        lines.forEach(line -> System.out.println("[truncating child] " + line));
        assertEquals(0, exit, "the child JVM must survive and exit normally: " + lines);
        assertTrue(lines.contains("TRUNCATED") && lines.contains("CLOSED"), lines.toString());
        // segment(offset) looks the allocation up first, so it reports the fault before any write
        for (String call : List.of("malloc", "free", "usableSize", "segment-write", "stats", "verify")) {
            String result = child.awaitLine("OP " + call + " ", Duration.ZERO);
            assertTrue(result.startsWith("OP " + call + " java.lang.IllegalStateException: memory fault in the mapping of "
                    + file) && result.contains("truncated while mapped"), result);
        }
        String attach = child.awaitLine("OP attach ", Duration.ZERO);
        assertTrue(attach.startsWith("OP attach org.shmalloc.ShmFormatException") && attach.contains("too small"),
                attach);
    }
}
