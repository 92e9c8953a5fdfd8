package org.shmalloc.reports.html;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

import org.shmalloc.reports.gate.Comparison;
import org.shmalloc.reports.gate.GateSettings;
import org.shmalloc.reports.gate.Normalised;
import org.shmalloc.reports.results.BenchmarkRun;

/**
 * The report: one self-contained HTML page (ECharts, the page's script and style inlined; a
 * Content-Security-Policy that refuses every fetch) built from a run and, optionally, its
 * comparison with a baseline. The page is a Mustache template ({@code report.mustache}) filled
 * from a {@link ReportPage}.
 */
public final class HtmlReport {

    public static final String FILE_NAME = "index.html";
    private static final String TEMPLATE = "org/shmalloc/reports/html/report.mustache";

    private HtmlReport() {
    }

    /**
     * The page for {@code run}.
     *
     * @param comparison  the run against a baseline, or null
     * @param settings    the gate's settings (the floor rule and peer parameter)
     * @param latencyUnit the unit of .hgrm values that do not name theirs
     */
    public static ReportPage page(BenchmarkRun run, Comparison comparison, GateSettings settings, String latencyUnit) {
        String peerParam = settings.floorRule().peerParam();
        List<String> peers = SummaryTable.peers(run, settings.floorRule());
        List<ReportPage.Entry> environment = new ArrayList<>();
        run.env().entries().forEach((k, v) -> environment.add(new ReportPage.Entry(k, v)));
        String profile = run.env().get("profile");
        String title = "shm-alloc benchmark report" + (profile.isEmpty() ? "" : " — " + profile + " profile");
        String subtitle = run.results().size() + " JMH results, " + run.latencies().size() + " latency histograms"
                + (comparison == null ? "" : ", compared with a baseline");
        return new ReportPage(title, subtitle, now(), Assets.echartsVersion(), environment,
                run.location().toString(), comparison == null ? null : comparisonView(comparison),
                peers, SummaryTable.rows(run, settings.floorRule(), peers),
                new ChartPlanner(peerParam, latencyUnit).plan(run, comparison));
    }

    /**
     * A page of {@code sections} only, without a run's summary (a command whose results are not JMH
     * results, e.g. {@code tune --no-speed}).
     */
    public static ReportPage page(String title, String subtitle, List<ReportPage.Entry> environment, String source,
                                  List<ReportSection> sections) {
        return new ReportPage(title, subtitle, now(), Assets.echartsVersion(), environment, source, null, List.of(),
                List.of(), sections);
    }

    private static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }

    /** The page as HTML. */
    public static String render(ReportPage page) {
        Mustache template = new DefaultMustacheFactory().compile(TEMPLATE);
        Map<String, Object> assets = Map.of(
                "css", Assets.own("report.css"),
                "guardJs", Assets.own("guard.js"),
                "reportJs", Assets.own("report.js"),
                "echartsJs", Assets.echartsJs(),
                "chartsJson", chartsJson(page));
        StringWriter out = new StringWriter();
        template.execute(out, new Object[] {assets, page});
        return out.toString();
    }

    /** Writes {@code page} to {@code dir/index.html} and returns that path. */
    public static Path write(ReportPage page, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        Files.writeString(file, render(page), StandardCharsets.UTF_8);
        return file;
    }

    /**
     * The chart specs as JSON for a {@code <script type="application/json">} block: {@code <},
     * {@code >} and {@code &} (and the JS line separators) are written as {@code \}{@code u} escapes,
     * so no string in the data can close the block.
     */
    static String chartsJson(ReportPage page) {
        try {
            String json = new ObjectMapper().writeValueAsString(Map.of("charts", page.charts()));
            return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                    .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ReportPage.ComparisonView comparisonView(Comparison comparison) {
        GateSettings s = comparison.settings();
        List<ReportPage.ComparisonRow> rows = new ArrayList<>();
        for (Comparison.Row row : comparison.rows()) {
            rows.add(new ReportPage.ComparisonRow(row.key().shortName() + " " + row.key().mode()
                    + (row.key().threads() == 1 ? "" : " t" + row.key().threads()), row.key().paramsText(),
                    normalised(row.base(), s), normalised(row.current(), s), Formats.ratio(row.ratio()),
                    Formats.range(row.range().lo(), row.range().hi()), row.verdict().label,
                    row.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'), row.note()));
        }
        return new ReportPage.ComparisonView(comparison.summary(), comparison.failed() ? "gate-fail" : "gate-pass",
                comparison.base().location().toString(), "1 + " + Formats.percent(s.maxSlowdown()),
                s.intervals().name().toLowerCase(Locale.ROOT), rows);
    }

    private static String normalised(Normalised n, GateSettings settings) {
        if (n == null) {
            return "–";
        }
        String unit = n.floor() == null ? " ns/op" : " ×floor";
        return Formats.number(n.point()) + unit + " " + Formats.range(n.interval().lo(), n.interval().hi());
    }
}
