package org.shmalloc.bench.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.shmalloc.bench.proc.ProcessBench;
import org.shmalloc.bench.proc.ProcessBench.Spec;
import org.shmalloc.bench.run.Plan.JmhTiming;

/**
 * The named profiles (see the module README):
 * <ul>
 *   <li>{@code quick}: the default, the main job's run: every benchmark family and every peer at
 *       the settings that matter most, 2 forks each; at most 8 minutes on 2 cores;</li>
 *   <li>{@code ci}: the subset the regression gate compares, 3 forks each, with the CAS floor
 *       it normalises by; at most 5 minutes;</li>
 *   <li>{@code full}: every combination of every benchmark's parameters, longer iterations; for a
 *       quiet machine (over an hour);</li>
 *   <li>{@code smoke}: every benchmark once, one short iteration, no measurement: CI's check that
 *       each one sets up, runs its threads or processes and tears down (about a minute).</li>
 * </ul>
 */
public final class Profiles {

    /** Where arenas, tables and configs are not the point, the default situation. */
    static final String CONFIG = "5-12";
    static final String ARENA = "256M";

    private Profiles() {
    }

    public static Plan named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "quick" -> quick();
            case "ci" -> ci();
            case "full" -> full();
            case "smoke" -> smoke();
            default -> throw new IllegalArgumentException("unknown profile " + name + ": use quick, ci, full or smoke");
        };
    }

    public static Plan quick() {
        List<Case> c = new ArrayList<>();
        // the fast path, every peer, the floor
        add(c, Grid.of("PairBench.pair").p("config", CONFIG).p("impl", "floor").p("sizes", "min"));
        add(c, Grid.of("PairBench.pair").p("config", CONFIG).p("impl", "shm").p("sizes", "min", "max", "uniform", "paths"));
        add(c, Grid.of("PairBench.pair").p("config", CONFIG).p("impl", "locked", "native")
                .p("sizes", "min", "uniform", "paths"));
        // Netty's pair costs the same at every size (the full profile shows it): two sizes here
        add(c, Grid.of("PairBench.pair").p("config", CONFIG).p("impl", "netty").p("sizes", "uniform", "paths"));
        // size-class configs
        add(c, Grid.of("PairBench.pair").p("config", CONFIG).p("impl", "nettycache").p("sizes", "uniform"));
        add(c, Grid.of("PairBench.pair").p("config", "5-10", "4-8", "6-16", "3-19").p("impl", "shm").p("sizes", "min"));
        // occupancy, churn, failed malloc, growth with the arena (occupancy's growth: the full profile)
        add(c, Grid.of("OccupancyBench.pair").p("impl", "shm").p("level", "0").p("fill", "sequential"));
        // (50% is in the full profile: the targets are at 90% and 99%)
        add(c, Grid.of("OccupancyBench.pair").p("impl", "shm").p("level", "90", "99").p("fill", "sequential")
                .setup(0.5));
        add(c, Grid.of("OccupancyBench.pair").p("impl", "shm").p("level", "90", "99").p("fill", "aging")
                .setup(1.5));
        add(c, Grid.of("OccupancyBench.pair").p("impl", "locked").p("level", "90").p("fill", "aging").setup(1.5));
        // churn also in an arena whose metadata fits in a core's L2: the allocator's work without the misses
        add(c, Grid.of("ChurnBench.churn").p("impl", "shm").p("arena", ARENA).p("level", "0", "10", "50", "80")
                .setup(0.5));
        add(c, Grid.of("ChurnBench.churn").p("impl", "shm").p("arena", "16M").p("level", "0", "50", "80"));
        add(c, Grid.of("ChurnBench.churn").p("impl", "locked", "native").p("arena", ARENA).p("level", "0", "50")
                .setup(0.5));
        add(c, Grid.of("ChurnBench.churn").p("impl", "floortable").p("arena", ARENA).p("level", "0", "50", "80")
                .setup(0.5));
        add(c, Grid.of("FailedMallocBench.failedMalloc").p("impl", "shm").p("arena", "64M", "256M").p("shape", "full"));
        add(c, Grid.of("FailedMallocBench.failedMalloc").p("impl", "shm").p("arena", "1G").p("shape", "full").setup(1));
        add(c, Grid.of("FailedMallocBench.failedMalloc").p("impl", "shm").p("arena", "16G").p("shape", "full").setup(6));
        add(c, Grid.of("FailedMallocBench.failedMalloc").p("impl", "shm").p("arena", "256M").p("shape", "halfFree"));
        add(c, Grid.of("FailedMallocBench.failedMalloc").p("impl", "locked").p("arena", "256M").p("shape", "full"));
        // threads in one process
        add(c, Grid.of("ThreadsBench.private1", "ThreadsBench.private2")
                .p("impl", "floor", "floortable", "shm", "locked", "netty", "nettycache", "native"));
        // (the ring alone, impl=handoff, is in the full profile: it is 10 times any allocator here)
        add(c, Grid.of("ThreadsBench.cross").p("impl", "shm", "locked", "netty", "native", "floortable"));
        add(c, Grid.of("ThreadsBench.cross").p("impl", "shm", "floortable").p("held", "512"));
        // the NBBS papers' workloads
        add(c, Grid.of(nbbs()).p("impl", "shm"));
        add(c, Grid.of("NbbsBench.larson2").p("impl", "locked", "netty", "native"));
        // latency percentiles (.hgrm)
        add(c, Grid.of("LatencyBench.pair").p("impl", "shm", "locked", "native").p("occupancy", "0", "90")
                .p("rate", "0").setup(0.3));
        add(c, Grid.of("LatencyBench.pair").p("impl", "shm").p("occupancy", "90").p("rate", "100000").setup(0.3));
        return new Plan("quick", new JmhTiming(2, 2, 200, 4, 200), c, processSpecs(),
                new ProcessBench.Timing(2, 2, 4, 250));
    }

    public static Plan ci() {
        List<Case> c = new ArrayList<>();
        add(c, Grid.of("PairBench.pair").p("config", CONFIG).p("impl", "floor").p("sizes", "min"));
        add(c, Grid.of("PairBench.pair").p("config", CONFIG).p("impl", "shm").p("sizes", "min", "uniform"));
        add(c, Grid.of("PairBench.pair").p("config", CONFIG).p("impl", "locked").p("sizes", "uniform"));
        add(c, Grid.of("OccupancyBench.pair").p("impl", "shm").p("level", "90").p("fill", "aging").setup(1.5));
        add(c, Grid.of("FailedMallocBench.failedMalloc").p("impl", "shm").p("arena", "64M").p("shape", "full"));
        add(c, Grid.of("ThreadsBench.private1", "ThreadsBench.private2").p("impl", "floor", "shm"));
        // Not here (reports/README.md, "Out of the gate"):
        // - the cross-thread benchmarks (ThreadsBench.cross, NbbsBench.larson2): their forks land in a
        //   fast or a slow mode (2-3x apart), so 3 forks cannot gate them;
        // - ChurnBench.churn: it waits on cache misses, so its cost follows the memory traffic of
        //   whatever else runs on the host, which the CAS floor does not see. The search cost it
        //   measures is gated exactly instead, by SearchCostTest's word counts in the build.
        add(c, Grid.of("NbbsBench.linuxScalability1").p("impl", "shm"));
        add(c, Grid.of("LatencyBench.pair").p("impl", "shm").p("occupancy", "90").p("rate", "0").setup(0.3));
        List<Spec> processes = List.of(
                new Spec("floor", 1, "private", CONFIG, ARENA, "uniform"),
                new Spec("floor", 2, "private", CONFIG, ARENA, "uniform"),
                new Spec("shm", 1, "private", CONFIG, ARENA, "uniform"),
                new Spec("shm", 2, "private", CONFIG, ARENA, "uniform"));
        return new Plan("ci", new JmhTiming(3, 2, 200, 4, 200), c, processes, new ProcessBench.Timing(3, 2, 4, 200));
    }

    public static Plan full() {
        List<Case> c = new ArrayList<>();
        // the floor ignores sizes and configs: once
        add(c, Grid.of("PairBench.pair").p("config", CONFIG).p("impl", "floor").p("sizes", "min"));
        add(c, Grid.of("PairBench.pair").p("impl", "shm", "locked", "netty", "native"));
        add(c, Grid.of("OccupancyBench.pair").setup(1.5));
        add(c, Grid.of("OccupancyBench.pair").p("impl", "shm").p("arena", "64M", "1G").p("level", "90", "99").setup(3));
        add(c, Grid.of("OccupancyBench.pair").p("impl", "shm").p("arena", "16G").p("level", "90", "99")
                .p("fill", "sequential").setup(20));
        add(c, Grid.of("ChurnBench.churn").setup(0.5));
        add(c, Grid.of("FailedMallocBench.failedMalloc").p("arena", "64M", "256M", "1G").setup(1));
        add(c, Grid.of("FailedMallocBench.failedMalloc").p("arena", "16G").setup(8));
        add(c, Grid.of("ThreadsBench.private1", "ThreadsBench.private2"));
        add(c, Grid.of("ThreadsBench.cross").p("impl", "shm", "locked", "netty", "native", "floortable", "handoff")
                .p("held", "0", "512"));
        add(c, Grid.of(nbbs()));
        add(c, Grid.of("LatencyBench.pair").setup(0.3));
        // the tune command's benchmark, on its default workload (the reports tool runs it per candidate config)
        add(c, Grid.of("TuneBench.pair").setup(0.3));
        List<Spec> processes = new ArrayList<>(processSpecs());
        processes.add(new Spec("shm", 2, "cross", CONFIG, ARENA, "uniform", 512));
        return new Plan("full", new JmhTiming(3, 5, 500, 5, 500), c, processes,
                new ProcessBench.Timing(3, 5, 5, 500));
    }

    /**
     * Every benchmark method once, at the first default of each parameter with {@code impl=shm},
     * plus the cross-thread benchmark and the process harness with held allocations: the cases
     * the gate leaves out (reports/README.md, "Out of the gate") still run in CI, so that a setup
     * or teardown that fails (as JMH's teardown order once did for {@code held}) fails the build.
     * One fork, one 100 ms iteration: its scores mean nothing and nothing compares them.
     */
    public static Plan smoke() {
        List<Case> c = new ArrayList<>();
        for (String benchmark : Grid.allBenchmarks()) {
            Grid grid = Grid.of(benchmark);
            Grid.defaults(benchmark).forEach((param, choices) -> grid.p(param, param.equals("impl") ? "shm" : choices[0]));
            add(c, grid);
        }
        add(c, Grid.of("ThreadsBench.cross").p("impl", "shm").p("held", "512"));
        List<Spec> processes = List.of(new Spec("shm", 2, "cross", CONFIG, ARENA, "uniform", 512));
        return new Plan("smoke", new JmhTiming(1, 0, 100, 1, 100), c, processes, new ProcessBench.Timing(1, 0, 1, 100));
    }

    private static String[] nbbs() {
        return Grid.allBenchmarks().stream().filter(b -> b.startsWith("NbbsBench.")).toArray(String[]::new);
    }

    private static List<Spec> processSpecs() {
        return List.of(
                new Spec("floor", 1, "private", CONFIG, ARENA, "uniform"),
                new Spec("floor", 2, "private", CONFIG, ARENA, "uniform"),
                new Spec("shm", 1, "private", CONFIG, ARENA, "uniform"),
                new Spec("shm", 2, "private", CONFIG, ARENA, "uniform"),
                new Spec("shm", 2, "cross", CONFIG, ARENA, "uniform"));
    }

    private static void add(List<Case> cases, Grid grid) {
        cases.addAll(grid.cases());
    }
}
