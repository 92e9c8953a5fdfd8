package org.shmalloc.reports.html;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.shmalloc.reports.gate.Comparison;
import org.shmalloc.reports.gate.Verdict;
import org.shmalloc.reports.results.BenchmarkKey;
import org.shmalloc.reports.results.BenchmarkRun;
import org.shmalloc.reports.results.JmhResult;
import org.shmalloc.reports.results.LatencyHistogram;

/**
 * Decides which charts the report shows, from what the run measured (nothing is hard-wired to a
 * benchmark's name). Parameters are recognised by name:
 * <ul>
 *   <li>size-class config: {@code config}, {@code exponents}, {@code minExponent}/{@code maxExponent};</li>
 *   <li>threads and processes: JMH's thread count, and {@code threads}/{@code processes} parameters;
 *       and, per benchmark class, its methods side by side (e.g. 1-thread, 2-thread and cross-thread
 *       variants of one workload);</li>
 *   <li>peers: the peer parameter ({@code impl});</li>
 *   <li>occupancy: {@code occupancy} or {@code level} (a numeric x: curves).</li>
 * </ul>
 * A chart is drawn for each benchmark and each of these that takes two or more values in it.
 */
final class ChartPlanner {

    static final int MAX_SERIES = 6;
    /** The pseudo-parameter holding JMH's thread count. */
    static final String THREADS = "threads";
    private static final Pattern CONFIG = Pattern.compile("(?i)config|exponents?|(min|max)[-_]?exp(onent)?s?");
    private static final Pattern WORKERS = Pattern.compile("(?i)threads|processes|procs|jvms");
    private static final Pattern OCCUPANCY = Pattern.compile("(?i)occupancy|level");
    /** HdrFiles' names: {@code Bench.method-k=v-k=v.op}; a value may contain '-' ({@code config=5-12}). */
    private static final Pattern HGRM_NAME = Pattern.compile("([A-Za-z0-9_$]+\\.[A-Za-z0-9_$]+)((?:-[^=]+=.*?)*)\\.([A-Za-z0-9_]+)");
    private static final Pattern HGRM_PARAM = Pattern.compile("-([A-Za-z0-9_]+)=(.*?)(?=-[A-Za-z0-9_]+=|$)");

    private final String peerParam;
    private final String latencyUnit;
    private int nextId;

    ChartPlanner(String peerParam, String latencyUnit) {
        this.peerParam = peerParam;
        this.latencyUnit = latencyUnit;
    }

    List<ReportSection> plan(BenchmarkRun run, Comparison comparison) {
        List<ReportSection> sections = new ArrayList<>();
        if (comparison != null) {
            sections.add(new ReportSection("comparison-chart", "Comparison chart",
                    "New / baseline of the floor-normalised cost per benchmark, with its range; dashed lines: the "
                            + "gate's thresholds. Red: regression, green: improvement, grey: unchanged or not compared.",
                    List.of(ratios(comparison))));
        }
        add(sections, "by-config", "By size-class config",
                "Score ± JMH error per (minExponent-maxExponent) config.",
                byParam(run, this::isConfig, "size-class config", false));
        List<ChartSpec> workers = new ArrayList<>(byParam(run,
                name -> name.equals(THREADS) || WORKERS.matcher(name).matches(), "threads / processes", false));
        workers.addAll(byMethod(run));
        add(sections, "by-threads", "By thread and process count",
                "Score ± JMH error by thread count (and per benchmark class, its single-thread, multi-thread and "
                        + "cross-thread methods side by side).", workers);
        add(sections, "by-peer", "By peer",
                "Score ± JMH error of each allocator on the same workload in the same run; the floor is a bare pair "
                        + "of CAS operations on one mapped word.", byParam(run, peerParam::equals, "peer", false));
        add(sections, "occupancy", "Occupancy curves",
                "Score ± JMH error against arena occupancy (%).",
                byParam(run, name -> OCCUPANCY.matcher(name).matches(), "occupancy %", true));
        List<ChartSpec> latency = new ArrayList<>(hgrmCharts(run.latencies()));
        latency.addAll(sampleModeCharts(run));
        add(sections, "latency", "Latency percentiles",
                "Latency against percentile, HdrHistogram's way: the x axis is 1/(1-p) on a log scale, so 90 %, "
                        + "99 %, 99.9 % ... are evenly spaced and the tail is visible.", latency);
        return sections;
    }

    private static void add(List<ReportSection> sections, String id, String title, String note, List<ChartSpec> charts) {
        if (!charts.isEmpty()) {
            sections.add(new ReportSection(id, title, note, charts));
        }
    }

    private boolean isConfig(String name) {
        return CONFIG.matcher(name).matches();
    }

    /** The parameters of a result plus its thread count, as chart dimensions. */
    private static Map<String, String> dims(JmhResult result) {
        Map<String, String> dims = new TreeMap<>(result.key().params());
        dims.putIfAbsent(THREADS, String.valueOf(result.key().threads()));
        return dims;
    }

