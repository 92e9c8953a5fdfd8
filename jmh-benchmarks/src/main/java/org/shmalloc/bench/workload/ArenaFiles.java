package org.shmalloc.bench.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names and removes the benchmarks' arena files. They live in /dev/shm (tmpfs: no disk I/O in the
 * numbers) unless {@code -Dshmalloc.bench.dir} says otherwise, and are named after the process so
 * that a leftover file can be traced to the run that left it.
 *
 * <p>A run that is killed (Ctrl-C, a CI timeout, a fork JMH gives up on) cannot delete its files,
 * and on tmpfs their touched pages hold memory until someone does. So the first file a process
 * names sweeps the directory of the files of processes that no longer exist.
 */
public final class ArenaFiles {

    public static final Path DIR = Path.of(System.getProperty("shmalloc.bench.dir", "/dev/shm"));
    private static final String PREFIX = "shmalloc-bench-";
    /** {@code shmalloc-bench-<pid>-<n>-<what>}: the pid of the process that named the file. */
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{1,18})-\\d+-.+");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final AtomicBoolean SWEPT = new AtomicBoolean();

    private ArenaFiles() {
    }

    /** A fresh path that does not exist yet: {@code /dev/shm/shmalloc-bench-<pid>-<n>-<what>}. */
    public static Path newPath(String what) {
        if (SWEPT.compareAndSet(false, true)) {
            for (Path stale : sweepStale(DIR)) {
                System.out.println("# deleted " + stale + ", left by a benchmark process that has ended");
            }
        }
        Path path = DIR.resolve(PREFIX + ProcessHandle.current().pid() + "-"
                + SEQUENCE.incrementAndGet() + "-" + what);
        delete(path);
        return path;
    }

    /**
     * Deletes the benchmark files in {@code dir} whose naming process is no longer alive, and
     * returns them. Files of live processes (another run, or a pid reused since) are kept, as is
     * everything not named like a benchmark file.
     */
    public static List<Path> sweepStale(Path dir) {
        List<Path> deleted = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path file : files) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches() && ProcessHandle.of(Long.parseLong(name.group(1))).isEmpty()
                        && Files.deleteIfExists(file)) {
                    deleted.add(file);
                }
            }
        } catch (NoSuchFileException absent) {
            return deleted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sweep " + dir + " of stale benchmark files", e);
        }
        return deleted;
    }

    /** Deletes {@code path} if it exists. */
    public static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
