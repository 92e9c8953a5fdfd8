package org.shmalloc.bench.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The table printed at the end of a run and kept as {@code summary.md}: every result with its
 * parameters, score and error, and its cost relative to the CAS floor measured in the same run
 * ({@code x floor}: how many times the floor's time per call; for throughput scores, the floor
 * with the same number of threads or processes). The reports module draws the full picture from
 * {@code results.json}; this is for reading a run at a glance.
 */
final class Summary {

    private final Collection<RunResult> results;

    Summary(Collection<RunResult> results) {
        this.results = results;
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append("| benchmark | params | threads | score | ± error | unit | x floor | failed mallocs |\n");
        out.append("|---|---|---|---:|---:|---|---:|---:|\n");
        for (RunResult r : results) {
            BenchmarkParams p = r.getParams();
            Result<?> primary = r.getPrimaryResult();
            String name = p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.', p.getBenchmark().lastIndexOf('.') - 1) + 1);
            String params = p.getParamsKeys().stream()
                    .filter(k -> !k.equals("arena") || !p.getParam(k).equals("256M"))
                    .map(k -> k + "=" + p.getParam(k)).collect(Collectors.joining(" "));
            out.append("| ").append(name).append(" | ").append(params).append(" | ").append(p.getThreads())
                    .append(" | ").append(number(primary.getScore())).append(" | ").append(number(primary.getScoreError()))
                    .append(" | ").append(primary.getScoreUnit()).append(" | ").append(floorRatio(r))
                    .append(" | ").append(failed(r)).append(" |\n");
        }
        return out.toString();
    }

    void write(Path file) throws IOException {
        Files.writeString(file, table(), StandardCharsets.UTF_8);
    }

    private String floorRatio(RunResult r) {
        BenchmarkParams p = r.getParams();
        if (p.getBenchmark().endsWith("LatencyBench.pair")) {
            return "-"; // its score includes timestamps and, when paced, the wait for the schedule
        }
        RunResult floor = floorFor(p);
        if (floor == null) {
            return "-";
        }
        double mine = r.getPrimaryResult().getScore();
        double theirs = floor.getPrimaryResult().getScore();
        double ratio = p.getMode() == Mode.Throughput ? theirs / mine : mine / theirs;
        return String.format(Locale.ROOT, "%.2f", ratio);
    }

    /** The floor to compare with: the pair floor for times, the same-thread-count floor for throughputs. */
    private RunResult floorFor(BenchmarkParams p) {
        String wanted;
        if (p.getMode() != Mode.Throughput) {
            wanted = "org.shmalloc.bench.PairBench.pair";
        } else if (p.getBenchmark().startsWith("org.shmalloc.bench.proc.")) {
            wanted = "org.shmalloc.bench.proc.ProcessBench.privateFrees";
        } else {
            wanted = "org.shmalloc.bench.ThreadsBench.private" + p.getThreads();
        }
        for (RunResult candidate : results) {
            BenchmarkParams c = candidate.getParams();
            if (c.getBenchmark().equals(wanted) && "floor".equals(c.getParam("impl"))
                    && (!wanted.contains("proc.") || p.getParam("processes").equals(c.getParam("processes")))) {
                return candidate;
            }
        }
        return null;
    }

    private static String failed(RunResult r) {
        Result<?> failed = r.getSecondaryResults().get("failedMallocs");
        Result<?> all = r.getSecondaryResults().get("mallocs");
        if (failed == null || all == null || all.getScore() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * failed.getScore() / all.getScore());
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, magnitude >= 10 ? "%.1f" : "%.3f", value);
    }
}
