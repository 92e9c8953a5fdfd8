package org.shmalloc.bench.run;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * One JMH run: a benchmark method ({@code PairBench.pair}, or a group such as
 * {@code ThreadsBench.cross}) with one value for every parameter.
 *
 * @param benchmark    class and method, without the package
 * @param params       every parameter of the benchmark, one value each, in name order
 * @param setupSeconds extra time each fork spends in its trial setup (filling arenas), for estimates
 */
public record Case(String benchmark, Map<String, String> params, double setupSeconds) {

    public static final String PACKAGE = "org.shmalloc.bench.";

    public String fullName() {
        return PACKAGE + benchmark;
    }

    /** {@code PairBench.pair impl=shm sizes=min ...}: what progress lines and filters show. */
    @Override
    public String toString() {
        return benchmark + (params.isEmpty() ? "" : " " + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
    }
}
