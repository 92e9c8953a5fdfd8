package org.shmalloc.reports.tune;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a workload file. Each line is one of:
 * <pre>
 * SIZE          a request of SIZE bytes: a trace, replayed in file order
 * SIZE,COUNT    COUNT requests of SIZE bytes: a histogram, sampled
 * # comment     ignored, as are blank lines and anything after '#'
 * </pre>
 * One file holds one format. A header of column names ({@code size,count}) may come before the
 * first number. Sizes are positive whole numbers of bytes, counts non-negative whole numbers; separators
 * are a comma, a semicolon, a tab or spaces. Anything else is an error naming the file and line.
 */
public final class WorkloadFile {

    private static final Pattern SEPARATOR = Pattern.compile("\\s*[,;\\t ]\\s*");
    /** Column names a header may use (any case). */
    private static final java.util.Set<String> HEADER_WORDS = java.util.Set.of("size", "sizes", "bytes", "request",
            "requests", "request_size", "count", "counts", "frequency", "n", "number");

    private WorkloadFile() {
    }

    /** A line that is not a size, a size and count, a comment or a header. */
    public static final class FormatException extends IOException {
        private final int line;

        FormatException(Path file, int line, String message) {
            super(file + ":" + line + ": " + message);
            this.line = line;
        }

        /** The 1-based number of the offending line. */
        public int line() {
            return line;
        }
    }

    public static Workload read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        TraceBuilder trace = new TraceBuilder();
        SortedMap<Long, Double> histogram = new TreeMap<>();
        Boolean isHistogram = null;
        boolean headerSeen = false;
        int formatLine = 0;
        int number = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String raw; (raw = in.readLine()) != null; ) {
                number++;
                int hash = raw.indexOf('#');
                String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
                if (line.isEmpty()) {
                    continue;
                }
                String[] fields = SEPARATOR.split(line);
                if (isHistogram == null && !headerSeen && isHeader(fields)) {
                    headerSeen = true;
                    continue; // column names before the first number
                }
                if (fields.length > 2) {
                    throw new FormatException(file, number, "'" + line + "' has " + fields.length
                            + " fields; expected SIZE or SIZE,COUNT");
                }
                boolean histogramLine = fields.length == 2;
                if (isHistogram == null) {
                    isHistogram = histogramLine;
                    formatLine = number;
                } else if (isHistogram != histogramLine) {
                    throw new FormatException(file, number, "'" + line + "' is " + (histogramLine ? "SIZE,COUNT"
                            : "a single SIZE") + " but line " + formatLine + " was " + (isHistogram ? "SIZE,COUNT"
                            : "a single SIZE") + ": one file holds one format");
                }
                long size = number(file, number, fields[0], "size");
                if (size <= 0) {
                    throw new FormatException(file, number, "size must be positive, got " + size);
                }
                if (histogramLine) {
                    long count = number(file, number, fields[1], "count");
                    if (count < 0) {
                        throw new FormatException(file, number, "count must not be negative, got " + count);
                    }
                    histogram.merge(size, (double) count, Double::sum);
                } else {
                    trace.add(size);
                }
            }
        }
        if (isHistogram == null) {
            throw new IOException(file + ": no request sizes (expected lines of SIZE or SIZE,COUNT)");
        }
        String name = file.getFileName().toString();
        try {
            return isHistogram
                    ? Workload.histogram(name, "histogram " + file, histogram)
                    : Workload.trace(name, "trace " + file, trace.toArray());
        } catch (IllegalArgumentException allZero) {
            throw new IOException(file + ": every count is zero");
        }
    }

    private static boolean isHeader(String[] fields) {
        for (String f : fields) {
            if (!HEADER_WORDS.contains(f.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return fields.length <= 2;
    }

    private static long number(Path file, int line, String field, String what) throws FormatException {
        try {
            return Long.parseLong(field);
        } catch (NumberFormatException e) {
            throw new FormatException(file, line, "'" + field + "' is not a " + what + " (a whole number"
                    + (what.equals("size") ? " of bytes" : "") + ")");
        }
    }

    /** A growable array of sizes. */
    private static final class TraceBuilder {
        private long[] sizes = new long[1024];
        private int count;

        void add(long size) {
            if (count == sizes.length) {
                sizes = java.util.Arrays.copyOf(sizes, count * 2);
            }
            sizes[count++] = size;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(sizes, count);
        }
    }
}
