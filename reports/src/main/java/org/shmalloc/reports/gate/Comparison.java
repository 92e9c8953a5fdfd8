package org.shmalloc.reports.gate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.shmalloc.reports.results.BenchmarkKey;
import org.shmalloc.reports.results.BenchmarkRun;
import org.shmalloc.reports.results.JmhResult;

/**
 * A new run against a baseline, benchmark by benchmark, and the gate's verdict on each.
 *
 * <p>The rule: normalise each score by the floor of its own run ({@link Normalised}); the ratio
 * {@code new / base} of normalised costs is the slowdown ({@code 1.30} = 30 % slower). A benchmark
 * is a {@link Verdict#REGRESSION} when the ratio exceeds {@code 1 + maxSlowdown} AND the new
 * interval lies wholly above the baseline's; an {@link Verdict#IMPROVEMENT} symmetrically. Both
 * conditions are needed: the threshold ignores slowdowns too small to matter, the interval test
 * ignores differences the run's own noise can explain.
 *
 * @param base     the baseline run
 * @param current  the new run
 * @param settings the thresholds
 * @param rows     one per benchmark of either run, in key order
 */
public record Comparison(BenchmarkRun base, BenchmarkRun current, GateSettings settings, List<Row> rows) {

    /**
     * One benchmark.
     *
     * @param key     the benchmark
     * @param verdict the gate's verdict
     * @param base    its normalised score in the baseline (null if missing)
     * @param current its normalised score in the new run (null if missing)
     * @param ratio   current / base of the normalised points (NaN if not comparable)
     * @param range   the ratio's interval: {@code [current.lo / base.hi, current.hi / base.lo]}
     * @param note    why, in a few words
     */
    public record Row(BenchmarkKey key, Verdict verdict, Normalised base, Normalised current, double ratio,
                      Interval range, String note) {
    }

    public static Comparison of(BenchmarkRun base, BenchmarkRun current, GateSettings settings) {
        Map<BenchmarkKey, JmhResult> before = index(base);
        Map<BenchmarkKey, JmhResult> after = index(current);
        TreeMap<BenchmarkKey, Boolean> keys = new TreeMap<>();
        before.keySet().forEach(k -> keys.put(k, true));
        after.keySet().forEach(k -> keys.put(k, true));
        List<Row> rows = new ArrayList<>();
        for (BenchmarkKey key : keys.keySet()) {
            rows.add(row(key, before.get(key), after.get(key), base, current, settings));
        }
        return new Comparison(base, current, settings, List.copyOf(rows));
    }

    public long count(Verdict verdict) {
        return rows.stream().filter(r -> r.verdict() == verdict).count();
    }

    public Map<Verdict, Long> counts() {
        Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, count(v));
        }
        return counts;
    }

    /** True when the gate fails: a regression, or (if so configured) a missing benchmark. */
    public boolean failed() {
        return count(Verdict.REGRESSION) > 0 || (settings.failOnMissing() && count(Verdict.MISSING) > 0);
    }

    /** One line for logs: {@code gate: FAIL: 1 regression, 0 improvements, ...}. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "gate: %s: %d regression(s), %d improvement(s), %d unchanged, %d not compared, %d missing, %d new"
                        + " (threshold +%.0f%% / -%.0f%%, %s, %s intervals)",
                failed() ? "FAIL" : "PASS", count(Verdict.REGRESSION), count(Verdict.IMPROVEMENT),
                count(Verdict.UNCHANGED), count(Verdict.NOT_COMPARED), count(Verdict.MISSING), count(Verdict.ADDED),
                settings.maxSlowdown() * 100, settings.minImprovement() * 100,
                settings.normalise() ? "normalised by the CAS floor of each run" : "raw ns/op (not normalised)",
                settings.intervals().name().toLowerCase(java.util.Locale.ROOT));
    }

    private static Row row(BenchmarkKey key, JmhResult before, JmhResult after, BenchmarkRun base,
                           BenchmarkRun current, GateSettings settings) {
        if (before == null) {
            return new Row(key, Verdict.ADDED, null, null, Double.NaN, Interval.UNKNOWN, "not in the baseline");
        }
        if (after == null) {
            return new Row(key, Verdict.MISSING, null, null, Double.NaN, Interval.UNKNOWN, "not in the new run");
        }
        if (!Cost.convertible(before.primary().unit()) || !Cost.convertible(after.primary().unit())) {
            return new Row(key, Verdict.NOT_COMPARED, null, null, Double.NaN, Interval.UNKNOWN,
                    "unit " + after.primary().unit() + " is not a time or a throughput");
        }
        boolean isFloor = settings.floorRule().isFloor(key);
        JmhResult floorBefore = null;
        JmhResult floorAfter = null;
        if (settings.normalise() && !isFloor) {
            floorBefore = settings.floorRule().floorFor(key, base);
            floorAfter = settings.floorRule().floorFor(key, current);
            if (floorBefore == null || floorAfter == null) {
                return new Row(key, Verdict.NOT_COMPARED, null, null, Double.NaN, Interval.UNKNOWN,
                        "no floor in the " + (floorBefore == null ? "baseline" : "new run") + " to normalise by");
            }
        }
        Normalised b = Normalised.of(before, floorBefore, settings.intervals());
        Normalised a = Normalised.of(after, floorAfter, settings.intervals());
        double ratio = a.point() / b.point();
        Interval range = a.interval().bounded() && b.interval().bounded() && b.interval().lo() > 0
                ? new Interval(a.interval().lo() / b.interval().hi(), a.interval().hi() / b.interval().lo())
                : Interval.UNKNOWN;
        if (settings.normalise() && isFloor) {
            return new Row(key, Verdict.FLOOR, b, a, ratio, range, "the yardstick (raw ratio)");
        }
        if (!a.interval().bounded() || !b.interval().bounded()) {
            boolean estimated = hasError(before) && hasError(after) && hasError(floorBefore) && hasError(floorAfter);
            return new Row(key, Verdict.NOT_COMPARED, b, a, ratio, range, estimated
                    ? "too noisy: an interval reaches zero throughput or zero floor time"
                    : "no error estimate (a single iteration?)");
        }
        double slower = 1 + settings.maxSlowdown();
        double faster = 1 / (1 + settings.minImprovement());
        if (ratio > slower) {
            return a.interval().above(b.interval())
                    ? new Row(key, Verdict.REGRESSION, b, a, ratio, range, "slower, beyond the noise")
                    : new Row(key, Verdict.UNCHANGED, b, a, ratio, range, "slower, but the intervals overlap");
        }
        if (ratio < faster) {
            return a.interval().below(b.interval())
                    ? new Row(key, Verdict.IMPROVEMENT, b, a, ratio, range, "faster, beyond the noise")
                    : new Row(key, Verdict.UNCHANGED, b, a, ratio, range, "faster, but the intervals overlap");
        }
        return new Row(key, Verdict.UNCHANGED, b, a, ratio, range, "within the threshold");
    }

    private static boolean hasError(JmhResult result) {
        return result == null || result.primary().hasError() || result.primary().forks() >= 2;
    }

    private static Map<BenchmarkKey, JmhResult> index(BenchmarkRun run) {
        Map<BenchmarkKey, JmhResult> map = new TreeMap<>();
        run.results().forEach(r -> map.put(r.key(), r));
        return map;
    }
}
