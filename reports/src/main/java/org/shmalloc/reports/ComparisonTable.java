package org.shmalloc.reports;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import org.shmalloc.reports.gate.Comparison;
import org.shmalloc.reports.gate.Normalised;
import org.shmalloc.reports.gate.Verdict;
import org.shmalloc.reports.html.Formats;

/** The comparison as a plain-text table for the terminal and CI logs. */
final class ComparisonTable {

    private static final String[] HEADER = {"benchmark", "params", "base", "new", "ratio", "ratio range", "verdict"};

    private ComparisonTable() {
    }

    static void print(Comparison comparison, boolean onlyFlagged, PrintWriter out) {
        List<String[]> lines = new ArrayList<>();
        lines.add(HEADER);
        for (Comparison.Row row : comparison.rows()) {
            if (onlyFlagged && row.verdict() != Verdict.REGRESSION && row.verdict() != Verdict.IMPROVEMENT) {
                continue;
            }
            String mark = row.verdict() == Verdict.REGRESSION ? "REGRESSION" : row.verdict().label;
            lines.add(new String[] {row.key().shortName() + " " + row.key().mode()
                    + (row.key().threads() == 1 ? "" : " t" + row.key().threads()), row.key().paramsText(),
                    cell(row.base()), cell(row.current()), Formats.ratio(row.ratio()),
                    Formats.range(row.range().lo(), row.range().hi()), mark + " (" + row.note() + ")"});
        }
        int[] widths = new int[HEADER.length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                boolean last = i == line.length - 1;
                text.append(last ? line[i] : pad(line[i], widths[i])).append(last ? "" : "  ");
            }
            out.println(text.toString().stripTrailing());
        }
        out.println();
        out.println("base/new: cost per operation " + (comparison.settings().normalise()
                ? "divided by the CAS floor of the same run (x floor)" : "in ns/op (raw)")
                + ", with its interval; ratio = new / base (above 1: slower).");
        out.println(comparison.summary());
    }

    private static String cell(Normalised n) {
        if (n == null) {
            return "–";
        }
        return Formats.number(n.point()) + " " + Formats.range(n.interval().lo(), n.interval().hi());
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
