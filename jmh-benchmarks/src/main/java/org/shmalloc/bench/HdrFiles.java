package org.shmalloc.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Names and merges the HdrHistogram files. Each benchmark JVM writes one log per histogram
 * ({@code <name>.<pid>.hlog}); {@link #mergeLogs} adds up the logs of all forks of one name and
 * writes {@code <name>.hgrm}: the percentile distribution in microseconds, HdrHistogram's usual
 * text format, which the report plots on a log 1/(1-p) axis.
 */
public final class HdrFiles {

    public static final String LOG_SUFFIX = ".hlog";
    public static final String HGRM_SUFFIX = ".hgrm";
    /** .hgrm values are in microseconds; the histograms hold nanoseconds. */
    public static final double NANOS_PER_OUTPUT_UNIT = 1000.0;

    private HdrFiles() {
    }

    /** {@code LatencyBench.pair-impl=shm-occupancy=90-...}: the benchmark and its parameters, file-name safe. */
    public static String name(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        StringBuilder name = new StringBuilder(benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1));
        for (String key : params.getParamsKeys()) {
            name.append('-').append(key).append('=').append(params.getParam(key));
        }
        return safe(name.toString());
    }

    public static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._=+-]", "_");
    }

    /** Merges every {@code *.hlog} in {@code logDir} by name into {@code <name>.hgrm} files in {@code outDir}. */
    public static List<Path> mergeLogs(Path logDir, Path outDir) throws IOException {
        Map<String, Histogram> merged = new TreeMap<>();
        if (!Files.isDirectory(logDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(logDir)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(LOG_SUFFIX)).sorted()::iterator) {
                String base = file.getFileName().toString();
                base = base.substring(0, base.length() - LOG_SUFFIX.length());
                String name = base.substring(0, base.lastIndexOf('.')); // drop the pid
                HistogramLogReader reader = new HistogramLogReader(file.toFile());
                for (EncodableHistogram h; (h = reader.nextIntervalHistogram()) != null; ) {
                    merged.computeIfAbsent(name, n -> new Histogram(3)).add((Histogram) h);
                }
            }
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, Histogram> entry : merged.entrySet()) {
            written.add(writeHgrm(outDir.resolve(entry.getKey() + HGRM_SUFFIX), entry.getValue()));
        }
        return written;
    }

    /** Writes {@code histogram} (nanoseconds) as a {@code .hgrm} percentile distribution in microseconds. */
    public static Path writeHgrm(Path file, Histogram histogram) throws IOException {
        Files.createDirectories(file.getParent());
        try (PrintStream out = new PrintStream(Files.newOutputStream(file))) {
            histogram.outputPercentileDistribution(out, 5, NANOS_PER_OUTPUT_UNIT);
        }
        return file;
    }
}
