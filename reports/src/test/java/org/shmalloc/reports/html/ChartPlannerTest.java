package org.shmalloc.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.shmalloc.reports.JmhFixture;
import org.shmalloc.reports.SuiteRuns;
import org.shmalloc.reports.gate.GateSettings;
import org.shmalloc.reports.results.BenchmarkRun;

class ChartPlannerTest {

    @TempDir
    Path dir;

    private ReportPage page(BenchmarkRun run) {
        return HtmlReport.page(run, null, GateSettings.defaults(), "us");
    }

    private static List<ChartSpec> section(ReportPage page, String id) {
        return page.sections().stream().filter(s -> s.id().equals(id)).flatMap(s -> s.charts().stream()).toList();
    }

    @Test
    void chartsFollowTheParameters() throws IOException {
        ReportPage page = page(BenchmarkRun.load(SuiteRuns.write(dir.resolve("run"), 1, SuiteRuns.QUIET, 1, 1)));
        // PairBench by config: one bar per (impl, sizes) that ran, on each config
        List<ChartSpec> byConfig = section(page, "by-config");
        assertEquals(1, byConfig.size());
        ChartSpec config = byConfig.getFirst();
        assertEquals(List.of("5-10", "5-12"), config.categories());
        assertEquals(List.of("impl=floor, sizes=min", "impl=locked, sizes=uniform", "impl=shm, sizes=min",
                "impl=shm, sizes=uniform"), config.series().stream().map(ChartSpec.Series::name).sorted().toList());
        assertTrue(config.subtitle().contains("arena=256M"), config.subtitle());
        // ThreadsBench: its methods side by side, with the thread count
        ChartSpec threads = section(page, "by-threads").stream()
                .filter(c -> c.title().startsWith("ThreadsBench")).findFirst().orElseThrow();
        assertEquals(List.of("private1 (1 thr)", "private2 (2 thr)"), threads.categories());
        assertEquals("ops/us", threads.yName());
        // every chart compares something and stays readable
        for (ChartSpec chart : page.charts()) {
            assertTrue(chart.series().size() <= ChartPlanner.MAX_SERIES, chart.title());
            if (chart.kind().equals("bars")) {
                assertTrue(chart.categories().size() >= 2, chart.title() + " " + chart.categories());
            }
        }
        // the summary table's ratios: shm vs its floor partner, vs locked where locked ran the same params
        ReportPage.SummaryRow shmUniform = page.summary().stream()
                .filter(r -> r.params().equals("arena=256M, config=5-10, impl=shm, sizes=uniform")).findFirst()
                .orElseThrow();
        assertEquals(List.of("locked", "shm"), page.peerNames());
        assertEquals(34.0 / 60, Double.parseDouble(shmUniform.peerRatios().get(0)), 0.03);
        assertEquals("", shmUniform.peerRatios().get(1)); // itself
        assertEquals(3.4, Double.parseDouble(shmUniform.floorRatio()), 0.15); // nearest floor: sizes=min
    }

    @Test
    void aSparseGridDrawsNoChartOfOneCategory() throws IOException {
        // only shm runs more than one config: the peers' slices of the grid have nothing to compare
        JmhFixture run = new JmhFixture();
        for (String config : new String[] {"5-10", "5-12", "6-16"}) {
            run.avgt("b.PairBench.pair", JmhFixture.params("impl", "shm", "config", config),
                    JmhFixture.noisy(30, 0.03, 3, 4, config.hashCode()));
        }
        run.avgt("b.PairBench.pair", JmhFixture.params("impl", "locked", "config", "5-12"),
                JmhFixture.noisy(60, 0.03, 3, 4, 1));
        run.avgt("b.PairBench.pair", JmhFixture.params("impl", "floor", "config", "5-12"),
                JmhFixture.noisy(10, 0.03, 3, 4, 2));
        ReportPage page = page(BenchmarkRun.load(run.write(dir.resolve("sparse"))));
        List<ChartSpec> byConfig = section(page, "by-config");
        assertEquals(1, byConfig.size());
        assertEquals(List.of("5-10", "5-12", "6-16"), byConfig.getFirst().categories());
        List<ChartSpec> byPeer = section(page, "by-peer");
        assertEquals(1, byPeer.size());
        assertEquals(List.of("floor", "locked", "shm"), byPeer.getFirst().categories());
        assertEquals(3, byPeer.getFirst().series().size()); // one per config

        // with more series than fit, the split yields slices where only shm ran: those are not drawn
        JmhFixture wide = new JmhFixture();
        for (int c = 0; c < 8; c++) {
            String cfg = "5-" + (10 + c);
            wide.avgt("b.PairBench.pair", JmhFixture.params("impl", "shm", "config", cfg, "sizes", "min"),
                    JmhFixture.noisy(30, 0.03, 3, 4, c));
            wide.avgt("b.PairBench.pair", JmhFixture.params("impl", "shm", "config", cfg, "sizes", "max"),
                    JmhFixture.noisy(30, 0.03, 3, 4, 100 + c));
        }
        wide.avgt("b.PairBench.pair", JmhFixture.params("impl", "floor", "config", "5-12", "sizes", "min"),
                JmhFixture.noisy(10, 0.03, 3, 4, 200));
        List<ChartSpec> widePeers = section(page(BenchmarkRun.load(wide.write(dir.resolve("wide")))), "by-peer");
        assertEquals(1, widePeers.size(), widePeers.toString());
        assertEquals(List.of("floor", "shm"), widePeers.getFirst().categories());
        assertTrue(widePeers.getFirst().subtitle().contains("config=5-12"), widePeers.getFirst().subtitle());
    }

    @Test
    void latencyFilesArePlottedAgainstInverseTailPercentile() throws IOException {
        ReportPage page = page(BenchmarkRun.load(ReportBrowserTest.fixture("runA")));
        List<ChartSpec> latency = section(page, "latency").stream()
                .filter(c -> c.subtitle().startsWith(".hgrm")).toList();
        assertEquals(1, latency.size());
        ChartSpec chart = latency.getFirst();
        assertEquals("LatencyBench.pair malloc latency", chart.title());
        Set<String> series = chart.series().stream().map(ChartSpec.Series::name).collect(Collectors.toSet());
        assertEquals(Set.of("impl=locked, occupancy=0", "impl=locked, occupancy=90", "impl=shm, occupancy=0",
                "impl=shm, occupancy=90"), series);
        ChartSpec.Point p90 = chart.series().getFirst().points().stream()
                .filter(p -> Math.abs((Double) p.x() - 10) < 1e-6).findFirst().orElseThrow(); // p = 0.9
        assertTrue(p90.y() > 0);
        assertEquals("us", chart.yName());
        assertTrue(chart.logY());
    }
}
