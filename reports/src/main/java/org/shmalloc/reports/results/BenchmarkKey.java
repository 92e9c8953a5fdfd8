package org.shmalloc.reports.results;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What identifies one measurement across runs: the benchmark, its mode, its thread count and its
 * parameters. Two runs of the same suite have the same keys.
 */
public record BenchmarkKey(String benchmark, String mode, int threads, SortedMap<String, String> params)
        implements Comparable<BenchmarkKey> {

    public BenchmarkKey {
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }

    /** The benchmark name without its package: {@code Pair.mallocFree} for {@code org.x.Pair.mallocFree}. */
    public String shortName() {
        int method = benchmark.lastIndexOf('.');
        int type = method <= 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }

    /** {@code size=32, impl=shm}, or empty. */
    public String paramsText() {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** The parameters with {@code names} removed. */
    public SortedMap<String, String> paramsWithout(java.util.Collection<String> names) {
        SortedMap<String, String> rest = new TreeMap<>(params);
        rest.keySet().removeAll(names);
        return rest;
    }

    /** A one-line label: {@code Pair.mallocFree thrpt t1 [impl=shm, size=32]}. */
    public String label() {
        String p = paramsText();
        return shortName() + " " + mode + (threads == 1 ? "" : " t" + threads) + (p.isEmpty() ? "" : " [" + p + "]");
    }

    @Override
    public int compareTo(BenchmarkKey other) {
        int c = benchmark.compareTo(other.benchmark);
        if (c == 0) c = mode.compareTo(other.mode);
        if (c == 0) c = Integer.compare(threads, other.threads);
        if (c == 0) c = compareParams(params, other.params);
        return c;
    }

    private static int compareParams(Map<String, String> a, Map<String, String> b) {
        var ia = a.entrySet().iterator();
        var ib = b.entrySet().iterator();
        while (ia.hasNext() && ib.hasNext()) {
            var ea = ia.next();
            var eb = ib.next();
            int c = ea.getKey().compareTo(eb.getKey());
            if (c == 0) c = compareValues(ea.getValue(), eb.getValue());
            if (c != 0) return c;
        }
        return Boolean.compare(ia.hasNext(), ib.hasNext());
    }

    /** Numbers in numeric order (8 before 16), anything else alphabetically. */
    static int compareValues(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException notNumbers) {
            return a.compareTo(b);
        }
    }

    @Override
    public String toString() {
        return label();
    }
}
