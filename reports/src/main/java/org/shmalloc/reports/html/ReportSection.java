package org.shmalloc.reports.html;

import java.util.List;

/**
 * A section of the report's page: a heading, a note and charts. The planner makes the benchmark
 * sections; other commands (the {@code tune} command's heat maps) add theirs with
 * {@link ReportPage#withSection}.
 */
public record ReportSection(String id, String title, String note, List<ChartSpec> charts) {

    public ReportSection {
        charts = List.copyOf(charts);
    }
}
