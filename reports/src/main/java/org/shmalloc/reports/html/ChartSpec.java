package org.shmalloc.reports.html;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One chart as report.js draws it (serialised to JSON into the page). {@code kind} names a
 * builder in report.js: {@code bars} (categories on x, error bars), {@code lines} (numeric x),
 * {@code latency} (x = 1/(1-p) on a log axis), {@code ratios} (horizontal bars per benchmark),
 * {@code heatmap} (a value per cell: columns are the categories, rows the series, each point's x its
 * column and y its value; {@code yName} names the rows; {@code marks} {@code good} below {@code bad}
 * means lower is better, {@code span} is the least range of the colour scale; a point labelled
 * {@code recommended} is outlined).
 *
 * @param id         the container's element id
 * @param kind       the builder
 * @param title      the title
 * @param subtitle   what is fixed for every point (may be empty)
 * @param xName      x axis name
 * @param yName      y axis name (the unit)
 * @param categories the x categories of {@code bars} and {@code heatmap}, the benchmarks of {@code ratios}; else empty
 * @param series     the series
 * @param height     container height in pixels
 * @param marks      reference values ({@code ratios}: {@code slower}, {@code faster}; {@code heatmap}:
 *                   {@code good}, {@code bad}, {@code span})
 * @param logY       a logarithmic y axis (for values spanning orders of magnitude)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChartSpec(String id, String kind, String title, String subtitle, String xName, String yName,
                        List<String> categories, List<Series> series, int height, Map<String, Double> marks,
                        boolean logY) {

    public ChartSpec {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        marks = Map.copyOf(marks);
    }

    /** A named list of points. */
    public record Series(String name, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    /**
     * One point: {@code x} is a category name (bars, ratios) or a number (lines, latency); {@code lo}
     * and {@code hi} bound the error bar (null: none); {@code label} is extra text (ratios: the verdict).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Point(Object x, Double y, Double lo, Double hi, String label) {

        public static Point of(Object x, double y, double lo, double hi, String label) {
            return new Point(x, finite(y), finite(lo), finite(hi), label);
        }

        private static Double finite(double v) {
            return Double.isFinite(v) ? v : null;
        }
    }
}
