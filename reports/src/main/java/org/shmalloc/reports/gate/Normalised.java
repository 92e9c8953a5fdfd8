package org.shmalloc.reports.gate;

import org.shmalloc.reports.results.JmhResult;
import org.shmalloc.reports.results.Metric;

/**
 * A score as a cost relative to the floor measured in the same run: {@code 3.0} means three times
 * the floor's time per operation. Dividing by the floor cancels what slows the whole machine down
 * (another job, a slower CPU, frequency scaling) and keeps what slows the allocator down.
 *
 * <p>The interval is interval arithmetic on the two costs, {@code [lo / floorHi, hi / floorLo]}: it
 * assumes nothing about how the two errors relate, so it is wide rather than optimistic.
 *
 * @param result   the result
 * @param floor    the floor it was divided by; null when not normalised (then the values are ns/op)
 * @param point    cost / floor cost (or ns/op)
 * @param interval the interval of {@code point}; {@link Interval#UNKNOWN} when either score has no error estimate
 */
public record Normalised(JmhResult result, JmhResult floor, double point, Interval interval) {

    /** {@code result}'s cost divided by {@code floor}'s (or ns/op when {@code floor} is null). */
    public static Normalised of(JmhResult result, JmhResult floor, IntervalSource source) {
        Metric m = result.primary();
        double cost = Cost.of(m);
        Interval costInterval = costInterval(m, source);
        if (floor == null) {
            return new Normalised(result, null, cost, costInterval);
        }
        Metric f = floor.primary();
        double floorCost = Cost.of(f);
        Interval floorInterval = costInterval(f, source);
        Interval interval = costInterval.bounded() && floorInterval.bounded() && floorInterval.lo() > 0
                ? new Interval(costInterval.lo() / floorInterval.hi(), costInterval.hi() / floorInterval.lo())
                : Interval.UNKNOWN;
        return new Normalised(result, floor, cost / floorCost, interval);
    }

    private static Interval costInterval(Metric metric, IntervalSource source) {
        double[] scores = source.of(metric);
        return scores == null ? Interval.UNKNOWN : Cost.toCost(scores[0], scores[1], metric.unit());
    }
}
