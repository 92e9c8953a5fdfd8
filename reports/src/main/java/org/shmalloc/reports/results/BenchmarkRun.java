package org.shmalloc.reports.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Everything one benchmark run left in its results folder: JMH JSON files (any {@code *.json}
 * holding a JMH result array, including the process harness's), {@code .hgrm} percentile files
 * and the runner's environment file. A single JMH JSON file is also accepted as a run.
 *
 * @param location  the folder or file it was read from
 * @param results   the JMH results, sorted by key; keys are unique within a run
 * @param latencies the percentile distributions, by file name
 * @param env       the environment (empty if the runner wrote none)
 */
public record BenchmarkRun(Path location, List<JmhResult> results, List<LatencyHistogram> latencies,
                           RunEnvironment env) {

    /** How deep below the results folder files are looked for (the runner may use sub-folders). */
    private static final int MAX_DEPTH = 3;

    public BenchmarkRun {
        results = results.stream().sorted(Comparator.comparing(JmhResult::key)).toList();
        latencies = latencies.stream().sorted(Comparator.comparing(LatencyHistogram::source)).toList();
    }

    public static BenchmarkRun load(Path location) throws IOException {
        if (!Files.exists(location)) {
            throw new IOException(location + ": no such file or folder");
        }
        List<Path> files;
        if (Files.isDirectory(location)) {
            try (Stream<Path> walk = Files.walk(location, MAX_DEPTH)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
        } else {
            files = List.of(location);
        }
        ObjectMapper json = new ObjectMapper();
        Map<BenchmarkKey, JmhResult> results = new LinkedHashMap<>();
        List<LatencyHistogram> latencies = new ArrayList<>();
        RunEnvironment env = null;
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (RunEnvironment.FILE_NAMES.contains(name) && env == null) {
                env = RunEnvironment.read(file);
            } else if (name.endsWith(".json")) {
                JsonNode root = json.readTree(file.toFile());
                if (JmhJsonReader.isJmhResult(root)) {
                    for (JmhResult result : JmhJsonReader.parse(root, file.toString())) {
                        JmhResult clash = results.putIfAbsent(result.key(), result);
                        if (clash != null) {
                            throw new IOException("benchmark " + result.key() + " appears twice in " + location
                                    + ": in " + clash.source() + " and in " + result.source()
                                    + " (one results folder holds one run)");
                        }
                    }
                }
            } else if (name.endsWith(".hgrm")) {
                latencies.add(HgrmReader.read(file));
            }
        }
        if (results.isEmpty() && latencies.isEmpty()) {
            throw new IOException(location + ": no JMH JSON result or .hgrm file found");
        }
        RunEnvironment environment = (env == null ? RunEnvironment.empty() : env).withDefaults(jmhDefaults(results));
        return new BenchmarkRun(location, new ArrayList<>(results.values()), latencies, environment);
    }

    /** The result with this key, or null. */
    public JmhResult find(BenchmarkKey key) {
        for (JmhResult result : results) {
            if (result.key().equals(key)) {
                return result;
            }
        }
        return null;
    }

    private static Map<String, String> jmhDefaults(Map<BenchmarkKey, JmhResult> results) {
        Map<String, String> defaults = new LinkedHashMap<>();
        results.values().stream().findFirst().ifPresent(first -> {
            JmhResult.JvmInfo jvm = first.jvm();
            defaults.put("jdk", (jvm.jdkVersion() + " " + jvm.vmName() + " " + jvm.vmVersion()).strip());
            defaults.put("jmh", jvm.jmhVersion());
            defaults.put("jvmArgs", String.join(" ", jvm.jvmArgs()));
        });
        return defaults;
    }
}
