package org.shmalloc.reports;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.shmalloc.ShmAllocator;
import org.shmalloc.ShmConfig;
import org.shmalloc.ShmFormatException;
import org.shmalloc.ShmStats;
import org.shmalloc.ShmVerification;

/**
 * {@code verify FILE}: checks an arena file's header and every tree word against the allocator's
 * invariants ({@link ShmAllocator#verify()}), changing nothing, and prints what it holds.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks an arena file (header and every shared word) without changing it; prints capacity, "
                + "used bytes per size class and any fault. Exit status 1 on a fault or a file that is not a valid "
                + "arena, 3 if it cannot be read. Exact while no other process allocates or frees. A file still being "
                + "created is waited for (up to 10 s; -Dshmalloc.attachTimeoutMillis=N)."})
final class VerifyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The arena file, e.g. /dev/shm/cache.arena.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isRegularFile(file)) {
            spec.commandLine().getErr().println("verify: " + file + ": not a regular file");
            return ShmReports.ERROR;
        }
        ShmVerification v;
        ShmConfig config;
        try (ShmAllocator allocator = ShmAllocator.attach(file)) {
            config = allocator.config();
            v = allocator.verify();
        } catch (ShmFormatException notAnArena) {
            out.println("file:    " + file);
            out.println("FAULT:   " + notAnArena.getMessage());
            return ShmReports.FLAGGED;
        }
        print(out, config, v);
        return v.consistent() ? ShmReports.OK : ShmReports.FLAGGED;
    }

    private void print(PrintWriter out, ShmConfig config, ShmVerification v) {
        ShmStats s = v.stats();
        out.printf(Locale.ROOT, "file:       %s (%,d bytes, %,d of them metadata)%n", file, v.fileBytes(),
                v.metadataBytes());
        out.printf(Locale.ROOT, "config:     blocks of %d to %d bytes (exponents %d-%d), arena %,d bytes%n",
                1L << config.minExponent(), 1L << config.maxExponent(), config.minExponent(), config.maxExponent(),
                config.arenaBytes());
        out.printf(Locale.ROOT, "capacity:   %,d bytes%n", s.capacityBytes());
        out.printf(Locale.ROOT, "used:       %,d bytes in %,d allocations (%.2f%%)%n", s.usedBytes(),
                s.liveAllocations(), s.occupancy() * 100);
        out.printf(Locale.ROOT, "free:       %,d bytes%n", s.freeBytes());
        out.println("by class:   class  block bytes  live  used bytes");
        long[] byClass = s.liveByClass();
        for (int c = 0; c < byClass.length; c++) {
            long block = 1L << (config.minExponent() + c);
            out.printf(Locale.ROOT, "            %5d  %11d  %4d  %,d%n", c, block, byClass[c], byClass[c] * block);
        }
        out.printf(Locale.ROOT, "in flight:  %d pins, %d merges in progress; %d stale pins (free space)%n",
                v.pinsInProgress(), v.mergesInProgress(), v.stalePins());
        out.printf(Locale.ROOT, "summary:    %d words claim less than is free below them (left by a free killed "
                + "midway; reclaim repairs them)%n", v.staleSummaryWords());
        out.printf(Locale.ROOT, "faults:     %d%n", v.faults());
        for (String problem : v.problems()) {
            out.println((problem.startsWith("stale") ? "  STALE: " : "  FAULT: ") + problem);
        }
        out.println(v.consistent() ? "consistent" : "NOT CONSISTENT");
    }
}
