package org.shmalloc.reports;

import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

import org.shmalloc.reports.gate.FloorRule;
import org.shmalloc.reports.gate.GateSettings;
import org.shmalloc.reports.gate.IntervalSource;

/** The gate's options, shared by {@code compare} and {@code report --baseline}. */
final class GateOptions {

    @Option(names = "--max-slowdown", paramLabel = "PERCENT", converter = Percent.class,
            description = "Flag a regression when the floor-normalised cost grew by more than this (and the "
                    + "intervals do not overlap). Default: ${DEFAULT-VALUE}%%.")
    double maxSlowdown = GateSettings.DEFAULT_MAX_SLOWDOWN * 100;

    @Option(names = "--min-improvement", paramLabel = "PERCENT", converter = Percent.class,
            description = "Flag an improvement when the cost shrank below 1/(1+PERCENT) (and the intervals do not "
                    + "overlap). Default: ${DEFAULT-VALUE}%%.")
    double minImprovement = GateSettings.DEFAULT_MIN_IMPROVEMENT * 100;

    @Option(names = "--intervals", paramLabel = "SOURCE",
            description = "Uncertainty of each score: JMH (JMH's 99.9%% confidence interval), FORKS (lowest to "
                    + "highest fork mean) or UNION (both; default).")
    IntervalSource intervals = IntervalSource.UNION;

    @Option(names = "--raw", description = "Compare raw ns/op instead of dividing by each run's CAS floor "
            + "(absolute times: unreliable on a shared machine).")
    boolean raw;

    @Option(names = "--fail-on-missing", description = "Also fail when a baseline benchmark is absent from the new run.")
    boolean failOnMissing;

    @Option(names = "--peer-param", paramLabel = "NAME",
            description = "The JMH parameter that names the implementation. Default: ${DEFAULT-VALUE}.")
    String peerParam = "impl";

    @Option(names = "--floor-value", paramLabel = "VALUE",
            description = "The peer parameter's value for the CAS floor. Default: ${DEFAULT-VALUE}.")
    String floorValue = "floor";

    @Option(names = "--floor-benchmark", paramLabel = "REGEX",
            description = "Stand-alone floor benchmarks (for results without an impl=floor partner). "
                    + "Default: ${DEFAULT-VALUE}.")
    String floorBenchmark = "(?i).*floor.*";

    GateSettings settings() {
        return new GateSettings(maxSlowdown / 100, minImprovement / 100, !raw, intervals, failOnMissing,
                new FloorRule(peerParam, floorValue, Pattern.compile(floorBenchmark)));
    }

    /** "15" or "15%" -> 15.0 (percent). */
    static final class Percent implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            String v = value.strip();
            double percent = Double.parseDouble(v.endsWith("%") ? v.substring(0, v.length() - 1) : v);
            if (!(percent >= 0) || Double.isInfinite(percent)) {
                throw new IllegalArgumentException("a percentage >= 0 is needed, got " + value);
            }
            return percent;
        }
    }
}
