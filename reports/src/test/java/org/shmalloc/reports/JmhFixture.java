package org.shmalloc.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Writes synthetic runs in JMH 1.37's JSON result format, field for field as JMH writes them (see
 * the real files under src/test/resources/fixtures), with score, error and confidence computed
 * the way JMH computes them: the mean of every measured iteration, and the half-width of the
 * 99.9 % Student-t interval around it. The scores are chosen by the test, so the noise is known.
 */
public final class JmhFixture {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ArrayNode results = JSON.createArrayNode();

    /** Adds an average-time (ns/op) result, one thread. */
    public JmhFixture avgt(String benchmark, Map<String, String> params, double[][] rawData) {
        return add(benchmark, "avgt", 1, params, "ns/op", rawData);
    }

    /** Adds a throughput (ops/us) result. */
    public JmhFixture thrpt(String benchmark, int threads, Map<String, String> params, double[][] rawData) {
        return add(benchmark, "thrpt", threads, params, "ops/us", rawData);
    }

    public JmhFixture add(String benchmark, String mode, int threads, Map<String, String> params, String unit,
                          double[][] rawData) {
        ObjectNode r = results.addObject();
        r.put("jmhVersion", "1.37");
        r.put("benchmark", benchmark);
        r.put("mode", mode);
        r.put("threads", threads);
        r.put("forks", rawData.length);
        r.put("jvm", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        r.putArray("jvmArgs").add("--enable-native-access=ALL-UNNAMED");
        r.put("jdkVersion", "25.0.3");
        r.put("vmName", "OpenJDK 64-Bit Server VM");
        r.put("vmVersion", "25.0.3+9-LTS");
        r.put("warmupIterations", 2);
        r.put("warmupTime", "200 ms");
        r.put("warmupBatchSize", 1);
        r.put("measurementIterations", rawData[0].length);
        r.put("measurementTime", "200 ms");
        r.put("measurementBatchSize", 1);
        if (!params.isEmpty()) {
            ObjectNode p = r.putObject("params");
            new TreeMap<>(params).forEach(p::put);
        }
        ObjectNode m = r.putObject("primaryMetric");
        double[] all = Arrays.stream(rawData).flatMapToDouble(Arrays::stream).toArray();
        double mean = Arrays.stream(all).average().orElseThrow();
        double error = error(all);
        m.put("score", mean);
        if (Double.isNaN(error)) {
            m.put("scoreError", "NaN");
            m.putArray("scoreConfidence").add("NaN").add("NaN");
        } else {
            m.put("scoreError", error);
            m.putArray("scoreConfidence").add(mean - error).add(mean + error);
        }
        ObjectNode percentiles = m.putObject("scorePercentiles");
        double[] sorted = all.clone();
        Arrays.sort(sorted);
        for (String p : List.of("0.0", "50.0", "90.0", "95.0", "99.0", "99.9", "99.99", "99.999", "99.9999", "100.0")) {
            int index = (int) Math.min(sorted.length - 1, Math.round(Double.parseDouble(p) / 100 * (sorted.length - 1)));
            percentiles.put(p, sorted[index]);
        }
        m.put("scoreUnit", unit);
        ArrayNode raw = m.putArray("rawData");
        for (double[] fork : rawData) {
            ArrayNode f = raw.addArray();
            for (double v : fork) {
                f.add(v);
            }
        }
        r.putObject("secondaryMetrics");
        return this;
    }

    /** JMH's score error: the half-width of the 99.9 % Student-t interval of the mean (NaN for one sample). */
    public static double error(double[] samples) {
        int n = samples.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mean = Arrays.stream(samples).average().orElseThrow();
        double variance = Arrays.stream(samples).map(v -> (v - mean) * (v - mean)).sum() / (n - 1);
        double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - 0.001 / 2);
        return t * Math.sqrt(variance) / Math.sqrt(n);
    }

    /**
     * {@code forks x iterations} scores around {@code mean}, each off by a uniformly random fraction
     * in {@code [-spread, spread]} (deterministic for a seed).
     */
    public static double[][] noisy(double mean, double spread, int forks, int iterations, long seed) {
        Random random = new Random(seed);
        double[][] data = new double[forks][iterations];
        for (double[] fork : data) {
            for (int i = 0; i < iterations; i++) {
                fork[i] = mean * (1 + spread * (2 * random.nextDouble() - 1));
            }
        }
        return data;
    }

    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("results.json");
        JSON.writeValue(file.toFile(), results);
        return file;
    }

    /** The params map of a suite-like result. */
    public static Map<String, String> params(String... keyValues) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
