package org.shmalloc.reports.tune;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.SortedMap;

/**
 * The request sizes the user's program asks for: a distribution (each distinct size and its
 * weight) and, for a trace, the order they came in. {@link #requests} replays them: a trace in
 * its order, from the start again when it runs out; a histogram by seeded sampling, so every run
 * (and every candidate config) sees the same sequence.
 */
public final class Workload {

    private final String name;
    private final String description;
    private final long[] sizes;        // distinct sizes, ascending
    private final double[] cumulative; // cumulative[i] = weight of sizes[0..i]
    private final long[] trace;        // the sizes in request order, or null for a histogram

    private Workload(String name, String description, SortedMap<Long, Double> weights, long[] trace) {
        this.name = name;
        this.description = description;
        int n = (int) weights.values().stream().filter(w -> w > 0).count(); // sizes of weight 0 are never requested
        if (n == 0) {
            throw new IllegalArgumentException(name + ": no request sizes (or every count is zero)");
        }
        this.sizes = new long[n];
        this.cumulative = new double[n];
        int i = 0;
        double sum = 0;
        for (Map.Entry<Long, Double> e : weights.entrySet()) {
            if (e.getKey() <= 0 || !(e.getValue() >= 0) || Double.isInfinite(e.getValue())) {
                throw new IllegalArgumentException(name + ": bad size " + e.getKey() + " or weight " + e.getValue());
            }
            if (e.getValue() > 0) {
                sum += e.getValue();
                sizes[i] = e.getKey();
                cumulative[i++] = sum;
            }
        }
        this.trace = trace;
    }

    /** A distribution: each size with its weight (a count, or any non-negative number). */
    public static Workload histogram(String name, String description, SortedMap<Long, Double> weights) {
        return new Workload(name, description, weights, null);
    }

    /** A trace: the sizes in the order they were requested. */
    public static Workload trace(String name, String description, long[] requests) {
        SortedMap<Long, Double> counts = new java.util.TreeMap<>();
        for (long size : requests) {
            counts.merge(size, 1.0, Double::sum);
        }
        return new Workload(name, description, counts, requests.clone());
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public boolean isTrace() {
        return trace != null;
    }

    /** The total weight: the number of requests of a trace or a histogram of counts. */
    public double requestCount() {
        return cumulative[cumulative.length - 1];
    }

    public int distinctSizes() {
        return sizes.length;
    }

    public long smallest() {
        return sizes[0];
    }

    public long largest() {
        return sizes[sizes.length - 1];
    }

    /** The smallest size at or above which a fraction {@code 1 - q} of the requests lie (0 < q <= 1). */
    public long quantile(double q) {
        double target = q * requestCount();
        int i = Arrays.binarySearch(cumulative, target);
        i = i >= 0 ? i : -i - 1; // the first size whose cumulative weight reaches the target (it strictly increases)
        return sizes[Math.min(i, sizes.length - 1)];
    }

    /** The fraction of requests larger than {@code bytes}. */
    public double fractionAbove(long bytes) {
        int i = Arrays.binarySearch(sizes, bytes);
        int atOrBelow = i >= 0 ? i : -i - 2; // index of the last size <= bytes
        double below = atOrBelow < 0 ? 0 : cumulative[atOrBelow];
        return (requestCount() - below) / requestCount();
    }

    /** The mean request size. */
    public double meanSize() {
        double sum = 0;
        double previous = 0;
        for (int i = 0; i < sizes.length; i++) {
            sum += sizes[i] * (cumulative[i] - previous);
            previous = cumulative[i];
        }
        return sum / requestCount();
    }

    /** The request sizes, endlessly: the trace in order (cycling), or samples of the histogram from {@code seed}. */
    public RequestStream requests(long seed) {
        if (trace != null) {
            long[] order = trace;
            return new RequestStream() {
                private int next;

                @Override
                public long next() {
                    long size = order[next];
                    next = next + 1 == order.length ? 0 : next + 1;
                    return size;
                }
            };
        }
        SplittableRandom random = new SplittableRandom(seed);
        double total = requestCount();
        return () -> {
            double u = random.nextDouble() * total;
            int i = Arrays.binarySearch(cumulative, u);
            i = i >= 0 ? i + 1 : -i - 1; // the first size whose cumulative weight exceeds u (weights are > 0)
            return sizes[Math.min(i, sizes.length - 1)];
        };
    }

    /** An endless sequence of request sizes. */
    @FunctionalInterface
    public interface RequestStream {
        long next();
    }

    @Override
    public String toString() {
        return name;
    }
}
