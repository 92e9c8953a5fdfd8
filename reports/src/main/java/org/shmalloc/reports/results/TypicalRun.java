package org.shmalloc.reports.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Of several runs of one profile, the most typical: the one whose scores lie closest to the
 * per-benchmark medians of all the runs. Distance of a run: the sum, over the benchmarks that every
 * run has with a positive score, of |ln(score / median)|, so a 10% outlier weighs the same in ns
 * and in ops/us. A baseline that is a single run carries that run's outliers into every later
 * comparison; picking the typical run avoids them while keeping one run whole (its JMH JSON,
 * .hgrm and environment files belong together).
 */
public final class TypicalRun {

    private TypicalRun() {
    }

    /** The distance of each run from the medians, in the order given. */
    public static double[] distances(List<BenchmarkRun> runs) {
        double[] distance = new double[runs.size()];
        for (JmhResult result : runs.getFirst().results()) {
            double[] scores = new double[runs.size()];
            boolean usable = true;
            for (int i = 0; i < runs.size() && usable; i++) {
                JmhResult same = runs.get(i).find(result.key());
                scores[i] = same == null ? Double.NaN : same.primary().score();
                usable = scores[i] > 0; // false for NaN too
            }
            if (!usable) {
                continue;
            }
            double median = median(scores);
            for (int i = 0; i < runs.size(); i++) {
                distance[i] += Math.abs(Math.log(scores[i] / median));
            }
        }
        return distance;
    }

    /** The index of the smallest of {@link #distances} (the first of equals). */
    public static int closest(double[] distance) {
        int best = 0;
        for (int i = 1; i < distance.length; i++) {
            if (distance[i] < distance[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Loads each run ({@link BenchmarkRun#load}). */
    public static List<BenchmarkRun> load(List<Path> locations) throws IOException {
        List<BenchmarkRun> runs = new ArrayList<>();
        for (Path location : locations) {
            runs.add(BenchmarkRun.load(location));
        }
        return runs;
    }
}
