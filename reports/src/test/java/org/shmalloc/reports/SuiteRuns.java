package org.shmalloc.reports;

import static org.shmalloc.reports.JmhFixture.noisy;
import static org.shmalloc.reports.JmhFixture.params;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Synthetic runs shaped like the jmh-benchmarks ci profile (same benchmark and parameter names,
 * the floor as {@code impl=floor}, 3 forks x 4 iterations), with known noise and injected slowdowns.
 */
public final class SuiteRuns {

    /** Relative noise of every iteration (uniform in +-3 %): about what a quiet 2-core machine shows. */
    public static final double QUIET = 0.03;

    private SuiteRuns() {
    }

    /**
     * Writes one run to {@code dir}.
     *
     * @param seed     the noise seed (two seeds: two runs of unchanged code)
     * @param spread   the relative noise of each iteration
     * @param shm      factor on the cost of every {@code impl=shm} operation (1.3 = 30 % slower)
     * @param machine  factor on the cost of everything, the floor included (a slower or busier machine)
     */
    public static Path write(Path dir, long seed, double spread, double shm, double machine) throws IOException {
        JmhFixture run = new JmhFixture();
        long s = seed * 1000;
        for (String config : new String[] {"5-10", "5-12"}) {
            double extra = config.equals("5-12") ? 2 : 0;
            run.avgt("org.shmalloc.bench.PairBench.pair", params("impl", "floor", "config", config, "arena", "256M",
                    "sizes", "min"), noisy(10 * machine, spread, 3, 4, s++));
            run.avgt("org.shmalloc.bench.PairBench.pair", params("impl", "shm", "config", config, "arena", "256M",
                    "sizes", "min"), noisy((30 + extra) * shm * machine, spread, 3, 4, s++));
            run.avgt("org.shmalloc.bench.PairBench.pair", params("impl", "shm", "config", config, "arena", "256M",
                    "sizes", "uniform"), noisy((34 + extra) * shm * machine, spread, 3, 4, s++));
            run.avgt("org.shmalloc.bench.PairBench.pair", params("impl", "locked", "config", config, "arena", "256M",
                    "sizes", "uniform"), noisy((60 + extra) * machine, spread, 3, 4, s++));
        }
        run.thrpt("org.shmalloc.bench.ThreadsBench.private1", 1, params("impl", "floor"),
                noisy(100 / machine, spread, 3, 4, s++));
        run.thrpt("org.shmalloc.bench.ThreadsBench.private1", 1, params("impl", "shm"),
                noisy(40 / shm / machine, spread, 3, 4, s++));
        run.thrpt("org.shmalloc.bench.ThreadsBench.private2", 2, params("impl", "floor"),
                noisy(180 / machine, spread, 3, 4, s++));
        run.thrpt("org.shmalloc.bench.ThreadsBench.private2", 2, params("impl", "shm"),
                noisy(60 / shm / machine, spread, 3, 4, s++));
        run.avgt("org.shmalloc.bench.OccupancyBench.pair", params("impl", "shm", "config", "5-10", "level", "90",
                "fill", "aging"), noisy(45 * shm * machine, spread, 3, 4, s++));
        run.write(dir);
        return dir;
    }

    /** Rows written per run, and how many of them measure {@code impl=shm}. */
    public static final int ROWS = 13;
    public static final int SHM_ROWS = 7;
}
