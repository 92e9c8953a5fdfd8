package org.shmalloc.reports.tune;

/** An inclusive range of exponents, written {@code 3..7} (or a single {@code 12}). */
public record ExponentRange(int lo, int hi) {

    public ExponentRange {
        if (lo > hi) {
            throw new IllegalArgumentException("empty exponent range " + lo + ".." + hi);
        }
    }

    public static ExponentRange parse(String text) {
        String t = text.strip();
        int dots = t.indexOf("..");
        try {
            if (dots < 0) {
                int e = Integer.parseInt(t);
                return new ExponentRange(e, e);
            }
            return new ExponentRange(Integer.parseInt(t.substring(0, dots).strip()),
                    Integer.parseInt(t.substring(dots + 2).strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an exponent range: '" + text + "' (e.g. 3..7 or 12)");
        }
    }

    public int size() {
        return hi - lo + 1;
    }

    @Override
    public String toString() {
        return lo == hi ? String.valueOf(lo) : lo + ".." + hi;
    }
}
