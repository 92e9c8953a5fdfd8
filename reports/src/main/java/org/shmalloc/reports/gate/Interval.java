package org.shmalloc.reports.gate;

/** A closed interval {@code [lo, hi]}; {@code hi} may be infinite (nothing known above {@code lo}). */
public record Interval(double lo, double hi) {

    public static final Interval UNKNOWN = new Interval(0, Double.POSITIVE_INFINITY);

    public Interval {
        if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi) {
            throw new IllegalArgumentException("not an interval: [" + lo + ", " + hi + "]");
        }
    }

    public boolean bounded() {
        return Double.isFinite(lo) && Double.isFinite(hi);
    }

    public boolean above(Interval other) {
        return lo > other.hi;
    }

    public boolean below(Interval other) {
        return hi < other.lo;
    }

    /** Half the width relative to {@code point}, e.g. 0.05 for 100 ± 5; infinite when unbounded. */
    public double relativeHalfWidth(double point) {
        return (hi - lo) / 2 / point;
    }
}
