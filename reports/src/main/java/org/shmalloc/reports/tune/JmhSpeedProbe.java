package org.shmalloc.reports.tune;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.shmalloc.bench.BenchJvm;
import org.shmalloc.bench.TuneBench;

/**
 * Measures a candidate with JMH: the benchmark suite's {@link TuneBench} through JMH's
 * {@link Runner}, once in Throughput mode (pairs per microsecond) and once in SampleTime mode
 * (latency percentiles of a pair), each in its own forked JVM, so the tool's own JIT and heap are
 * not in the numbers. Every {@link RunResult} is kept, for the results folder's JMH JSON.
 * While another JMH run on the machine holds JMH's lock, it waits (and says so) rather than
 * measure two runs fighting over the cores, unless told to ignore the lock.
 */
public final class JmhSpeedProbe implements SpeedProbe {

    private static final String BENCHMARK = "^" + Pattern.quote(TuneBench.class.getName() + ".pair") + "$";
    private static final long LOCK_WAIT_MILLIS = TimeUnit.MINUTES.toMillis(30);

    private final MeasurementSettings settings;
    private final Path arenaDir;
    private final boolean ignoreLock;
    private final PrintWriter log;
    private final List<RunResult> results = new ArrayList<>();

    public JmhSpeedProbe(MeasurementSettings settings, Path arenaDir, boolean ignoreLock, PrintWriter log) {
        this.settings = settings;
        this.arenaDir = arenaDir;
        this.ignoreLock = ignoreLock;
        this.log = log;
    }

    @Override
    public SpeedMetrics measure(Candidate candidate, Path requests) throws RunnerException, InterruptedException {
        RunResult throughput = run(options(candidate, requests, Mode.Throughput, TimeUnit.MICROSECONDS));
        RunResult sample = run(options(candidate, requests, Mode.SampleTime, TimeUnit.NANOSECONDS));
        Result<?> primary = throughput.getPrimaryResult();
        var latencies = sample.getPrimaryResult().getStatistics();
        Result<?> mallocs = throughput.getSecondaryResults().get("mallocs");
        Result<?> failed = throughput.getSecondaryResults().get("failedMallocs");
        double failedShare = mallocs == null || failed == null || mallocs.getScore() == 0 ? 0
                : failed.getScore() / mallocs.getScore();
        return new SpeedMetrics(primary.getScore(), primary.getScoreError(), latencies.getPercentile(50),
                latencies.getPercentile(99), latencies.getPercentile(99.9), failedShare);
    }

    @Override
    public double estimateSeconds() {
        return settings.estimateSeconds();
    }

    @Override
    public String describe() {
        return "JMH " + org.openjdk.jmh.util.Version.getPlainVersion() + ", TuneBench.pair: " + settings;
    }

    /** Every JMH result measured so far. */
    public List<RunResult> results() {
        return List.copyOf(results);
    }

    private Options options(Candidate candidate, Path requests, Mode mode, TimeUnit unit) {
        return new OptionsBuilder()
                .include(BENCHMARK)
                .mode(mode)
                .timeUnit(unit)
                .forks(settings.forks())
                .warmupIterations(settings.warmups())
                .warmupTime(TimeValue.milliseconds(settings.warmupMillis()))
                .measurementIterations(settings.iterations())
                .measurementTime(TimeValue.milliseconds(settings.iterationMillis()))
                .threads(settings.jmhThreads())
                .param("config", candidate.label())
                .param("arena", String.valueOf(candidate.config().arenaBytes()))
                .param("requests", requests.toAbsolutePath().toString())
                .param("processes", String.valueOf(settings.processes()))
                .param("occupancy", plain(settings.occupancy()))
                .jvmArgsAppend(BenchJvm.NATIVE_ACCESS, BenchJvm.UNSAFE, TuneBench.XMS, TuneBench.XMX,
                        "-Dshmalloc.bench.dir=" + arenaDir.toAbsolutePath())
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
    }

    private RunResult run(Options options) throws RunnerException, InterruptedException {
        if (ignoreLock) {
            System.setProperty("jmh.ignoreLock", "true");
        }
        long deadline = System.currentTimeMillis() + LOCK_WAIT_MILLIS;
        boolean said = false;
        while (true) {
            try {
                Collection<RunResult> run = new Runner(options).run();
                if (run.size() != 1) {
                    throw new RunnerException("expected one JMH result, got " + run.size());
                }
                RunResult result = run.iterator().next();
                results.add(result);
                return result;
            } catch (RunnerException e) {
                if (!rootMessage(e).contains("JMH lock") || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                if (!said) {
                    log.println("  waiting: another JMH run holds /tmp/jmh.lock (--ignore-lock to run anyway)");
                    log.flush();
                    said = true;
                }
                Thread.sleep(2000);
            }
        }
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%s", value);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
