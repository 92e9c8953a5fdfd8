package org.shmalloc.jcstress.scenarios;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;
import org.shmalloc.ShmAllocator;
import org.shmalloc.ShmConfig;
import org.shmalloc.internal.ArenaLayout;
import org.shmalloc.jcstress.arena.SliceRing;

/**
 * The initialisation race: two threads call {@link ShmAllocator#open} on the same new file at once.
 * One creates it (O_EXCL), the other attaches and waits for the published header; both must end up
 * on one consistent arena: each allocates a block and marks it, and each sees the other's block
 * live, marked, and distinct from its own; verify() finds no fault and exactly two allocations.
 *
 * <p>This is the one test on the public API and a real file per sample: every state names a fresh
 * path (in a directory of this JVM under /dev/shm), the actors create and map it, and the arbiter
 * closes both mappings and deletes it. That costs far more than the other tests' samples, so
 * jcstress' resource estimator gives it short strides and it runs far fewer samples (see the
 * README's counts); the race itself, create versus attach, is the same on every sample.
 *
 * <p>Results: what A and B got ("block", "NULL" or the exception), the arbiter's verdict. (The
 * offsets depend on each thread's starting block, so they are left out of the outcome.)
 */
public class OpenRace {

    static final ShmConfig CONFIG = new ShmConfig(5, 9, 4096);
    static final long BLOCK = 64;
    static final long MARK_A = 0xAAAA_AAAA_0000_0001L;
    static final long MARK_B = 0xBBBB_BBBB_0000_0002L;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;

    /** This JVM's directory for the race's files; removed at exit with whatever is left in it. */
    static final Path DIRECTORY = createDirectory();
    private static final AtomicLong NEXT_FILE = new AtomicLong();

    private static Path createDirectory() {
        try {
            Path directory = Files.createDirectories(SliceRing.directory()
                    .resolve("shmalloc-jcstress-open-" + ProcessHandle.current().pid()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> removeAll(directory)));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void removeAll(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException ignored) {
            // best effort at exit
        }
    }

    @JCStressTest
    @Description("two ShmAllocator.open of one new file, config (5,9) with 8 blocks; each mallocs 64 bytes")
    @Outcome(id = "block, block, ok", expect = ACCEPTABLE, desc = "both opened one arena; each sees the other's block")
    @Outcome(expect = FORBIDDEN, desc = "an open or malloc failed, or the two allocators disagree")
    @State
    public static class TwoOpens {
        final Path path = DIRECTORY.resolve("arena-" + NEXT_FILE.getAndIncrement());
        ShmAllocator allocatorA;
        ShmAllocator allocatorB;
        long offsetA;
        long offsetB;

        @Actor
        public void a(LLL_Result r) {
            try {
                allocatorA = ShmAllocator.open(path, CONFIG);
                offsetA = mallocAndMark(allocatorA, MARK_A);
                r.r1 = offsetA == ShmAllocator.NULL ? "NULL" : "block";
            } catch (IOException | RuntimeException e) {
                r.r1 = e.toString();
            }
        }

        @Actor
        public void b(LLL_Result r) {
            try {
                allocatorB = ShmAllocator.open(path, CONFIG);
                offsetB = mallocAndMark(allocatorB, MARK_B);
                r.r2 = offsetB == ShmAllocator.NULL ? "NULL" : "block";
            } catch (IOException | RuntimeException e) {
                r.r2 = e.toString();
            }
        }

        @Arbiter
        public void arbiter(LLL_Result r) {
            try {
                r.r3 = verdict();
            } catch (RuntimeException e) {
                r.r3 = e.toString();
            } finally {
                if (allocatorA != null) {
                    allocatorA.close();
                }
                if (allocatorB != null) {
                    allocatorB.close();
                }
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    r.r3 = "cannot delete " + path + ": " + e;
                }
            }
        }

        private String verdict() {
            if (allocatorA == null || allocatorB == null) {
                return "an open failed";
            }
            if (offsetA == ShmAllocator.NULL || offsetB == ShmAllocator.NULL || offsetA == offsetB) {
                return "blocks " + offsetA + " and " + offsetB;
            }
            if (allocatorA.usableSize(offsetB) != BLOCK || allocatorB.usableSize(offsetA) != BLOCK) {
                return "a block of one allocator is not live in the other";
            }
            if (allocatorA.segment(offsetB).get(LONG, 0) != MARK_B || allocatorB.segment(offsetA).get(LONG, 0) != MARK_A) {
                return "the two allocators do not share memory";
            }
            var verification = allocatorA.verify();
            if (verification.faults() != 0) {
                return "verify: " + verification.problems();
            }
            if (verification.stats().liveAllocations() != 2) {
                return verification.stats().liveAllocations() + " live allocations, expected 2";
            }
            if (!allocatorB.config().equals(CONFIG)) {
                return "B attached to " + allocatorB.config();
            }
            try {
                long size = Files.size(path);
                if (size != new ArenaLayout(CONFIG).fileSize) {
                    return "file has " + size + " bytes";
                }
            } catch (IOException e) {
                return e.toString();
            }
            return "ok";
        }
    }

    static long mallocAndMark(ShmAllocator allocator, long mark) {
        long offset = allocator.malloc(BLOCK);
        if (offset != ShmAllocator.NULL) {
            allocator.segment(offset).set(LONG, 0, mark);
        }
        return offset;
    }
}
