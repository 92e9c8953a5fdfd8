package org.shmalloc.reports.results;

import java.util.List;

/**
 * A percentile distribution as HdrHistogram's {@code outputPercentileDistribution} prints it (an
 * {@code .hgrm} file): value at each percentile, with the summary lines.
 *
 * @param name       the file name without {@code .hgrm}
 * @param source     the file it was read from
 * @param unit       the unit of the values, when the runner recorded it (see {@link HgrmReader}), else ""
 * @param points     the rows, percentile ascending
 * @param mean       the {@code Mean} summary value (NaN when absent)
 * @param max        the {@code Max} summary value (NaN when absent)
 * @param totalCount the {@code Total count} summary value (0 when absent)
 */
public record LatencyHistogram(String name, String source, String unit, List<Point> points, double mean, double max,
                               long totalCount) {

    public LatencyHistogram {
        points = List.copyOf(points);
    }

    /** One row: {@code value} at {@code percentile} (0..1), {@code totalCount} values at or below it. */
    public record Point(double value, double percentile, long totalCount) {

        /** The HdrHistogram plotting axis {@code 1/(1-p)}; infinite at p = 1. */
        public double inverseTail() {
            return percentile >= 1 ? Double.POSITIVE_INFINITY : 1 / (1 - percentile);
        }
    }

    /** The value at the first row whose percentile reaches {@code p} (0..1). */
    public double valueAt(double p) {
        for (Point point : points) {
            if (point.percentile() >= p) {
                return point.value();
            }
        }
        return points.isEmpty() ? Double.NaN : points.getLast().value();
    }
}
