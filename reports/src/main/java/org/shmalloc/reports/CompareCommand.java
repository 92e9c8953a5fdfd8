package org.shmalloc.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.shmalloc.reports.gate.Comparison;
import org.shmalloc.reports.gate.Normalised;
import org.shmalloc.reports.results.BenchmarkRun;

/** {@code compare BASE NEW}: the table and the gate's exit status. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Compares a new run with a baseline benchmark by benchmark and fails (exit status 1) on a regression.",
                "",
                "Each score becomes a cost (time per operation) divided by the CAS floor measured in the same run "
                        + "(the impl=floor partner of the same workload, else the nearest floor of the run), "
                        + "which cancels what slows the whole machine. "
                        + "Each normalised cost carries an interval: JMH's 99.9%% confidence interval widened to the "
                        + "range of the fork means (forks are separate JVMs: their spread is the run-to-run noise). "
                        + "A benchmark is a regression when new/base exceeds 1 + --max-slowdown AND the new interval "
                        + "lies wholly above the baseline's. Scores without an error estimate are never flagged."},
        footer = {"", "BASE and NEW are results folders (or single JMH JSON files). Designed to be run repeatedly: "
                + "--json writes every verdict for scripts that count false alarms and detections."})
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BASE", description = "The baseline results (e.g. reports/baseline).")
    Path base;

    @Parameters(index = "1", paramLabel = "NEW", description = "The new results.")
    Path current;

    @Mixin
    GateOptions gate;

    @Option(names = "--only-flagged", description = "Print only regressions and improvements.")
    boolean onlyFlagged;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the verdicts as JSON to FILE.")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Comparison comparison = Comparison.of(BenchmarkRun.load(base), BenchmarkRun.load(current), gate.settings());
        ComparisonTable.print(comparison, onlyFlagged, spec.commandLine().getOut());
        if (json != null) {
            writeJson(comparison, json);
        }
        return comparison.failed() ? ShmReports.FLAGGED : ShmReports.OK;
    }

    static void writeJson(Comparison comparison, Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("failed", comparison.failed());
        root.put("summary", comparison.summary());
        var settings = comparison.settings();
        root.put("settings", Map.of("maxSlowdown", settings.maxSlowdown(), "minImprovement", settings.minImprovement(),
                "normalise", settings.normalise(), "intervals", settings.intervals().name(),
                "failOnMissing", settings.failOnMissing(), "peerParam", settings.floorRule().peerParam(),
                "floorValue", settings.floorRule().floorValue(),
                "floorBenchmark", settings.floorRule().benchmark().pattern()));
        root.put("counts", comparison.counts());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Comparison.Row row : comparison.rows()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("benchmark", row.key().benchmark());
            r.put("mode", row.key().mode());
            r.put("threads", row.key().threads());
            r.put("params", row.key().params());
            r.put("verdict", row.verdict().name());
            r.put("ratio", finite(row.ratio()));
            r.put("ratioLo", finite(row.range().lo()));
            r.put("ratioHi", finite(row.range().hi()));
            put(r, "base", row.base());
            put(r, "new", row.current());
            r.put("note", row.note());
            rows.add(r);
        }
        root.put("rows", rows);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }

    private static void put(Map<String, Object> row, String name, Normalised n) {
        row.put(name, n == null ? null : finite(n.point()));
        row.put(name + "Lo", n == null ? null : finite(n.interval().lo()));
        row.put(name + "Hi", n == null ? null : finite(n.interval().hi()));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
