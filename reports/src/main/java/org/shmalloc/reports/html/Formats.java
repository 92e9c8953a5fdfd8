package org.shmalloc.reports.html;

import java.util.Locale;

/** Number formatting shared by the page and the terminal tables. */
public final class Formats {

    private Formats() {
    }

    /** Four significant digits, no exponent for ordinary magnitudes; "–" for NaN. */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "-∞";
        }
        double magnitude = Math.abs(value);
        if (magnitude == 0) {
            return "0";
        }
        if (magnitude >= 1e7 || magnitude < 1e-4) {
            return String.format(Locale.ROOT, "%.3e", value);
        }
        int digits = Math.max(0, 3 - (int) Math.floor(Math.log10(magnitude)));
        return String.format(Locale.ROOT, "%." + digits + "f", value);
    }

    /** A ratio: {@code 1.234}; "–" for NaN. */
    public static String ratio(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (Double.isInfinite(value)) {
            return "∞";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.3f", value);
    }

    /** {@code [0.950, 1.100]}; "–" when unbounded. */
    public static String range(double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            return "–";
        }
        return "[" + ratio(lo) + ", " + ratio(hi) + "]";
    }

    /** A fraction as a percentage: {@code 15%}. */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
