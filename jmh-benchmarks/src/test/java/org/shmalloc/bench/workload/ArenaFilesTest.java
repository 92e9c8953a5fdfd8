package org.shmalloc.bench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArenaFilesTest {

    @TempDir
    Path dir;

    /** The pid of a process that has exited (reuse within the test is possible but vanishingly rare). */
    private static long endedPid() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }

    @Test
    void sweepingDeletesOnlyTheFilesOfEndedProcesses() throws Exception {
        long ended = endedPid();
        long live = ProcessHandle.current().pid();
        Path stale = Files.createFile(dir.resolve("shmalloc-bench-" + ended + "-3-shm.arena"));
        Path ours = Files.createFile(dir.resolve("shmalloc-bench-" + live + "-1-shm.arena"));
        Path parent = Files.createFile(dir.resolve("shmalloc-bench-" + ProcessHandle.current().parent()
                .orElseThrow().pid() + "-2-tune.arena"));
        Path unrelated = Files.createFile(dir.resolve("shmalloc-bench-notapid-1-shm.arena"));
        Path other = Files.createFile(dir.resolve("arena-" + ended));

        List<Path> deleted = ArenaFiles.sweepStale(dir);

        assertEquals(List.of(stale), deleted);
        assertFalse(Files.exists(stale), "the ended process's file is gone");
        assertTrue(Files.exists(ours) && Files.exists(parent), "files of live processes stay");
        assertTrue(Files.exists(unrelated) && Files.exists(other), "files not named by a benchmark stay");
    }

    @Test
    void sweepingAMissingDirectoryFindsNothing() {
        assertEquals(List.of(), ArenaFiles.sweepStale(dir.resolve("absent")));
    }
}
