package org.shmalloc.reports.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

import org.shmalloc.reports.html.ChartSpec;
import org.shmalloc.reports.html.HtmlReport;
import org.shmalloc.reports.html.ReportPage;
import org.shmalloc.reports.html.ReportSection;

/**
 * The tune command's part of the HTML report: a section with the recommendation, the table of
 * every candidate and a heat map of each metric over (minExponent, maxExponent).
 */
public final class TunePage {

    /**
     * A metric drawn as a heat map; {@code value} is NaN where it was not measured. {@code span} is the
     * least range the colour scale covers (0: the data's range), so that differences too small to
     * matter (a tenth of a point of efficiency) are not painted red and green.
     */
    private record Metric(String id, String title, String subtitle, boolean higherIsBetter, double span,
                          ToDoubleFunction<Ranking.Row> value) {
    }

    private static final List<Metric> MEMORY = List.of(
            new Metric("score", "Score", "efficiency/best − drops × dropped + speed × throughput/best", true, 0.02,
                    Ranking.Row::score),
            new Metric("efficiency", "Efficiency (% of the file)",
                    "user bytes held when a malloc fails after churn / file bytes (scored)", true, 2,
                    r -> 100 * r.measured().memory().efficiency()),
            new Metric("in-blocks", "In blocks (%)", "user bytes / bytes of their blocks, first fill (rounding up)",
                    true, 2, r -> 100 * r.measured().memory().blockEfficiency()),
            new Metric("first-fill", "First fill (% of capacity)", "user bytes / capacity at the first failed malloc",
                    true, 2, r -> 100 * r.measured().memory().fillEfficiency()),
            new Metric("after-churn", "After churn (% of capacity)",
                    "user bytes / capacity when a malloc fails after freeing half, mean of the rounds", true, 2,
                    r -> 100 * r.measured().memory().churnEfficiency()),
            new Metric("dropped", "Dropped (% of requests)", "requests larger than the largest block", false, 1,
                    r -> 100 * r.measured().memory().dropped()),
            new Metric("metadata", "Metadata (% of the file)", "tree words, space summary and header", false, 1,
                    r -> 100 * r.measured().memory().metadataShare()));

    private static final List<Metric> SPEED = List.of(
            new Metric("throughput", "Throughput (pairs/µs)", "malloc+free pairs per µs, all threads", true, 0,
                    r -> speed(r, SpeedMetrics::pairsPerMicro)),
            new Metric("p50", "p50 latency (ns per pair)", "median of a malloc+free pair", false, 0,
                    r -> speed(r, SpeedMetrics::p50Nanos)),
            new Metric("p99", "p99 latency (ns per pair)", "99th percentile of a pair", false, 0,
                    r -> speed(r, SpeedMetrics::p99Nanos)),
            new Metric("p999", "p99.9 latency (ns per pair)", "99.9th percentile of a pair", false, 0,
                    r -> speed(r, SpeedMetrics::p999Nanos)));

    private TunePage() {
    }

    private static double speed(Ranking.Row r, ToDoubleFunction<SpeedMetrics> f) {
        SpeedMetrics s = r.measured().speed();
        return s == null ? Double.NaN : f.applyAsDouble(s);
    }

    /** The section: recommendation, table, heat maps. */
    public static ReportSection section(Sweep.Result result) {
        Ranking ranking = result.ranking();
        List<ChartSpec> charts = new ArrayList<>();
        List<Metric> metrics = new ArrayList<>(MEMORY);
        if (ranking.speedMeasured()) {
            metrics.addAll(SPEED);
        }
        for (Metric m : metrics) {
            ChartSpec chart = heatmap(m, ranking);
            if (chart != null) {
                charts.add(chart);
            }
        }
        String note = "Recommended: " + result.ranking().why() + " Ranking: " + Ranking.describe(ranking.weights())
                + ". Memory: the workload replayed on a real arena, one thread, until the first malloc fails (first "
                + "fill), then " + result.churnRounds() + " rounds of freeing a random half and filling again until a "
                + "malloc fails (after churn; efficiency is its mean over the file size; it moves by a few tenths of "
                + "a point with the seed).";
        return new ReportSection("tune", "Size-class tuning: " + result.workload().name(), note, charts,
                table(ranking));
    }

