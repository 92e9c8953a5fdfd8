package org.shmalloc.reports.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The sweep as a table: one row per candidate, the recommendation first; for the terminal and the page. */
public final class TuneTable {

    public static final List<String> HEADER = List.of("rank", "config", "blocks", "efficiency", "in blocks",
            "first fill", "after churn", "dropped", "metadata", "pairs/µs", "± error", "p50 ns", "p99 ns", "p99.9 ns", "score", "note");

    private TuneTable() {
    }

    /** The cells of every row, in {@link #HEADER} order. */
    public static List<List<String>> cells(Ranking ranking) {
        List<List<String>> rows = new ArrayList<>();
        for (Ranking.Row r : ranking.rows()) {
            MemoryMetrics m = r.measured().memory();
            SpeedMetrics s = r.measured().speed();
            rows.add(List.of(String.valueOf(r.rank()), r.candidate().label(), r.candidate().blockRange(),
                    Ranking.percent(m.efficiency()), Ranking.percent(m.blockEfficiency()),
                    Ranking.percent(m.fillEfficiency()), Ranking.percent(m.churnEfficiency()),
                    Ranking.percent(m.dropped()),
                    Ranking.percent(m.metadataShare()),
                    s == null ? "–" : fixed(s.pairsPerMicro(), 3), s == null ? "–" : fixed(s.error(), 3),
                    s == null ? "–" : fixed(s.p50Nanos(), 0), s == null ? "–" : fixed(s.p99Nanos(), 0),
                    s == null ? "–" : fixed(s.p999Nanos(), 0), fixed(r.score(), 4), note(ranking, r)));
        }
        return rows;
    }

    static String note(Ranking ranking, Ranking.Row r) {
        List<String> notes = new ArrayList<>();
        if (r == ranking.pick()) {
            notes.add("recommended");
        } else if (r.outscores()) {
            notes.add("higher score, speed lead within noise");
        }
        if (!r.eligible()) {
            notes.add("drops > " + Ranking.percent(ranking.weights().maxDrop()));
        }
        if (!r.measured().memory().filled()) {
            notes.add("replay stopped before a failure");
        }
        if (r.measured().speedProblem() != null) {
            notes.add("speed failed: " + r.measured().speedProblem());
        }
        return String.join("; ", notes);
    }

    /** The table as text, columns aligned (numbers to the right). */
    public static String render(Ranking ranking) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        rows.addAll(cells(ranking));
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                boolean left = i == 1 || i == 2 || i == HEADER.size() - 1;
                String cell = row.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(i == 0 ? "" : "  ").append(left ? cell + pad : pad + cell);
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private static String fixed(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "–";
    }
}
