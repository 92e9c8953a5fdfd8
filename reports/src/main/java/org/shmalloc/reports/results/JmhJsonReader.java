package org.shmalloc.reports.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads JMH's JSON result format ({@code -rf json}) as JMH 1.37 writes it: an array with one object
 * per benchmark and parameter set, each with a {@code primaryMetric}, {@code secondaryMetrics}, and
 * the raw data per fork ({@code rawData[fork][iteration]}, or in sample mode
 * {@code rawDataHistogram[fork][iteration][[value, count]...]}). JMH writes NaN as the string
 * {@code "NaN"}. The format is read, never changed: other tools keep working on the same files.
 */
public final class JmhJsonReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JmhJsonReader() {
    }

    /** True when {@code root} has the shape of a JMH result file (an array of benchmark objects, possibly empty). */
    public static boolean isJmhResult(JsonNode root) {
        if (root == null || !root.isArray()) {
            return false;
        }
        for (JsonNode element : root) {
            if (!element.has("benchmark") || !element.has("primaryMetric")) {
                return false;
            }
        }
        return true;
    }

    public static List<JmhResult> read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (!isJmhResult(root)) {
            throw new IOException(file + ": not a JMH JSON result file (expected an array of objects with "
                    + "\"benchmark\" and \"primaryMetric\")");
        }
        return parse(root, file.toString());
    }

    /** Parses a JMH result array that was already read; {@code source} names it in messages. */
    public static List<JmhResult> parse(JsonNode root, String source) throws IOException {
        List<JmhResult> results = new ArrayList<>();
        int index = 0;
        for (JsonNode element : root) {
            try {
                results.add(result(element, source));
            } catch (RuntimeException malformed) {
                throw new IOException(source + ": element " + index + " is not a valid JMH result: "
                        + malformed.getMessage(), malformed);
            }
            index++;
        }
        return results;
    }

    private static JmhResult result(JsonNode node, String source) {
        Map<String, String> params = new TreeMap<>();
        node.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        BenchmarkKey key = new BenchmarkKey(text(node, "benchmark"), text(node, "mode"), node.path("threads").asInt(1),
                new TreeMap<>(params));
        Map<String, Metric> secondary = new LinkedHashMap<>();
        node.path("secondaryMetrics").properties().forEach(e -> secondary.put(e.getKey(), metric(e.getValue())));
        List<String> jvmArgs = new ArrayList<>();
        node.path("jvmArgs").forEach(a -> jvmArgs.add(a.asText()));
        JmhResult.JvmInfo jvm = new JmhResult.JvmInfo(node.path("jmhVersion").asText(""),
                node.path("jdkVersion").asText(""), node.path("vmName").asText(""), node.path("vmVersion").asText(""),
                jvmArgs);
        return new JmhResult(key, node.path("forks").asInt(0), metric(node.get("primaryMetric")), secondary, jvm,
                source);
    }

    private static Metric metric(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("missing metric object");
        }
        double score = number(node.get("score"));
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("metric without a numeric score");
        }
        double error = number(node.get("scoreError"));
        JsonNode confidence = node.path("scoreConfidence");
        double lo = confidence.size() == 2 ? number(confidence.get(0)) : score - error;
        double hi = confidence.size() == 2 ? number(confidence.get(1)) : score + error;
        Map<Double, Double> percentiles = new TreeMap<>();
        node.path("scorePercentiles").properties()
                .forEach(e -> percentiles.put(Double.parseDouble(e.getKey()), number(e.getValue())));
        List<Double> forkMeans = new ArrayList<>();
        int iterations = 0;
        if (node.has("rawData")) {
            for (JsonNode fork : node.get("rawData")) {
                double sum = 0;
                for (JsonNode iteration : fork) {
                    sum += number(iteration);
                }
                if (!fork.isEmpty()) {
                    forkMeans.add(sum / fork.size());
                    iterations += fork.size();
                }
            }
        } else if (node.has("rawDataHistogram")) {
            for (JsonNode fork : node.get("rawDataHistogram")) {
                double sum = 0;
                long count = 0;
                for (JsonNode iteration : fork) {
                    for (JsonNode bucket : iteration) {
                        long n = bucket.get(1).asLong();
                        sum += number(bucket.get(0)) * n;
                        count += n;
                    }
                }
                if (count > 0) {
                    forkMeans.add(sum / count);
                    iterations += fork.size();
                }
            }
        }
        return new Metric(score, error, lo, hi, node.path("scoreUnit").asText(""),
                forkMeans.stream().mapToDouble(Double::doubleValue).toArray(), iterations, percentiles);
    }

    /** A JSON number, or JMH's {@code "NaN"} / {@code "Infinity"} strings; NaN when absent. */
    private static double number(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Double.NaN;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        try {
            return Double.parseDouble(node.asText().trim());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("not a number: " + node);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("missing \"" + field + "\"");
        }
        return value.asText();
    }
}
