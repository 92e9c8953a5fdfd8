package org.shmalloc.reports;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.shmalloc.reports.gate.GateSettings;
import org.shmalloc.reports.html.HtmlReport;
import org.shmalloc.reports.html.ReportPage;
import org.shmalloc.reports.results.BenchmarkRun;
import org.shmalloc.reports.tune.Bytes;
import org.shmalloc.reports.tune.Candidate;
import org.shmalloc.reports.tune.CandidateGrid;
import org.shmalloc.reports.tune.Capacity;
import org.shmalloc.reports.tune.ExponentRange;
import org.shmalloc.reports.tune.JmhSpeedProbe;
import org.shmalloc.reports.tune.Measured;
import org.shmalloc.reports.tune.MeasurementSettings;
import org.shmalloc.reports.tune.Ranking;
import org.shmalloc.reports.tune.SpeedProbe;
import org.shmalloc.reports.tune.Sweep;
import org.shmalloc.reports.tune.SyntheticMix;
import org.shmalloc.reports.tune.TunePage;
import org.shmalloc.reports.tune.TuneTable;
import org.shmalloc.reports.tune.Weights;
import org.shmalloc.reports.tune.Workload;
import org.shmalloc.reports.tune.WorkloadFile;

/**
 * {@code tune}: sweeps (minExponent, maxExponent) configs for a workload, measures each (memory
 * by replaying the workload on a real arena, speed with JMH), ranks them and recommends one.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sweeps the size-class configs (minExponent, maxExponent) that cover a workload: for each, "
                + "replays the workload on a real arena until the first failed malloc (memory efficiency, drops, "
                + "metadata; then rounds of freeing half and filling again: fragmentation under churn) and measures malloc+free pairs with JMH (throughput, latency percentiles); ranks them, "
                + "recommends one and says why. Prints a table; with --out, writes index.html with a heat map of "
                + "each metric, and the JMH results.",
                "Exit status: 0 a config is recommended, 1 none can be (every candidate drops too many requests), "
                        + "2 bad arguments, 3 an unreadable workload or a failed measurement."})
public final class TuneCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--workload", paramLabel = "FILE", required = true,
                description = "Request sizes: one per line (a trace, replayed in order) or SIZE,COUNT lines "
                        + "(a histogram). '#' starts a comment.")
        Path file;

        @Option(names = "--mix", paramLabel = "NAME", required = true,
                description = "A synthetic workload: uniform (1..4096 B), paths (85% 32..256 B, 15% up to 4 KiB), "
                        + "bimodal (70% 16..64 B, 30% 2..8 KiB).")
        String mix;
    }

    @Option(names = "--threads", paramLabel = "N", description = "Threads per process. Default: ${DEFAULT-VALUE}.")
    int threads = 1;

    @Option(names = "--processes", paramLabel = "N", description = "Processes sharing the arena (measured as N "
            + "attachments of the file in the benchmark JVM). Default: ${DEFAULT-VALUE}.")
    int processes = 1;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Size size;

    static final class Size {
        @Option(names = "--arena", paramLabel = "BYTES", required = true,
                description = "Allocatable bytes of every candidate's arena, e.g. 256M (default: 64M).")
        String arena;

        @Option(names = "--budget", paramLabel = "BYTES", required = true,
                description = "Bytes of the whole file (data + metadata): each config gets the most data that fits.")
        String budget;
    }

    @Option(names = "--min-exponents", paramLabel = "LO..HI",
            description = "minExponents to sweep (default: from the workload's 5th and 25th percentiles).")
    String minExponents;

    @Option(names = "--max-exponents", paramLabel = "LO..HI",
            description = "maxExponents to sweep (default: from its 95th percentile to one above its largest request).")
    String maxExponents;

    @Option(names = "--max-drop", paramLabel = "PERCENT", converter = GateOptions.Percent.class,
            description = "Most requests a recommended config may drop (larger than its largest block). "
                    + "Default: ${DEFAULT-VALUE}%%.")
    double maxDrop = 0;

    @Option(names = "--speed-weight", paramLabel = "W",
            description = "Weight of throughput / best throughput in the score. Default: ${DEFAULT-VALUE}.")
    double speedWeight = Weights.DEFAULT_SPEED;

    @Option(names = "--drop-weight", paramLabel = "W",
            description = "Weight of the fraction of requests dropped. Default: ${DEFAULT-VALUE}.")
    double dropWeight = Weights.DEFAULT_DROPS;

    @Option(names = "--noise", paramLabel = "PERCENT", converter = GateOptions.Percent.class,
            description = "Throughput differences up to this are treated as timing noise. Default: ${DEFAULT-VALUE}%%.")
    double noise = Weights.DEFAULT_NOISE * 100;

    @Option(names = "--occupancy", paramLabel = "PERCENT", converter = GateOptions.Percent.class,
            description = "How full of the workload the arena is while speed is measured. Default: ${DEFAULT-VALUE}%%.")
    double occupancy = 50;

    @Option(names = "--forks", paramLabel = "N", description = "JMH forks per mode. Default: ${DEFAULT-VALUE}.")
    int forks = 1;

    @Option(names = "--warmup", paramLabel = "N", description = "JMH warmup iterations. Default: ${DEFAULT-VALUE}.")
    int warmups = 2;

    @Option(names = "--warmup-time", paramLabel = "MS", description = "Warmup iteration, ms. Default: ${DEFAULT-VALUE}.")
    long warmupMillis = 100;

    @Option(names = "--iterations", paramLabel = "N", description = "Measured iterations. Default: ${DEFAULT-VALUE}.")
    int iterations = 3;

    @Option(names = "--time", paramLabel = "MS", description = "Measured iteration, ms. Default: ${DEFAULT-VALUE}.")
    long iterationMillis = 200;

    @Option(names = "--no-speed", description = "Memory metrics only (no JMH): seconds instead of minutes.")
    boolean noSpeed;

    @Option(names = "--ignore-lock", description = "Measure even while another JMH run holds /tmp/jmh.lock.")
    boolean ignoreLock;

    @Option(names = "--churn-rounds", paramLabel = "N", description = "Memory replay: rounds of freeing a random half "
            + "and filling again after the first fill (0: the first fill only). Default: ${DEFAULT-VALUE}.")
    int rounds = org.shmalloc.reports.tune.MemoryReplay.DEFAULT_ROUNDS;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of a histogram's sampling. Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where arena files go. Default: ${DEFAULT-VALUE}.")
    Path arenaDir = Path.of("/dev/shm");

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write index.html, results.json (JMH), tune.json, env.json and requests.txt here.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        Workload workload = source.file != null ? WorkloadFile.read(source.file)
                : SyntheticMix.named(source.mix).workload();
        Capacity capacity = size == null ? Capacity.arena(64L << 20)
                : size.budget != null ? Capacity.budget(Bytes.parse(size.budget)) : Capacity.arena(Bytes.parse(size.arena));
        ExponentRange maxes = maxExponents == null ? CandidateGrid.defaultMaxes(workload)
                : ExponentRange.parse(maxExponents);
        ExponentRange mins = minExponents == null ? CandidateGrid.defaultMins(workload, maxes)
                : ExponentRange.parse(minExponents);
        CandidateGrid.Plan plan = CandidateGrid.of(mins, maxes, capacity);
        Weights weights = new Weights(speedWeight, dropWeight, noise / 100, maxDrop / 100);
        MeasurementSettings settings = new MeasurementSettings(forks, warmups, warmupMillis, iterations,
                iterationMillis, threads, processes, occupancy);
        if (plan.candidates().isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "no valid config in min " + mins
                    + " x max " + maxes + ": " + String.join("; ", plan.skipped()));
        }
        JmhSpeedProbe probe = noSpeed ? null : new JmhSpeedProbe(settings, arenaDir, ignoreLock, log);

        String loadAtStart = loadAverage();
        printHeader(log, workload, plan, capacity, probe, weights);
        Path requests = out != null ? out.resolve("requests.txt")
                : Files.createTempFile("shm-tune-requests-", ".txt");
        Sweep.Result result;
        try {
            result = Sweep.run(workload, plan, probe, weights, seed, rounds, arenaDir, requests, log);
        } finally {
            if (out == null) {
                Files.deleteIfExists(requests);
            }
        }

        log.println();
        log.print(TuneTable.render(result.ranking()));
        log.println();
        Ranking.Row pick = result.ranking().pick();
        log.println("Recommended: " + result.ranking().why());
        if (pick != null) {
            Candidate c = pick.candidate();
            log.printf(Locale.ROOT, "Config:      new ShmConfig(%d, %d, %dL)   // blocks of %s, arena %s, file %s%n",
                    c.minExponent(), c.maxExponent(), c.config().arenaBytes(), c.blockRange(),
                    Bytes.binary(c.config().arenaBytes()), Bytes.binary(c.layout().fileSize));
        }
        log.printf(Locale.ROOT, "Sweep took %.0f s.%n", result.seconds());
        if (out != null) {
            Path page = write(result, probe, settings, capacity, loadAtStart);
            log.println("Report written to " + page.toAbsolutePath().normalize());
        }
        boolean failures = result.measured().stream().anyMatch(m -> m.speedProblem() != null);
        if (failures) {
            spec.commandLine().getErr().println("tune: a speed measurement failed (see the table's notes)");
            return ShmReports.ERROR;
        }
        return pick == null ? ShmReports.FLAGGED : ShmReports.OK;
    }

    private void printHeader(PrintWriter log, Workload w, CandidateGrid.Plan plan, Capacity capacity, SpeedProbe probe,
                             Weights weights) {
        log.println("workload:   " + w.description());
        log.println("requests:   " + requestsLine(w));
        log.printf(Locale.ROOT, "candidates: %d (minExponent %s x maxExponent %s), %s%n", plan.candidates().size(),
                plan.mins(), plan.maxes(), capacity.describe());
        for (String skipped : plan.skipped()) {
            log.println("  skipped " + skipped);
        }
        log.println("speed:      " + (probe == null ? "not measured (--no-speed)" : probe.describe()
                + String.format(Locale.ROOT, "; %d thread(s) x %d process(es), arena %.0f%% full", threads, processes,
                occupancy)));
        if (probe != null) {
            log.printf(Locale.ROOT, "estimate:   about %.0f s (%d candidates x %.1f s)%n",
                    plan.candidates().size() * (probe.estimateSeconds() + 0.3), plan.candidates().size(),
                    probe.estimateSeconds() + 0.3);
        }
        log.println("ranking:    " + Ranking.describe(weights));
        log.println();
        log.flush();
    }

    private static String requestsLine(Workload w) {
        return String.format(Locale.ROOT, "%s, %,d distinct sizes, smallest %d B, median %d B, p99 %d B, largest %d B, "
                        + "mean %.0f B", w.isTrace() ? String.format(Locale.ROOT, "%,.0f in a trace", w.requestCount())
                        : "a histogram", w.distinctSizes(), w.smallest(), w.quantile(0.5), w.quantile(0.99), w.largest(),
                w.meanSize());
    }

    /** Writes the results folder; returns the page. */
    private Path write(Sweep.Result result, JmhSpeedProbe probe, MeasurementSettings settings, Capacity capacity,
                       String loadAtStart) throws IOException {
        Files.createDirectories(out);
        Map<String, String> env = environment(result, settings, capacity, loadAtStart);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.writeValue(out.resolve("env.json").toFile(), env);
        json.writeValue(out.resolve("tune.json").toFile(), tuneJson(result));
        ReportPage jmhPage = null;
        if (probe != null && !probe.results().isEmpty()) {
            try (PrintStream stream = new PrintStream(Files.newOutputStream(out.resolve("results.json")), true,
                    StandardCharsets.UTF_8)) {
                ResultFormatFactory.getInstance(ResultFormatType.JSON, stream).writeOut(probe.results());
            }
            jmhPage = HtmlReport.page(BenchmarkRun.load(out), null, GateSettings.defaults(), "us");
        }
        List<ReportPage.Entry> entries = new ArrayList<>();
        env.forEach((k, v) -> entries.add(new ReportPage.Entry(k, v)));
        return HtmlReport.write(TunePage.page(result, entries, jmhPage), out);
    }

    private Map<String, String> environment(Sweep.Result result, MeasurementSettings settings, Capacity capacity,
                                            String loadAtStart) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("command", "tune");
        env.put("date", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        env.put("workload", result.workload().description());
        env.put("requests", requestsLine(result.workload()));
        env.put("threads", String.valueOf(threads));
        env.put("processes", processes + (processes > 1 ? " (attachments of the file in the benchmark JVM)" : ""));
        env.put("capacity", capacity.describe());
        env.put("grid", "minExponent " + result.plan().mins() + " x maxExponent " + result.plan().maxes() + ": "
                + result.measured().size() + " candidates" + (result.plan().skipped().isEmpty() ? ""
                : "; skipped " + String.join("; ", result.plan().skipped())));
        env.put("memory", "the workload replayed (seed " + seed + ") on a real arena in " + arenaDir
                + ", one thread, until the first failed malloc; then " + rounds + " rounds of freeing a random half "
                + "and filling again until a malloc fails (after churn)");
        env.put("speed", result.speedDescription() + (noSpeed ? "" : String.format(Locale.ROOT,
                "; arena %.0f%% full; %d JMH thread(s)", occupancy, settings.jmhThreads())));
        Weights w = result.ranking().weights();
        env.put("ranking", Ranking.describe(w));
        env.put("recommended", result.ranking().why());
        env.put("machine.host", hostName());
        env.put("machine.cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        env.put("machine.os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        env.put("machine.loadAverageAtStart", loadAtStart);
        env.put("end.loadAverageAtEnd", loadAverage());
        env.put("end.wallSeconds", String.format(Locale.ROOT, "%.0f", result.seconds()));
        env.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return env;
    }

    private Map<String, Object> tuneJson(Sweep.Result result) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("workload", result.workload().description());
        Ranking.Row pick = result.ranking().pick();
        root.put("recommended", pick == null ? null : pick.candidate().label());
        root.put("why", result.ranking().why());
        root.put("weights", result.ranking().weights());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Ranking.Row r : result.ranking().rows()) {
            Measured m = r.measured();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rank", r.rank());
            row.put("config", r.candidate().label());
            row.put("minExponent", r.candidate().minExponent());
            row.put("maxExponent", r.candidate().maxExponent());
            row.put("arenaBytes", r.candidate().config().arenaBytes());
            row.put("eligible", r.eligible());
            row.put("outscoresWithinNoise", r.outscores());
            row.put("score", r.score());
            row.put("memory", m.memory());
            row.put("efficiency", m.memory().efficiency());
            row.put("speed", m.speed());
            row.put("speedProblem", m.speedProblem());
            rows.add(row);
        }
        root.put("candidates", rows);
        return root;
    }

    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