    /** One chart per benchmark (and mode, unit) for each set of parameters that {@code xParam} selects. */
    private List<ChartSpec> byParam(BenchmarkRun run, java.util.function.Predicate<String> xParam, String xName,
                                    boolean curve) {
        Map<String, List<JmhResult>> byBenchmark = new LinkedHashMap<>();
        for (JmhResult r : run.results()) {
            byBenchmark.computeIfAbsent(r.key().benchmark() + "|" + r.key().mode() + "|" + r.primary().unit(),
                    k -> new ArrayList<>()).add(r);
        }
        List<ChartSpec> charts = new ArrayList<>();
        for (List<JmhResult> results : byBenchmark.values()) {
            Set<String> xDims = new TreeSet<>();
            results.forEach(r -> dims(r).keySet().stream().filter(xParam).forEach(xDims::add));
            if (xDims.isEmpty()) {
                continue;
            }
            Function<JmhResult, String> x = r -> xDims.stream().map(d -> dims(r).getOrDefault(d, "–"))
                    .reduce((a, b) -> a + " / " + b).orElse("");
            if (results.stream().map(x).distinct().count() < 2) {
                continue;
            }
            BenchmarkKey first = results.getFirst().key();
            String name = xDims.size() == 1 && !xDims.contains(THREADS) ? xDims.iterator().next() : xName;
            charts.addAll(charts(results, x, xDims, first.shortName() + " (" + first.mode() + ") by " + name, name, curve));
        }
        return charts;
    }

    /** Per benchmark class with two or more methods: the methods side by side (threads in the label). */
    private List<ChartSpec> byMethod(BenchmarkRun run) {
        Map<String, List<JmhResult>> byClass = new LinkedHashMap<>();
        for (JmhResult r : run.results()) {
            String benchmark = r.key().benchmark();
            String type = benchmark.substring(0, Math.max(0, benchmark.lastIndexOf('.')));
            byClass.computeIfAbsent(type + "|" + r.key().mode() + "|" + r.primary().unit(), k -> new ArrayList<>()).add(r);
        }
        List<ChartSpec> charts = new ArrayList<>();
        for (List<JmhResult> results : byClass.values()) {
            Set<String> methods = new TreeSet<>();
            results.forEach(r -> methods.add(r.key().benchmark()));
            boolean threadsVary = results.stream().map(r -> r.key().threads()).distinct().count() > 1;
            if (methods.size() < 2 || !threadsVary) {
                continue;
            }
            Function<JmhResult, String> x = r -> {
                String method = r.key().benchmark().substring(r.key().benchmark().lastIndexOf('.') + 1);
                return method + " (" + r.key().threads() + " thr)";
            };
            String type = results.getFirst().key().shortName();
            type = type.substring(0, type.indexOf('.'));
            charts.addAll(charts(results, x, Set.of(THREADS), type + " (" + results.getFirst().key().mode()
                    + ") by method and threads", "method (threads)", false));
        }
        return charts;
    }

    private List<ChartSpec> charts(List<JmhResult> results, Function<JmhResult, String> x, Set<String> xDims,
                                   String title, String xName, boolean curve) {
        List<ChartSpec> charts = new ArrayList<>();
        boolean lines = curve && results.stream().map(x).allMatch(ChartPlanner::isNumber);
        for (SeriesSplitter.Chart<JmhResult> chart : SeriesSplitter.split(results, ChartPlanner::dims, xDims, peerParam,
                MAX_SERIES)) {
            List<String> categories = chart.items().stream().map(x).distinct()
                    .sorted((a, b) -> compareValues(a, b)).toList();
            if (categories.size() < 2) {
                continue; // a sparse grid: in this slice the x parameter takes one value, nothing to compare
            }
            Map<String, List<ChartSpec.Point>> series = new LinkedHashMap<>();
            chart.items().stream().sorted(Comparator.comparing(JmhResult::key)).forEach(r -> {
                var m = r.primary();
                double lo = m.hasError() ? m.score() - m.error() : Double.NaN;
                double hi = m.hasError() ? m.score() + m.error() : Double.NaN;
                Object xValue = lines ? (Object) Double.parseDouble(x.apply(r)) : x.apply(r);
                series.computeIfAbsent(chart.seriesName().apply(r), k -> new ArrayList<>())
                        .add(ChartSpec.Point.of(xValue, m.score(), lo, hi, null));
            });
            String unit = results.getFirst().primary().unit();
            charts.add(new ChartSpec(nextId(), lines ? "lines" : "bars", title,
                    SeriesSplitter.describe(chart.fixed(), List.of()), xName, unit, lines ? List.of() : categories,
                    series.entrySet().stream().map(e -> new ChartSpec.Series(e.getKey(), e.getValue())).toList(), 380,
                    Map.of(), spansDecades(chart.items())));
        }
        return charts;
    }

