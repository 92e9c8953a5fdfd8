package org.shmalloc.reports.html;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.shmalloc.reports.gate.Comparison;
import org.shmalloc.reports.gate.GateSettings;
import org.shmalloc.reports.results.BenchmarkRun;
import org.shmalloc.reports.tune.TuneFixtures;
import org.shmalloc.reports.tune.TunePage;

/**
 * Loads the report in headless Chromium (Debian's {@code chromium}; .ci/run installs it) and fails
 * on any console message, page error or chart that did not render. The broken-on-purpose tests
 * prove the check can fail: each breaks the page one way and expects the check to say so.
 * The screenshot and the page are kept in target/browser-test/.
 */
class ReportBrowserTest {

    private static final Path ARTIFACTS = Path.of(System.getProperty("reports.browser.artifacts",
            "target/browser-test"));

    private static HeadlessChromium chromium;
    private static ReportPage page;

    @BeforeAll
    static void setUp() throws IOException {
        chromium = HeadlessChromium.find().orElseThrow(() -> new AssertionError(
                "the browser test needs Debian's chromium: apt-get install -y chromium (or set $CHROMIUM)"));
        BenchmarkRun current = BenchmarkRun.load(fixture("runB"));
        BenchmarkRun baseline = BenchmarkRun.load(fixture("runA"));
        GateSettings settings = GateSettings.defaults();
        page = HtmlReport.page(current, Comparison.of(baseline, current, settings), settings, "us");
    }

