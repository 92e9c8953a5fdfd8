package org.shmalloc.reports.tune;

import java.util.Locale;

/** Byte counts for people: {@code 4 KiB}, {@code 64 MiB}, and back ("64M", "1G", "4096"). */
public final class Bytes {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Bytes() {
    }

    /** {@code 4096 -> "4 KiB"}, {@code 1536 -> "1.5 KiB"}. */
    public static String binary(long bytes) {
        double value = bytes;
        int unit = 0;
        while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return (value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value)) + " " + UNITS[unit];
    }

    /** "64M" -> 67108864; suffixes K, M, G, T (powers of 1024, optional "iB"/"B"); no suffix means bytes. */
    public static long parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replace("IB", "").replace("B", "");
        if (t.isEmpty()) {
            throw new IllegalArgumentException("not a byte count: '" + text + "'");
        }
        int shift = switch (t.charAt(t.length() - 1)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            default -> 0;
        };
        String digits = shift == 0 ? t : t.substring(0, t.length() - 1).strip();
        try {
            long value = Long.parseLong(digits);
            if (value <= 0 || value > (Long.MAX_VALUE >> shift)) {
                throw new IllegalArgumentException("byte count out of range: '" + text + "'");
            }
            return value << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a byte count: '" + text + "' (e.g. 64M, 1G, 4096)");
        }
    }

    /** The smallest e with 2^e >= bytes: the exponent of the block a request of {@code bytes} needs. */
    public static int exponentOf(long bytes) {
        return bytes <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(bytes - 1);
    }
}
