package org.shmalloc.reports.results;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the benchmark runner recorded about the run (machine, cores, JDK, commit, date, profile),
 * as ordered key/value pairs. Read from a {@code .properties} file or a JSON object (nested
 * objects are flattened to {@code outer.inner} keys), and completed from what JMH itself put in
 * its result file (JDK, VM, JMH version) where the runner did not say.
 */
public record RunEnvironment(Map<String, String> entries) {

    /** File names the runner may use ({@code env.json} is the jmh-benchmarks runner's). */
    public static final List<String> FILE_NAMES = List.of("env.json", "environment.json", "env.properties",
            "environment.properties");

    /** The keys shown first, in this order, when present (then the rest, alphabetically). */
    private static final List<String> HEADLINE = List.of("profile", "date", "end.date", "end.wallSeconds", "commit",
            "describe", "branch", "dirty", "machine", "machine.host", "host", "machine.os", "os", "machine.cpu", "cpu",
            "machine.cores", "cores", "machine.memory", "memory", "machine.loadAverageAtStart", "end.loadAverageAtEnd",
            "machine.lineHandoffNanosAtStart", "end.lineHandoffNanosAtEnd",
            "jdk", "jdk.version", "jdk.vendor", "jdk.vm", "jmh");

    public RunEnvironment {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public static RunEnvironment empty() {
        return new RunEnvironment(Map.of());
    }

    /** Reads a runner's environment file, by its extension. */
    public static RunEnvironment read(Path file) throws IOException {
        Map<String, String> map = new TreeMap<>();
        if (file.getFileName().toString().endsWith(".json")) {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new IOException(file + ": an environment file must hold one JSON object");
            }
            flatten("", root, map);
        } else {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        }
        return new RunEnvironment(ordered(map));
    }

    /** This environment, with {@code defaults} added for keys it does not have. */
    public RunEnvironment withDefaults(Map<String, String> defaults) {
        Map<String, String> merged = new TreeMap<>(defaults);
        merged.putAll(entries);
        merged.values().removeIf(v -> v == null || v.isBlank());
        return new RunEnvironment(ordered(merged));
    }

    public String get(String key) {
        return entries.getOrDefault(key, "");
    }

    private static Map<String, String> ordered(Map<String, String> map) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : HEADLINE) {
            if (map.containsKey(key)) {
                out.put(key, map.get(key));
            }
        }
        new TreeMap<>(map).forEach(out::putIfAbsent);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), out));
        } else if (node.isArray()) {
            List<String> items = new java.util.ArrayList<>();
            node.forEach(item -> items.add(item.isValueNode() ? item.asText() : item.toString()));
            out.put(prefix, String.join(" ", items));
        } else if (!node.isNull()) {
            out.put(prefix, node.asText());
        }
    }
}
