package org.shmalloc.reports.html;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Cuts a set of measurements into readable charts. Every item has named dimensions (its
 * parameters); the chart's x dimension is given; the dimensions that vary among the rest name
 * the series. When there would be more than {@code maxSeries} series, the items are split into
 * one chart per value of one varying dimension: the one with the fewest values, keeping the peer
 * dimension as series as long as possible (so a chart compares the peers). Dimensions equal for
 * every item of a chart go to its subtitle.
 */
final class SeriesSplitter {

    /** One chart's worth: items, the series name of each, and what is fixed. */
    record Chart<T>(List<T> items, Function<T, String> seriesName, Map<String, String> fixed) {
    }

    private SeriesSplitter() {
    }

    static <T> List<Chart<T>> split(List<T> items, Function<T, Map<String, String>> dims, Set<String> xDims,
                                    String peerDim, int maxSeries) {
        List<Chart<T>> charts = new ArrayList<>();
        split(items, dims, xDims, peerDim, maxSeries, new TreeMap<>(), charts);
        return charts;
    }

    private static <T> void split(List<T> items, Function<T, Map<String, String>> dims, Set<String> xDims,
                                  String peerDim, int maxSeries, Map<String, String> fixedSoFar,
                                  List<Chart<T>> out) {
        Map<String, TreeSet<String>> values = new TreeMap<>();
        for (T item : items) {
            dims.apply(item).forEach((k, v) -> values.computeIfAbsent(k, x -> new TreeSet<>()).add(v));
        }
        Map<String, String> fixed = new TreeMap<>(fixedSoFar);
        List<String> varying = new ArrayList<>();
        values.forEach((name, vs) -> {
            if (xDims.contains(name)) {
                return;
            }
            if (vs.size() == 1 && items.stream().allMatch(i -> dims.apply(i).containsKey(name))) {
                fixed.put(name, vs.first());
            } else {
                varying.add(name);
            }
        });
        Function<T, String> seriesName = item -> varying.stream()
                .map(name -> name + "=" + dims.apply(item).getOrDefault(name, "–"))
                .collect(Collectors.joining(", "));
        long seriesCount = items.stream().map(seriesName).distinct().count();
        if (seriesCount <= maxSeries || varying.isEmpty()) {
            Function<T, String> named = varying.isEmpty() ? item -> "score" : seriesName;
            out.add(new Chart<>(items, named, fixed));
            return;
        }
        String by = varying.stream()
                .min(Comparator.comparing((String name) -> name.equals(peerDim))
                        .thenComparingInt(name -> values.get(name).size())
                        .thenComparing(Comparator.naturalOrder()))
                .orElseThrow();
        Map<String, List<T>> parts = new LinkedHashMap<>();
        values.get(by).forEach(v -> parts.put(v, new ArrayList<>()));
        parts.put("–", new ArrayList<>());
        for (T item : items) {
            parts.get(dims.apply(item).getOrDefault(by, "–")).add(item);
        }
        for (Map.Entry<String, List<T>> part : parts.entrySet()) {
            if (!part.getValue().isEmpty()) {
                Map<String, String> nextFixed = new TreeMap<>(fixedSoFar);
                nextFixed.put(by, part.getKey());
                split(part.getValue(), dims, xDims, peerDim, maxSeries, nextFixed, out);
            }
        }
    }

    /** {@code a=1 · b=2}. */
    static String describe(Map<String, String> fixed, Collection<String> leadingParts) {
        List<String> parts = new ArrayList<>(leadingParts);
        fixed.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(" · ", parts);
    }
}
