package org.shmalloc.reports.gate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.shmalloc.reports.results.BenchmarkKey;
import org.shmalloc.reports.results.BenchmarkRun;
import org.shmalloc.reports.results.JmhResult;

/**
 * Which result of a run is the CAS floor for a given result. The suite runs the floor as one more
 * peer ({@code impl=floor}) of each workload, so the floor of {@code Pair.malloc [impl=shm,
 * size=32]} is {@code Pair.malloc [impl=floor, size=32]}: same workload, same threads, same run.
 * A result without such a partner (a workload the profile runs without a floor peer) takes the
 * nearest floor of the run: a result with {@code impl=floor} (or, without an {@code impl}
 * parameter, a benchmark name matching {@code benchmark}) of the same benchmark if any, else the
 * same class, then the same mode, the same thread count, and the most parameters in common.
 *
 * @param peerParam  the parameter naming the implementation ({@code impl})
 * @param floorValue its value for the floor ({@code floor}, compared ignoring case)
 * @param benchmark  names of stand-alone floor benchmarks
 */
public record FloorRule(String peerParam, String floorValue, Pattern benchmark) {

    public static FloorRule defaults() {
        return new FloorRule("impl", "floor", Pattern.compile("(?i).*floor.*"));
    }

    /** True when {@code key} measures the floor itself. */
    public boolean isFloor(BenchmarkKey key) {
        String impl = key.params().get(peerParam);
        return impl != null ? impl.equalsIgnoreCase(floorValue) : benchmark.matcher(key.benchmark()).matches();
    }

    /** The floor that {@code key}'s score is divided by, or null when the run has none. */
    public JmhResult floorFor(BenchmarkKey key, BenchmarkRun run) {
        if (isFloor(key)) {
            return run.find(key);
        }
        if (key.params().containsKey(peerParam)) {
            for (JmhResult candidate : run.results()) {
                BenchmarkKey k = candidate.key();
                if (k.benchmark().equals(key.benchmark()) && k.mode().equals(key.mode()) && k.threads() == key.threads()
                        && lowerCaseValue(k.params(), peerParam).equals(floorValue.toLowerCase(Locale.ROOT))
                        && k.paramsWithout(List.of(peerParam)).equals(key.paramsWithout(List.of(peerParam)))) {
                    return candidate;
                }
            }
        }
        List<JmhResult> floors = new ArrayList<>();
        for (JmhResult candidate : run.results()) {
            if (isFloor(candidate.key())) {
                floors.add(candidate);
            }
        }
        return floors.stream().min(nearest(key)).orElse(null);
    }

    /** Floors most like {@code key} first: same benchmark, same class, mode, threads, most parameters alike. */
    private static Comparator<JmhResult> nearest(BenchmarkKey key) {
        String type = typeOf(key.benchmark());
        return Comparator.comparing((JmhResult f) -> !f.key().benchmark().equals(key.benchmark()))
                .thenComparing(f -> !typeOf(f.key().benchmark()).equals(type))
                .thenComparing(f -> !f.key().mode().equals(key.mode()))
                .thenComparing(f -> f.key().threads() != key.threads())
                .thenComparing(f -> -sharedParams(f.key(), key))
                .thenComparing(JmhResult::key);
    }

    private static String typeOf(String benchmark) {
        int dot = benchmark.lastIndexOf('.');
        return dot < 0 ? "" : benchmark.substring(0, dot);
    }

    private static int sharedParams(BenchmarkKey a, BenchmarkKey b) {
        int shared = 0;
        for (var e : a.params().entrySet()) {
            if (e.getValue().equals(b.params().get(e.getKey()))) {
                shared++;
            }
        }
        return shared;
    }

    private static String lowerCaseValue(java.util.Map<String, String> params, String name) {
        String value = params.get(name);
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }
}
