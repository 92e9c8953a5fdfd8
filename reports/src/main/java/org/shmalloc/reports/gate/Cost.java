package org.shmalloc.reports.gate;

import java.util.Locale;

import org.shmalloc.reports.results.Metric;

/**
 * Every JMH score as a cost: nanoseconds per operation, so that throughput modes
 * ({@code ops/us}: more is better) and time modes ({@code ns/op}: less is better) compare the same
 * way. A throughput interval {@code [lo, hi]} becomes the cost interval {@code [1/hi, 1/lo]} (and
 * {@code [1/hi, infinity]} when JMH's lower bound is at or below zero, as it is for very noisy scores).
 */
public final class Cost {

    private Cost() {
    }

    /** True when {@code unit} is a JMH throughput or time-per-operation unit. */
    public static boolean convertible(String unit) {
        return nanosPerOpFactor(unit) != 0;
    }

    /** The score in ns/op; NaN when the unit is neither throughput nor time per op (e.g. {@code #}). */
    public static double of(Metric metric) {
        return toCost(metric.score(), metric.unit());
    }

    /** {@code value} (in {@code unit}) as ns/op; NaN for other units. */
    public static double toCost(double value, String unit) {
        double factor = nanosPerOpFactor(unit);
        if (factor > 0) {
            return value * factor;
        }
        if (factor < 0) {
            return value <= 0 ? Double.POSITIVE_INFINITY : -factor / value;
        }
        return Double.NaN;
    }

    /**
     * The score interval {@code [lo, hi]} (in the metric's unit) as a cost interval. A cost is never
     * below zero: JMH's symmetric interval of a very noisy time score can reach below zero, and is
     * cut there.
     */
    public static Interval toCost(double lo, double hi, String unit) {
        double a = toCost(lo, unit);
        double b = toCost(hi, unit);
        return new Interval(Math.max(0, Math.min(a, b)), Math.max(0, Math.max(a, b)));
    }

    /**
     * For time units ({@code us/op}) a positive factor: ns/op = value * factor. For throughput
     * units ({@code ops/us}) a negative one: ns/op = -factor / value. 0 for anything else.
     */
    private static double nanosPerOpFactor(String unit) {
        String u = unit == null ? "" : unit.strip().toLowerCase(Locale.ROOT);
        if (u.startsWith("ops/")) {
            double nanos = nanos(u.substring(4));
            return nanos == 0 ? 0 : -nanos;
        }
        if (u.endsWith("/op")) {
            return nanos(u.substring(0, u.length() - 3));
        }
        return 0;
    }

    private static double nanos(String timeUnit) {
        return switch (timeUnit) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "min" -> 60e9;
            case "hr" -> 3600e9;
            case "day" -> 86400e9;
            default -> 0;
        };
    }
}
