package org.shmalloc.bench.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Builds {@link Case}s: the cartesian product of the values given for some parameters, with
 * every other parameter taking each of its {@code @Param} defaults (read from JMH's benchmark
 * list, so the annotations stay the single source of defaults).
 */
public final class Grid {

    private final List<String> benchmarks;
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private double setupSeconds = 0.2;

    private Grid(List<String> benchmarks) {
        this.benchmarks = benchmarks;
    }

    /** Methods as {@code Class.method}, e.g. {@code PairBench.pair}. */
    public static Grid of(String... benchmarks) {
        return new Grid(List.of(benchmarks));
    }

    public Grid p(String param, String... choices) {
        values.put(param, List.of(choices));
        return this;
    }

    /** Seconds each fork spends filling its arena before the first iteration (for time estimates). */
    public Grid setup(double seconds) {
        this.setupSeconds = seconds;
        return this;
    }

    public List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String benchmark : benchmarks) {
            Map<String, String[]> defaults = defaults(benchmark);
            for (String key : values.keySet()) {
                if (!defaults.containsKey(key)) {
                    throw new IllegalArgumentException(benchmark + " has no parameter " + key);
                }
            }
            Map<String, List<String>> axes = new TreeMap<>();
            defaults.forEach((key, choices) -> axes.put(key, values.getOrDefault(key, List.of(choices))));
            expand(benchmark, new ArrayList<>(axes.entrySet()), 0, new TreeMap<>(), cases);
        }
        return cases;
    }

    private void expand(String benchmark, List<Map.Entry<String, List<String>>> axes, int i,
                        TreeMap<String, String> chosen, List<Case> out) {
        if (i == axes.size()) {
            out.add(new Case(benchmark, new TreeMap<>(chosen), setupSeconds));
            return;
        }
        for (String value : axes.get(i).getValue()) {
            chosen.put(axes.get(i).getKey(), value);
            expand(benchmark, axes, i + 1, chosen, out);
        }
        chosen.remove(axes.get(i).getKey());
    }

    private static Map<String, Map<String, String[]>> cache;

    /** The @Param defaults of {@code benchmark}, from the benchmark list the annotation processor wrote. */
    static synchronized Map<String, String[]> defaults(String benchmark) {
        if (cache == null) {
            cache = new TreeMap<>();
            OutputFormat quiet = OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT);
            for (BenchmarkListEntry entry : BenchmarkList.defaultList().getAll(quiet, List.of())) {
                String name = entry.getUsername().substring(Case.PACKAGE.length());
                cache.put(name, entry.getParams().orElse(Map.of()));
            }
        }
        Map<String, String[]> defaults = cache.get(benchmark);
        if (defaults == null) {
            throw new IllegalArgumentException("no benchmark " + benchmark + "; known: " + cache.keySet());
        }
        return defaults;
    }

    /** Every benchmark method (Class.method) in the jar. */
    static synchronized List<String> allBenchmarks() {
        defaults("PairBench.pair");
        return new ArrayList<>(cache.keySet());
    }
}
