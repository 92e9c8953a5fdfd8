package org.shmalloc.reports.html;

import java.util.List;

/**
 * Everything report.mustache shows, already formatted. Built by {@link HtmlReport}; a record per
 * template section, so the template only reads names.
 */
public record ReportPage(String title, String subtitle, String generated, String echartsVersion,
                         List<Entry> environment, String runSource, ComparisonView comparison,
                         List<String> peerNames, List<SummaryRow> summary, List<ReportSection> sections) {

    public ReportPage {
        environment = List.copyOf(environment);
        peerNames = List.copyOf(peerNames);
        summary = List.copyOf(summary);
        sections = List.copyOf(sections);
    }

    /** Every chart of every section, in page order. */
    public List<ChartSpec> charts() {
        return sections.stream().flatMap(s -> s.charts().stream()).toList();
    }

    /** One row of the summary table, formatted; {@code peerRatios} has one cell per {@link #peerNames} entry. */
    public record SummaryRow(String benchmark, String mode, int threads, String params, String score, String error,
                             String unit, String floorRatio, List<String> peerRatios, String secondary) {
        public SummaryRow {
            peerRatios = List.copyOf(peerRatios);
        }
    }

    /** One environment line. */
    public record Entry(String key, String value) {
    }

    /** The comparison section (absent without a baseline). */
    public record ComparisonView(String summary, String gateClass, String baseSource, String slowerText,
                                 String intervalText, List<ComparisonRow> rows) {
        public ComparisonView {
            rows = List.copyOf(rows);
        }
    }

    /** One benchmark of the comparison. */
    public record ComparisonRow(String benchmark, String params, String base, String current, String ratio,
                                String range, String verdict, String verdictClass, String note) {
    }

    /** True when the page has a summary table (a page of other sections, e.g. tune's, may have none). */
    public boolean hasSummary() {
        return !summary.isEmpty();
    }

    /** A copy with {@code section} added at the end; its chart ids must be new. */
    public ReportPage withSection(ReportSection section) {
        List<ReportSection> more = new java.util.ArrayList<>(sections);
        more.add(section);
        return new ReportPage(title, subtitle, generated, echartsVersion, environment, runSource, comparison,
                peerNames, summary, more);
    }
}