    /** The whole page: the tune section first, then (when given) the sections of the JMH results' page. */
    public static ReportPage page(Sweep.Result result, List<ReportPage.Entry> environment, ReportPage jmhPage) {
        Ranking.Row pick = result.ranking().pick();
        String title = "shm-alloc size-class tuning — " + result.workload().name();
        String subtitle = result.measured().size() + " candidate configs, "
                + (pick == null ? "none recommended" : "recommended " + pick.candidate().pair());
        List<ReportSection> sections = new ArrayList<>();
        sections.add(section(result));
        if (jmhPage == null) {
            return HtmlReport.page(title, subtitle, environment, null, sections);
        }
        sections.addAll(jmhPage.sections());
        List<ReportPage.Entry> env = new ArrayList<>(environment);
        for (ReportPage.Entry e : jmhPage.environment()) {
            if (env.stream().noneMatch(x -> x.key().equals(e.key()))) {
                env.add(e);
            }
        }
        // the JMH results' charts (score ± error by config, latency curves) follow; their summary table
        // would repeat the tune table's speed columns, so it is left out
        return new ReportPage(title, subtitle, jmhPage.generated(), jmhPage.echartsVersion(), env,
                jmhPage.runSource(), null, List.of(), List.of(), sections);
    }

    private static ReportSection.Table table(Ranking ranking) {
        List<ReportSection.Row> rows = new ArrayList<>();
        List<List<String>> cells = TuneTable.cells(ranking);
        for (int i = 0; i < cells.size(); i++) {
            Ranking.Row r = ranking.rows().get(i);
            List<ReportSection.Cell> row = new ArrayList<>();
            List<String> texts = cells.get(i);
            for (int c = 0; c < texts.size(); c++) {
                boolean text = c == 1 || c == 2 || c == texts.size() - 1;
                row.add(new ReportSection.Cell(texts.get(c), text ? "" : "num"));
            }
            rows.add(new ReportSection.Row(row, r == ranking.pick() ? "picked" : r.eligible() ? "" : "ineligible"));
        }
        return new ReportSection.Table(TuneTable.HEADER, rows);
    }

    static String rowLabel(int min) {
        return min + " (" + Bytes.binary(1L << min) + ")";
    }

    static String columnLabel(int max) {
        return max + " (" + Bytes.binary(1L << max) + ")";
    }

    /** The heat map of one metric; null if no candidate has a value for it. */
    private static ChartSpec heatmap(Metric metric, Ranking ranking) {
        TreeSet<Integer> mins = new TreeSet<>();
        TreeSet<Integer> maxes = new TreeSet<>();
        for (Ranking.Row r : ranking.rows()) {
            if (Double.isFinite(metric.value().applyAsDouble(r))) {
                mins.add(r.candidate().minExponent());
                maxes.add(r.candidate().maxExponent());
            }
        }
        if (mins.isEmpty()) {
            return null;
        }
        List<String> columns = new ArrayList<>();
        for (int max = maxes.first(); max <= maxes.last(); max++) {
            columns.add(columnLabel(max));
        }
        List<ChartSpec.Series> series = new ArrayList<>();
        for (int min : mins) {
            List<ChartSpec.Point> points = new ArrayList<>();
            for (Ranking.Row r : ranking.rows()) {
                double v = metric.value().applyAsDouble(r);
                if (r.candidate().minExponent() == min && Double.isFinite(v)) {
                    String label = r == ranking.pick() ? "recommended" : r.eligible() ? null : "drops too many";
                    points.add(ChartSpec.Point.of(columnLabel(r.candidate().maxExponent()), v, Double.NaN, Double.NaN,
                            label));
                }
            }
            series.add(new ChartSpec.Series(rowLabel(min), points));
        }
        int height = 150 + 34 * mins.size();
        Map<String, Double> marks = metric.higherIsBetter() ? Map.of("good", 1.0, "bad", 0.0, "span", metric.span())
                : Map.of("good", 0.0, "bad", 1.0, "span", metric.span());
        return new ChartSpec("tune-" + metric.id(), "heatmap", metric.title(), metric.subtitle() + "; ★ recommended",
                "maxExponent", "minExponent", columns, series, height, marks, false);
    }
}
