package org.shmalloc.reports.html;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.shmalloc.reports.gate.Cost;
import org.shmalloc.reports.gate.FloorRule;
import org.shmalloc.reports.results.BenchmarkKey;
import org.shmalloc.reports.results.BenchmarkRun;
import org.shmalloc.reports.results.JmhResult;
import org.shmalloc.reports.results.Metric;

/**
 * The report's summary table: every result with its score and error, its ratio to the floor, and
 * its ratio to each peer (the other values of the {@code impl} parameter with otherwise the same
 * parameters, in the same run). Ratios compare costs (time per operation): 0.5 means twice as fast.
 */
final class SummaryTable {

    /** JMH's sample-mode percentile metrics ({@code p0.50} ...): they belong to the latency charts. */
    private static final Pattern PERCENTILE_METRIC = Pattern.compile("p\\d+(\\.\\d+)?");

    private SummaryTable() {
    }

    /** The peers that get a column: values of the peer parameter other than the floor, sorted. */
    static List<String> peers(BenchmarkRun run, FloorRule rule) {
        TreeSet<String> names = new TreeSet<>();
        for (JmhResult result : run.results()) {
            String impl = result.key().params().get(rule.peerParam());
            if (impl != null && !impl.equalsIgnoreCase(rule.floorValue())) {
                names.add(impl);
            }
        }
        return List.copyOf(names);
    }

    static List<ReportPage.SummaryRow> rows(BenchmarkRun run, FloorRule rule, List<String> peers) {
        Map<String, JmhResult> byPeer = new HashMap<>();
        for (JmhResult result : run.results()) {
            String impl = result.key().params().get(rule.peerParam());
            if (impl != null) {
                byPeer.put(peerKey(result.key(), rule.peerParam(), impl), result);
            }
        }
        List<ReportPage.SummaryRow> rows = new ArrayList<>();
        for (JmhResult result : run.results()) {
            BenchmarkKey key = result.key();
            Metric m = result.primary();
            double cost = Cost.of(m);
            JmhResult floor = rule.floorFor(key, run);
            double floorRatio = floor == null ? Double.NaN : cost / Cost.of(floor.primary());
            List<String> peerRatios = new ArrayList<>();
            String own = key.params().get(rule.peerParam());
            for (String peer : peers) {
                JmhResult other = own == null || own.equals(peer) ? null
                        : byPeer.get(peerKey(key, rule.peerParam(), peer));
                peerRatios.add(other == null ? "" : Formats.ratio(cost / Cost.of(other.primary())));
            }
            rows.add(new ReportPage.SummaryRow(key.shortName(), key.mode(), key.threads(), key.paramsText(), Formats.number(m.score()),
                    Formats.number(m.error()), m.unit(), Formats.ratio(floorRatio), peerRatios, secondary(result)));
        }
        return rows;
    }

    private static String peerKey(BenchmarkKey key, String peerParam, String peer) {
        return key.benchmark() + '|' + key.mode() + '|' + key.threads() + '|' + key.paramsWithout(List.of(peerParam))
                + '|' + peer.toLowerCase(Locale.ROOT);
    }

    private static String secondary(JmhResult result) {
        return result.secondary().entrySet().stream()
                .filter(e -> !PERCENTILE_METRIC.matcher(e.getKey()).matches())
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ": " + Formats.number(e.getValue().score())
                        + (e.getValue().hasError() ? " ± " + Formats.number(e.getValue().error()) : "") + " "
                        + e.getValue().unit())
                .collect(Collectors.joining("; "));
    }
}
