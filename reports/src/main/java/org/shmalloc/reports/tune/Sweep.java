package org.shmalloc.reports.tune;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the sweep: for each candidate, the memory replay, then (with a probe) the speed
 * measurement, with a progress line; then the ranking.
 */
public final class Sweep {

    /** Requests written for the speed measurement (TuneBench's table length). */
    static final int SPEED_REQUESTS = 1 << 16;
    /** Seconds a memory replay takes, roughly, for the progress estimate. */
    private static final double REPLAY_SECONDS = 0.3;

    private Sweep() {
    }

    /** Everything a sweep found. */
    public record Result(Workload workload, CandidateGrid.Plan plan, List<Measured> measured, Ranking ranking,
                         int churnRounds, String speedDescription, double seconds) {
        public Result {
            measured = List.copyOf(measured);
        }
    }

    /**
     * @param probe        measures speed, or null for memory only
     * @param rounds       churn rounds of the memory replay
     * @param requestsFile where to write the requests the probe replays (kept: JMH's results name it)
     */
    public static Result run(Workload workload, CandidateGrid.Plan plan, SpeedProbe probe, Weights weights, long seed,
                             int rounds, Path arenaDir, Path requestsFile, PrintWriter out) throws IOException {
        if (probe != null) {
            writeRequests(workload, seed, requestsFile);
        }
        List<Candidate> candidates = plan.candidates();
        SweepProgress progress = new SweepProgress(out, candidates.size(),
                REPLAY_SECONDS + (probe == null ? 0 : probe.estimateSeconds()));
        List<Measured> measured = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            progress.starting(i + 1, c);
            MemoryMetrics memory = MemoryReplay.run(c, workload, seed, rounds, arenaDir);
            SpeedMetrics speed = null;
            String problem = null;
            if (probe != null && memory.dropped() < 1) {
                try {
                    speed = probe.measure(c, requestsFile);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while measuring " + c.pair(), e);
                } catch (Exception e) {
                    problem = JmhSpeedProbe.rootMessage(e);
                }
            } else if (probe != null) {
                problem = "every request is larger than the largest block";
            }
            measured.add(new Measured(c, memory, speed, problem));
            progress.finished(summary(memory, speed, problem));
        }
        return new Result(workload, plan, measured, Ranking.of(measured, weights), rounds,
                probe == null ? "not measured (--no-speed)" : probe.describe(), progress.elapsedSeconds());
    }

    /** The first {@link #SPEED_REQUESTS} requests of the replay, one size per line. */
    static void writeRequests(Workload workload, long seed, Path file) throws IOException {
        Workload.RequestStream requests = workload.requests(seed);
        StringBuilder text = new StringBuilder(SPEED_REQUESTS * 5);
        for (int i = 0; i < SPEED_REQUESTS; i++) {
            text.append(requests.next()).append('\n');
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    private static String summary(MemoryMetrics m, SpeedMetrics s, String problem) {
        String memory = String.format(Locale.ROOT, "efficiency %s (in blocks %s; of capacity: first fill %s, after churn %s), "
                + "dropped %s, metadata %s", Ranking.percent(m.efficiency()), Ranking.percent(m.blockEfficiency()),
                Ranking.percent(m.fillEfficiency()), Ranking.percent(m.churnEfficiency()),
                Ranking.percent(m.dropped()), Ranking.percent(m.metadataShare()));
        if (s != null) {
            return memory + String.format(Locale.ROOT, "; %.3g pairs/µs, p50 %.0f ns, p99 %.0f ns",
                    s.pairsPerMicro(), s.p50Nanos(), s.p99Nanos());
        }
        return problem == null ? memory : memory + "; speed: FAILED: " + problem;
    }
}
