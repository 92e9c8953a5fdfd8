package org.shmalloc.reports.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads HdrHistogram's percentile distribution output ({@code .hgrm}), in its plain form
 *
 * <pre>
 *        Value     Percentile TotalCount 1/(1-Percentile)
 *
 *        0.039 0.000000000000          1           1.00
 *        ...
 *      100.351 1.000000000000     100000
 * #[Mean    =        0.094, StdDeviation   =        0.162]
 * #[Max     =      100.351, Total count    =       100000]
 * #[Buckets =           22, SubBuckets     =        2048]
 * </pre>
 *
 * and its CSV form ({@code "Value","Percentile","TotalCount","1/(1-Percentile)"}). The format does
 * not say in which unit the values are: a line {@code #unit=us} anywhere in the file, or a name
 * ending in {@code .<unit>.hgrm} or {@code -<unit>.hgrm} (ns, us, ms, s), supplies it.
 */
public final class HgrmReader {

    private static final Pattern SUMMARY = Pattern.compile("#\\[(\\w[\\w ]*?)\\s*=\\s*([-+0-9.eE]+|NaN|Infinity)"
            + "(?:,\\s*(\\w[\\w ]*?)\\s*=\\s*([-+0-9.eE]+|NaN|Infinity))?\\]");
    private static final Pattern UNIT_LINE = Pattern.compile("#\\s*unit\\s*[=:]\\s*(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern UNIT_IN_NAME = Pattern.compile(".*[.-](ns|us|ms|s)$");

    private HgrmReader() {
    }

    public static LatencyHistogram read(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(".hgrm") ? fileName.substring(0, fileName.length() - 5) : fileName;
        return parse(name, file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    public static LatencyHistogram parse(String name, String source, List<String> lines) throws IOException {
        List<LatencyHistogram.Point> points = new ArrayList<>();
        double mean = Double.NaN;
        double max = Double.NaN;
        long total = 0;
        Matcher nameUnit = UNIT_IN_NAME.matcher(name);
        String unit = nameUnit.matches() ? nameUnit.group(1) : "";
        int lineNumber = 0;
        for (String raw : lines) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("Value") || line.startsWith("\"Value\"")) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher unitLine = UNIT_LINE.matcher(line);
                if (unitLine.matches()) {
                    unit = unitLine.group(1);
                }
                Matcher summary = SUMMARY.matcher(line);
                if (summary.matches()) {
                    for (int g = 1; g <= 3; g += 2) {
                        String label = summary.group(g);
                        if (label == null) {
                            continue;
                        }
                        double value = Double.parseDouble(summary.group(g + 1));
                        switch (label.strip().toLowerCase(Locale.ROOT)) {
                            case "mean" -> mean = value;
                            case "max" -> max = value;
                            case "total count" -> total = (long) value;
                            default -> { }
                        }
                    }
                }
                continue;
            }
            String[] columns = line.contains(",") ? line.split(",") : line.split("\\s+");
            if (columns.length < 3) {
                throw new IOException(source + ":" + lineNumber + ": expected Value Percentile TotalCount, got: " + raw);
            }
            try {
                points.add(new LatencyHistogram.Point(Double.parseDouble(columns[0]), Double.parseDouble(columns[1]),
                        (long) Double.parseDouble(columns[2])));
            } catch (NumberFormatException notNumbers) {
                throw new IOException(source + ":" + lineNumber + ": not a number in: " + raw, notNumbers);
            }
        }
        if (points.isEmpty()) {
            throw new IOException(source + ": no percentile rows (not an .hgrm file?)");
        }
        return new LatencyHistogram(name, source, unit, points, mean, max, total);
    }
}
