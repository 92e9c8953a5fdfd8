package org.shmalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shmalloc.internal.ArenaLayout;

/**
 * An attacher waits for the creator's ready word, bounded by {@code shmalloc.attachTimeoutMillis}
 * (read once per JVM, so the bounded case runs in a child JVM with a short timeout).
 */
class AttachTimeoutTest {

    private static final ShmConfig CONFIG = new ShmConfig(5, 12, 64 << 10);
    private static final ArenaLayout LAYOUT = new ArenaLayout(CONFIG);
    private static final long TIMEOUT_MILLIS = 300;

    @TempDir(factory = ShmTempDir.class)
    Path dir;

    /** A full-size arena file whose ready word is still 0, as its creator leaves it until the last store. */
    private Path unpublished(String name) throws IOException {
        Path file = dir.resolve(name);
        try (ShmAllocator ignored = ShmAllocator.open(file, CONFIG)) {
            // created and published
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(8), LAYOUT.headerOffset + ArenaLayout.READY);
        }
        return file;
    }

    /**
     * The wait ends when the file has been left unchanged for the timeout (a creator that is
     * still alive keeps writing it), and never later than the timeout after attach began.
     */
    @Test
    void aFreshFileThatIsNeverPublishedFailsAfterTheTimeout() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty"));
        Path unpublished = unpublished("unpublished");
        ChildJvm child = ChildJvm.start(AttachProbeChild.class,
                List.of("-Dshmalloc.attachTimeoutMillis=" + TIMEOUT_MILLIS),
                List.of(empty.toString(), unpublished.toString()));
        assertEquals(0, child.awaitExit(Duration.ofSeconds(30)), child.lines().toString());
        assertFailedAfterWaiting(empty, child.awaitLine("RESULT " + empty + " ", Duration.ZERO), "is empty");
        assertFailedAfterWaiting(unpublished, child.awaitLine("RESULT " + unpublished + " ", Duration.ZERO),
                "never published");
    }

    private static void assertFailedAfterWaiting(Path file, String result, String says) throws IOException {
        String[] parts = result.split(" ", 5);
        long took = Long.parseLong(parts[2]);
        long idle = Long.parseLong(parts[3]) - Files.getLastModifiedTime(file).toMillis();
        assertTrue(parts[4].startsWith("ShmFormatException") && parts[4].contains(says), result);
        assertTrue(idle >= TIMEOUT_MILLIS - 20, "gave up on a file idle for only " + idle + " ms: " + result);
        assertTrue(took >= TIMEOUT_MILLIS - 20, "the child touched the file first, yet attach waited only " + took
                + " ms: " + result);
        assertTrue(took <= TIMEOUT_MILLIS + 2_000, "waited " + took + " ms with a timeout of " + TIMEOUT_MILLIS
                + " ms: " + result);
    }

    @Test
    void anAttacherWaitsForTheReadyWordAndThenSucceeds() throws Exception {
        Path file = unpublished("arena");
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<ShmConfig> attached = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            try (ShmAllocator allocator = ShmAllocator.attach(file)) {
                return allocator.config();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        started.await();
        Thread.sleep(200);
        assertTrue(!attached.isDone(), "attach returned before the file was published: " + attached);
        // publish as a creator does: the magic, with a release store, into the mapped header
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             Arena arena = Arena.ofConfined()) {
            MemorySegment header = channel.map(FileChannel.MapMode.READ_WRITE, LAYOUT.headerOffset,
                    ArenaLayout.PAGE, arena);
            ValueLayout.JAVA_LONG.varHandle().setRelease(header, (long) ArenaLayout.READY, ArenaLayout.MAGIC);
        }
        assertEquals(CONFIG, attached.get(10, TimeUnit.SECONDS));
    }
}