    static Path fixture(String name) {
        try {
            return Path.of(ReportBrowserTest.class.getResource("/fixtures/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path write(String name, String html) throws IOException {
        Path file = ARTIFACTS.resolve(name).resolve(HtmlReport.FILE_NAME);
        Files.createDirectories(file.getParent());
        Files.writeString(file, html, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void everyChartRendersWithoutAnyConsoleMessage() throws Exception {
        Path file = write("report", HtmlReport.render(page));
        HeadlessChromium.Load load = chromium.load(file);
        int charts = page.charts().size();
        assertEquals(List.of(), RenderCheck.problems(load, charts));

        // the page has every kind of chart the issue asks for
        Set<String> kinds = page.charts().stream().map(ChartSpec::kind).collect(Collectors.toSet());
        assertEquals(Set.of("bars", "lines", "latency", "ratios"), kinds);
        Set<String> sections = page.sections().stream().map(ReportSection::id).collect(Collectors.toSet());
        assertTrue(sections.containsAll(List.of("comparison-chart", "by-config", "by-threads", "by-peer", "occupancy",
                "latency")), sections.toString());

        // tall enough for the whole page: tables, then two charts per row
        long rows = page.environment().size() + page.summary().size() + page.comparison().rows().size();
        long chartRows = page.sections().stream().mapToLong(s -> (s.charts().size() + 1) / 2).sum();
        int height = (int) Math.min(16_000, 600 + 26 * rows + 120 * page.sections().size() + 450 * chartRows
                + page.charts().stream().filter(c -> c.kind().equals("ratios")).mapToInt(ChartSpec::height).sum());
        Path png = ARTIFACTS.resolve("report.png");
        chromium.screenshot(file, png, 1400, height);
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head);
        assertTrue(Files.size(png) > 100_000, "a screenshot of charts, not a blank page: " + Files.size(png));
    }

    @Test
    void theTunePageDrawsAHeatMapOfEveryMetric(@org.junit.jupiter.api.io.TempDir Path arenas) throws Exception {
        ReportPage tune = TunePage.page(TuneFixtures.pathsSweep(arenas),
                List.of(new ReportPage.Entry("workload", "paths")), null);
        Path file = write("tune", HtmlReport.render(tune));
        assertEquals(List.of(), RenderCheck.problems(chromium.load(file), tune.charts().size()));
        assertEquals(11, tune.charts().size(), "score, 6 memory and 4 speed metrics");
        assertEquals(Set.of("heatmap"), tune.charts().stream().map(ChartSpec::kind).collect(Collectors.toSet()));
        Path png = ARTIFACTS.resolve("tune.png");
        chromium.screenshot(file, png, 1400, 2600);
        assertTrue(Files.size(png) > 100_000, "a screenshot of heat maps, not a blank page: " + Files.size(png));
    }

    private static ChartSpec heatmap(List<ChartSpec.Series> rows) {
        return new ChartSpec("chart-broken", "heatmap", "broken", "", "maxExponent", "minExponent",
                List.of("12 (4 KiB)", "13 (8 KiB)"), rows, 300, Map.of("good", 1.0, "bad", 0.0), false);
    }

    @Test
    void aHeatMapCellOffTheColumnsOrARowWithoutCellsFailsTheCheck() throws Exception {
        ChartSpec offColumns = heatmap(List.of(new ChartSpec.Series("5 (32 B)",
                List.of(ChartSpec.Point.of("14 (16 KiB)", 70, Double.NaN, Double.NaN, null)))));
        List<String> problems = problemsAfter("heatmap-off-columns", withChart(offColumns), html -> html);
        assertTrue(mentions(problems, "point 14 (16 KiB) is not a category"), problems.toString());

        ChartSpec emptyRow = heatmap(List.of(
                new ChartSpec.Series("5 (32 B)", List.of(ChartSpec.Point.of("12 (4 KiB)", 70, Double.NaN, Double.NaN,
                        null))),
                new ChartSpec.Series("6 (64 B)", List.of(ChartSpec.Point.of("13 (8 KiB)", Double.NaN, Double.NaN,
                        Double.NaN, null)))));
        problems = problemsAfter("heatmap-empty-row", withChart(emptyRow), html -> html);
        assertTrue(mentions(problems, "no drawable point in series 6 (64 B)"), problems.toString());
    }

    /** Breaks the page with {@code breakage} and returns what the check found. */
    private static List<String> problemsAfter(String name, ReportPage broken, UnaryOperator<String> breakage)
            throws Exception {
        Path file = write("broken-" + name, breakage.apply(HtmlReport.render(broken)));
        List<String> problems = RenderCheck.problems(chromium.load(file), broken.charts().size());
        assertFalse(problems.isEmpty(), name + ": the check did not notice");
        return problems;
    }

    private static ReportPage withChart(ChartSpec chart) {
        return page.withSection(new ReportSection("broken", "Broken on purpose", "", List.of(chart)));
    }

    private static boolean mentions(List<String> problems, String text) {
        return problems.stream().anyMatch(p -> p.contains(text));
    }

    @Test
    void aChartOfAnUnknownKindFailsTheCheck() throws Exception {
        ChartSpec pie = new ChartSpec("chart-broken", "pie3d", "broken", "", "x", "y", List.of("a"),
                List.of(new ChartSpec.Series("s", List.of(ChartSpec.Point.of("a", 1, 0.9, 1.1, null)))), 300, Map.of(), false);
        List<String> problems = problemsAfter("unknown-kind", withChart(pie), html -> html);
        assertTrue(mentions(problems, "chart chart-broken: failed: unknown chart kind \"pie3d\""), problems.toString());
    }

    @Test
    void aChartWithNothingToDrawFailsTheCheck() throws Exception {
        // a latency curve of zeros: nothing can sit on a log axis, ECharts draws empty axes without complaint
        ChartSpec zeros = new ChartSpec("chart-broken", "latency", "broken", "", "percentile", "us", List.of(),
                List.of(new ChartSpec.Series("zeros", List.of(ChartSpec.Point.of(1.0, 0, Double.NaN, Double.NaN, null),
                        ChartSpec.Point.of(10.0, 0, Double.NaN, Double.NaN, null)))), 300, Map.of(), false);
        List<String> problems = problemsAfter("empty-series", withChart(zeros), html -> html);
        assertTrue(mentions(problems, "no drawable point in series zeros"), problems.toString());
    }

    @Test
    void aPointOffTheCategoriesFailsTheCheck() throws Exception {
        ChartSpec mismatch = new ChartSpec("chart-broken", "bars", "broken", "", "x", "y", List.of("a", "b"),
                List.of(new ChartSpec.Series("s", List.of(ChartSpec.Point.of("c", 1, 0.9, 1.1, null)))), 300, Map.of(), false);
        List<String> problems = problemsAfter("off-category", withChart(mismatch), html -> html);
        assertTrue(mentions(problems, "point c is not a category"), problems.toString());
    }

    @Test
    void aScriptErrorFailsTheCheck() throws Exception {
        List<String> problems = problemsAfter("script-error", page,
                html -> html.replace("</main>", "<script>reportHelperThatDoesNotExist();</script></main>"));
        assertTrue(mentions(problems, "reportHelperThatDoesNotExist is not defined"), problems.toString());
        assertTrue(mentions(problems, "console: "), "Chromium's own log saw it too: " + problems);
    }

    @Test
    void aMissingChartLibraryFailsTheCheck() throws Exception {
        String echarts = Assets.echartsJs();
        List<String> problems = problemsAfter("no-echarts", page, html -> {
            assertTrue(html.contains(echarts));
            return html.replace(echarts, "/* ECharts left out */");
        });
        assertTrue(mentions(problems, "echarts is not defined"), problems.toString());
        assertTrue(mentions(problems, "report status is 'failed'"), problems.toString());
    }

    @Test
    void anAttemptToFetchFromTheNetworkIsRefusedAndFailsTheCheck() throws Exception {
        // nothing leaves the machine: the page's Content-Security-Policy refuses the request
        List<String> problems = problemsAfter("network", page,
                html -> html.replace("</main>", "<img src=\"https://example.invalid/pixel.png\" alt=\"\"></main>"));
        assertTrue(mentions(problems, "blocked by the page's security policy"), problems.toString());
    }
}
