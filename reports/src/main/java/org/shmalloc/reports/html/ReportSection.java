package org.shmalloc.reports.html;

import java.util.List;

/**
 * A section of the report's page: a heading, a note, an optional table and charts. The planner
 * makes the benchmark sections; other commands (the {@code tune} command's heat maps and its table)
 * add theirs with {@link ReportPage#withSection}.
 *
 * @param table shown between the note and the charts; null for none
 */
public record ReportSection(String id, String title, String note, List<ChartSpec> charts, Table table) {

    public ReportSection {
        charts = List.copyOf(charts);
    }

    /** A section of charts only. */
    public ReportSection(String id, String title, String note, List<ChartSpec> charts) {
        this(id, title, note, charts, null);
    }

    /** A table of already formatted cells. */
    public record Table(List<String> header, List<Row> rows) {
        public Table {
            header = List.copyOf(header);
            rows = List.copyOf(rows);
        }
    }

    /** A row: its cells and a CSS class for the row (e.g. {@code picked}; may be empty). */
    public record Row(List<Cell> cells, String rowClass) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /** A cell and its CSS class ({@code num} for numbers, else empty). */
    public record Cell(String text, String cellClass) {
    }
}