    /** .hgrm files, one chart per benchmark and operation, split by parameters like the others. */
    private List<ChartSpec> hgrmCharts(List<LatencyHistogram> histograms) {
        Map<String, List<LatencyHistogram>> groups = new LinkedHashMap<>();
        Map<LatencyHistogram, Map<String, String>> params = new LinkedHashMap<>();
        for (LatencyHistogram h : histograms) {
            Matcher name = HGRM_NAME.matcher(h.name());
            Map<String, String> dims = new TreeMap<>();
            String group;
            if (name.matches()) {
                Matcher p = HGRM_PARAM.matcher(name.group(2));
                while (p.find()) {
                    dims.put(p.group(1), p.group(2));
                }
                group = name.group(1) + " " + name.group(3);
            } else {
                dims.put("file", h.name());
                group = "latency";
            }
            params.put(h, dims);
            groups.computeIfAbsent(group, k -> new ArrayList<>()).add(h);
        }
        List<ChartSpec> charts = new ArrayList<>();
        groups.forEach((group, members) -> {
            for (SeriesSplitter.Chart<LatencyHistogram> chart : SeriesSplitter.split(members, params::get, Set.of(),
                    peerParam, MAX_SERIES)) {
                List<ChartSpec.Series> series = chart.items().stream().map(h -> new ChartSpec.Series(
                        chart.seriesName().apply(h).equals("score") ? h.name() : chart.seriesName().apply(h),
                        h.points().stream().filter(p -> p.percentile() < 1)
                                .map(p -> ChartSpec.Point.of(p.inverseTail(), p.value(), Double.NaN, Double.NaN, null))
                                .toList())).toList();
                String unit = chart.items().getFirst().unit().isEmpty() ? latencyUnit : chart.items().getFirst().unit();
                charts.add(new ChartSpec(nextId(), "latency", group + " latency",
                        SeriesSplitter.describe(chart.fixed(), List.of(".hgrm")), "percentile", unit, List.of(), series,
                        400, Map.of(), true));
            }
        });
        return charts;
    }

    /** JMH sample-mode results: their score percentiles on the same axes as the .hgrm files. */
    private List<ChartSpec> sampleModeCharts(BenchmarkRun run) {
        Map<String, List<JmhResult>> groups = new LinkedHashMap<>();
        for (JmhResult r : run.results()) {
            if (r.key().mode().equals("sample") && r.primary().percentiles().size() > 2) {
                groups.computeIfAbsent(r.key().benchmark(), k -> new ArrayList<>()).add(r);
            }
        }
        List<ChartSpec> charts = new ArrayList<>();
        groups.forEach((benchmark, results) -> {
            for (SeriesSplitter.Chart<JmhResult> chart : SeriesSplitter.split(results, ChartPlanner::dims, Set.of(),
                    peerParam, MAX_SERIES)) {
                List<ChartSpec.Series> series = chart.items().stream().map(r -> new ChartSpec.Series(
                        chart.seriesName().apply(r),
                        r.primary().percentiles().entrySet().stream().filter(e -> e.getKey() < 100)
                                .sorted(Map.Entry.comparingByKey())
                                .map(e -> ChartSpec.Point.of(1 / (1 - e.getKey() / 100), e.getValue(), Double.NaN,
                                        Double.NaN, null))
                                .toList())).toList();
                charts.add(new ChartSpec(nextId(), "latency", results.getFirst().key().shortName() + " latency",
                        SeriesSplitter.describe(chart.fixed(), List.of("JMH sample mode")), "percentile",
                        results.getFirst().primary().unit(), List.of(), series, 400, Map.of(), true));
            }
        });
        return charts;
    }

    private ChartSpec ratios(Comparison comparison) {
        List<String> categories = new ArrayList<>();
        List<ChartSpec.Point> points = new ArrayList<>();
        for (Comparison.Row row : comparison.rows()) {
            if (!Double.isFinite(row.ratio()) || row.verdict() == Verdict.FLOOR) {
                continue;
            }
            String label = row.key().label();
            categories.add(label);
            points.add(ChartSpec.Point.of(label, row.ratio(), row.range().lo(), row.range().hi(), row.verdict().label));
        }
        Map<String, Double> marks = Map.of("slower", 1 + comparison.settings().maxSlowdown(),
                "faster", 1 / (1 + comparison.settings().minImprovement()));
        return new ChartSpec(nextId(), "ratios", "New / baseline, normalised by the CAS floor",
                comparison.settings().normalise() ? "" : "raw ns/op: not normalised", "ratio (above 1: slower)", "",
                categories, List.of(new ChartSpec.Series("ratio", points)), Math.max(260, 22 * categories.size() + 120),
                marks, false);
    }

    /** True when the largest score is more than 100 times the smallest: a linear axis would hide the small ones. */
    private static boolean spansDecades(List<JmhResult> results) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (JmhResult r : results) {
            double score = r.primary().score();
            if (score > 0) {
                min = Math.min(min, score);
                max = Math.max(max, score);
            }
        }
        return max > 100 * min;
    }

    private String nextId() {
        return "chart-" + (++nextId);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static int compareValues(String a, String b) {
        if (isNumber(a) && isNumber(b)) {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        }
        return a.compareTo(b);
    }
}
