package org.shmalloc.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.shmalloc.ShmAllocator;
import org.shmalloc.ShmConfig;
import org.shmalloc.internal.ArenaLayout;

/** {@code verify FILE} on a good arena, a corrupted one, a file that is no arena, and no file. */
class VerifyCommandTest {

    private static final ShmConfig CONFIG = new ShmConfig(5, 12, 1 << 20);

    private Path file;

    @BeforeEach
    void createArena() throws IOException {
        Path shm = Path.of("/dev/shm");
        Path parent = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        file = parent.resolve("shm-reports-verify-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".arena");
        try (ShmAllocator allocator = ShmAllocator.open(file, CONFIG)) {
            for (int i = 0; i < 3; i++) {
                allocator.malloc(32);   // class 0
            }
            allocator.malloc(100);      // class 2: 128 B
            allocator.malloc(4096);     // class 7
        }
    }

    @AfterEach
    void deleteArena() throws IOException {
        Files.deleteIfExists(file);
    }

    @Test
    void aConsistentArenaPrintsItsContentsAndExitsZero() throws IOException {
        byte[] before = Files.readAllBytes(file);
        CliTest.Outcome o = CliTest.run("verify", file.toString());
        assertEquals(ShmReports.OK, o.status(), o.out() + o.err());
        String out = o.out();
        assertTrue(out.contains("capacity:   1,048,544 bytes"), out); // 1 MiB less the reserved NULL unit
        assertTrue(out.contains("used:       4,320 bytes in 5 allocations"), out); // 3x32 + 128 + 4096
        assertTrue(out.matches("(?s).*\\n\\s+0\\s+32\\s+3\\s+96\\n.*"), out);
        assertTrue(out.matches("(?s).*\\n\\s+2\\s+128\\s+1\\s+128\\n.*"), out);
        assertTrue(out.matches("(?s).*\\n\\s+7\\s+4096\\s+1\\s+4,096\\n.*"), out);
        assertTrue(out.contains("faults:     0"), out);
        assertTrue(out.strip().endsWith("consistent"), out);
        assertArrayEquals(withoutAttachCount(before), withoutAttachCount(Files.readAllBytes(file)),
                "verify changes nothing (but the header's attach count, which every attach increments)");
    }

    @Test
    void aMalformedTreeWordIsAFaultAndExitsOne() throws IOException {
        ArenaLayout layout = new ArenaLayout(CONFIG);
        long word = layout.geometry.wordIndex(0, layout.geometry.topLevel(), 0);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L),
                    layout.treeOffset + word * Long.BYTES);
        }
        CliTest.Outcome o = CliTest.run("verify", file.toString());
        assertEquals(ShmReports.FLAGGED, o.status(), o.out() + o.err());
        assertTrue(o.out().contains("FAULT: block 0"), o.out());
        assertTrue(o.out().strip().endsWith("NOT CONSISTENT"), o.out());
    }

    @Test
    void aFileThatIsNoArenaIsAFault() throws IOException {
        Files.write(file, new byte[8192]);
        CliTest.Outcome o = CliTest.run("verify", file.toString());
        assertEquals(ShmReports.FLAGGED, o.status(), o.out() + o.err());
        assertTrue(o.out().contains("FAULT:"), o.out());
    }

    @Test
    void aMissingFileCannotBeRead() {
        CliTest.Outcome o = CliTest.run("verify", file.resolveSibling("absent.arena").toString());
        assertEquals(ShmReports.ERROR, o.status());
        assertTrue(o.err().contains("not a regular file"), o.err());
    }

    /** The header (last page) holds an attach count that every attach increments by design. */
    private static byte[] withoutAttachCount(byte[] file) {
        int at = file.length - org.shmalloc.internal.ArenaLayout.PAGE + org.shmalloc.internal.ArenaLayout.ATTACH_COUNT;
        java.util.Arrays.fill(file, at, at + Long.BYTES, (byte) 0);
        return file;
    }
}
