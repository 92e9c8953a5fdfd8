package org.shmalloc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.shmalloc.internal.ArenaLayout;

/**
 * Files that are not usable arenas: open and attach refuse them with an exception and leave them
 * as they were. A file that is too small or unpublished may be one whose creator is still at work,
 * so attach waits for it (bounded); these tests date such files an hour back (a creator that died
 * long ago), which the library gives up on at once. {@link AttachTimeoutTest} covers the wait.
 */
class BadFileTest {

    private static final ShmConfig CONFIG = new ShmConfig(5, 12, 64 << 10);
    private static final ArenaLayout LAYOUT = new ArenaLayout(CONFIG);

    @TempDir(factory = ShmTempDir.class)
    Path dir;

    /** A real arena file of CONFIG with one allocation, closed. */
    private Path arena(String name) throws IOException {
        Path file = dir.resolve(name);
        try (ShmAllocator allocator = ShmAllocator.open(file, CONFIG)) {
            allocator.malloc(100);
        }
        return file;
    }

    private static void dateBack(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    }

    private static void patch(Path file, long position, ByteBuffer bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(bytes, position);
        }
    }

    private static ByteBuffer littleEndian(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Both open (with the file's own config) and attach refuse {@code file} with an exception of
     * {@code type} whose message contains {@code says}, and the file is left byte for byte as it was.
     */
    private static <T extends IOException> void assertRefused(Path file, Class<T> type, String says) throws IOException {
        boolean regular = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.isReadable(file);
        byte[] before = regular ? Files.readAllBytes(file) : null;
        FileTime modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
        for (Executable call : new Executable[] {() -> ShmAllocator.attach(file).close(),
                () -> ShmAllocator.open(file, CONFIG).close()}) {
            T e = assertThrows(type, call);
            assertTrue(e.getMessage().contains(says), "expected '" + says + "' in: " + e.getMessage());
            assertTrue(e.getMessage().contains(file.toString()), "message does not name the file: " + e.getMessage());
        }
        assertTrue(Files.exists(file, LinkOption.NOFOLLOW_LINKS), "a refused file must not be deleted");
        if (regular) {
            assertArrayEquals(before, Files.readAllBytes(file), "a refused file must not be changed");
            assertEquals(modified, Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS));
        }
    }

    @Test
    void symlinkToAnotherFileIsNotFollowedAndItsTargetNotTouched() throws IOException {
        Path target = dir.resolve("precious");
        Files.writeString(target, "precious data");
        dateBack(target);
        FileTime modified = Files.getLastModifiedTime(target);
        String permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(target));
        Path link = Files.createSymbolicLink(dir.resolve("arena"), target);

        assertThrows(IOException.class, () -> ShmAllocator.open(link, CONFIG));
        assertThrows(IOException.class, () -> ShmAllocator.attach(link));

        assertTrue(Files.isSymbolicLink(link), "the planted link is left in place");
        assertEquals("precious data", Files.readString(target));
        assertEquals(modified, Files.getLastModifiedTime(target));
        assertEquals(permissions, PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void danglingSymlinkIsNotFollowedToCreateItsTarget() throws IOException {
        Path target = dir.resolve("created-through-the-link");
        Path link = Files.createSymbolicLink(dir.resolve("arena"), target);
        assertThrows(IOException.class, () -> ShmAllocator.open(link, CONFIG));
        assertFalse(Files.exists(target, LinkOption.NOFOLLOW_LINKS), "open created the link's target");
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void symlinkToAValidArenaIsRefusedToo() throws IOException {
        Path real = arena("real");
        byte[] before = Files.readAllBytes(real);
        Path link = Files.createSymbolicLink(dir.resolve("arena"), real);
        assertThrows(IOException.class, () -> ShmAllocator.open(link, CONFIG));
        assertThrows(IOException.class, () -> ShmAllocator.attach(link));
        assertArrayEquals(before, Files.readAllBytes(real));
    }

    @Test
    void directory() throws IOException {
        Path directory = Files.createDirectory(dir.resolve("arena"));
        assertRefused(directory, ShmFormatException.class, "directory");
        assertTrue(Files.isDirectory(directory));
    }

    @Test
    void emptyFile() throws IOException {
        Path file = Files.createFile(dir.resolve("arena"));
        dateBack(file);
        assertRefused(file, ShmFormatException.class, "is empty");
    }

    @Test
    void tooSmallFiles() throws IOException {
        for (int size : new int[] {1, 100, ArenaLayout.PAGE, 2 * ArenaLayout.PAGE, 3 * ArenaLayout.PAGE - 1}) {
            Path file = dir.resolve("small-" + size);
            byte[] junk = new byte[size];
            new SplittableRandom(size).nextBytes(junk);
            Files.write(file, junk);
            dateBack(file);
            assertRefused(file, ShmFormatException.class, "too small");
        }
    }

    @Test
    void fileOfOtherBytesHasNoMagic() throws IOException {
        Path file = dir.resolve("junk");
        byte[] junk = new byte[5 * ArenaLayout.PAGE];
        new SplittableRandom(5).nextBytes(junk);
        Files.write(file, junk);
        assertRefused(file, ShmFormatException.class, "no arena header");
    }

    @Test
    void wrongMagic() throws IOException {
        Path file = arena("arena");
        patch(file, LAYOUT.headerOffset + ArenaLayout.READY, littleEndian(8).putLong(0, 0x4E4F_5441_4E41_5245L));
        assertRefused(file, ShmFormatException.class, "found 0x4e4f54414e415245");
    }

    @Test
    void wrongVersion() throws IOException {
        Path file = arena("arena");
        patch(file, LAYOUT.headerOffset + ArenaLayout.VERSION, littleEndian(4).putInt(0, ArenaLayout.LAYOUT_VERSION + 1));
        assertRefused(file, ShmFormatException.class, "layout version " + (ArenaLayout.LAYOUT_VERSION + 1));
    }

    @Test
    void headerFieldThatDisagreesWithTheChecksum() throws IOException {
        Path file = arena("arena");
        patch(file, LAYOUT.headerOffset + ArenaLayout.TREE_OFFSET, littleEndian(8).putLong(0, 0));
        assertRefused(file, ShmFormatException.class, "torn or corrupt header");
    }

    @Test
    void headerWithAnInvalidConfig() throws IOException {
        Path file = arena("arena");
        patch(file, LAYOUT.headerOffset + ArenaLayout.MIN_EXPONENT, littleEndian(4).putInt(0, 2));
        assertRefused(file, ShmFormatException.class, "invalid config");
    }

    @Test
    void truncatedShorterThanItsHeaderSays() throws IOException {
        // the header page moved to the new end: a well-formed header over too few bytes
        Path file = arena("arena");
        byte[] header = ArenaState.read(file, LAYOUT.headerOffset, ArenaLayout.PAGE);
        long shorter = LAYOUT.fileSize - 2 * ArenaLayout.PAGE;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(shorter - ArenaLayout.PAGE);
            channel.write(ByteBuffer.wrap(header), shorter - ArenaLayout.PAGE);
        }
        assertRefused(file, ShmFormatException.class, "file has " + shorter + " bytes, its config " + CONFIG
                + " needs " + LAYOUT.fileSize);
    }

    @Test
    void truncatedToPartOfAPage() throws IOException {
        Path file = arena("arena");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(LAYOUT.fileSize - 100);
        }
        assertRefused(file, ShmFormatException.class, "not a whole number of pages");
    }

    @Test
    void truncatedByWholePagesLosesItsHeader() throws IOException {
        Path file = arena("arena");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(LAYOUT.fileSize - ArenaLayout.PAGE);
        }
        dateBack(file);
        assertRefused(file, ShmFormatException.class, "truncated");
    }

    @Test
    void extendedByAPage() throws IOException {
        Path file = arena("arena");
        patch(file, LAYOUT.fileSize + ArenaLayout.PAGE - 1, ByteBuffer.wrap(new byte[1]));
        dateBack(file);
        assertRefused(file, ShmFormatException.class, "truncated");
    }

    @Test
    void neverPublished() throws IOException {
        // what a creator that died before its last store leaves: everything but the ready word
        Path file = arena("arena");
        patch(file, LAYOUT.headerOffset + ArenaLayout.READY, littleEndian(8).putLong(0, 0));
        dateBack(file);
        assertRefused(file, ShmFormatException.class, "never published");
    }

    @Test
    void unreadableFile() throws IOException {
        Path file = arena("arena");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file),
                "mode 000 does not stop this user (root): the case cannot be shown here");
        assertRefused(file, java.nio.file.AccessDeniedException.class, file.toString());
    }
}
