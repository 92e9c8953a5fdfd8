package org.shmalloc.bench.proc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.ThroughputResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Version;
import org.shmalloc.bench.HdrFiles;
import org.shmalloc.bench.peer.BenchAllocator;
import org.shmalloc.bench.peer.Impl;
import org.shmalloc.bench.workload.ArenaFiles;
import org.shmalloc.bench.workload.ArenaParams;
import org.shmalloc.bench.workload.SpscRing;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Scaling across processes, which JMH cannot do (it runs one JVM at a time): starts
 * {@code processes} worker JVMs ({@link ProcessWorker}) on one arena file, runs them through the
 * same timed iterations at the same moment, and reports like a JMH benchmark: a {@link RunResult}
 * per case (aggregate allocator calls per microsecond, summed over the processes, one score per
 * iteration, several forks) written by JMH's own JSON writer, plus an {@code .hgrm} latency file.
 * <ul>
 *   <li>{@code privateFrees}: every process allocates and frees its own blocks (one call pair
 *       per latency value);</li>
 *   <li>{@code crossFrees} (2 processes): one allocates and passes each offset through a ring in
 *       a second shared file; the other frees it, at once or after {@code held} more have arrived
 *       ({@code .malloc}/{@code .free} latency files).</li>
 * </ul>
 */
@Command(name = "ProcessBench", mixinStandardHelpOptions = true,
        description = "Runs 1..N worker JVMs on one arena file; writes JMH-format JSON and .hgrm files.")
public final class ProcessBench implements Callable<Integer> {

    public static final String BENCHMARK_CLASS = "org.shmalloc.bench.proc.ProcessBench";
    /** Worker heap: they hold almost nothing. */
    static final List<String> WORKER_JVM_ARGS = List.of("--enable-native-access=ALL-UNNAMED", "-Xms256m", "-Xmx256m");

    /** One measured situation. */
    /**
     * One measured situation. {@code held} (cross frees only): how many offsets the freeing process
     * keeps before it frees the oldest, as {@code ThreadsBench.cross}'s parameter of that name.
     */
    public record Spec(String impl, int processes, String frees, String config, String arena, String sizes,
                       int held) {
        public Spec {
            if (!frees.equals("private") && !frees.equals("cross")) {
                throw new IllegalArgumentException("frees must be private or cross, got " + frees);
            }
            if (frees.equals("cross") && processes != 2) {
                throw new IllegalArgumentException("cross frees need exactly 2 processes, got " + processes);
            }
            if (held < 0 || held > 0 && !frees.equals("cross")) {
                throw new IllegalArgumentException("held " + held + " needs cross frees and cannot be negative");
            }
        }

        /** A spec where each offset handed over is freed at once. */
        public Spec(String impl, int processes, String frees, String config, String arena, String sizes) {
            this(impl, processes, frees, config, arena, sizes, 0);
        }

        String method() {
            return frees.equals("private") ? "privateFrees" : "crossFrees";
        }

        boolean cross() {
            return frees.equals("cross");
        }

        @Override
        public String toString() {
            return "ProcessBench." + method() + " impl=" + impl + " processes=" + processes + " config=" + config
                    + " arena=" + arena + " sizes=" + sizes + (cross() ? " held=" + held : "");
        }
    }

    /** Iterations like JMH's: forks x (warmups + iterations) of iterationMillis. */
    public record Timing(int forks, int warmups, int iterations, long iterationMillis) {
        /** Rough wall time of one spec, for progress estimates. */
        public double estimateSeconds() {
            return forks * (1.5 + (warmups + iterations) * iterationMillis / 1000.0);
        }

        @Override
        public String toString() {
            return forks + " forks x (" + warmups + " warmup + " + iterations + " x " + iterationMillis + " ms)";
        }
    }

    // ---- command line ----
    @Option(names = "--impl", split = ",", defaultValue = "shm,floor", description = "Allocators (shm, floor).")
    List<String> impls;
    @Option(names = "--processes", split = ",", defaultValue = "1,2", description = "Process counts.")
    List<Integer> processCounts;
    @Option(names = "--frees", split = ",", defaultValue = "private,cross", description = "private and/or cross.")
    List<String> frees;
    @Option(names = "--held", split = ",", defaultValue = "0",
            description = "Cross frees: offsets the freeing process keeps before freeing the oldest.")
    List<Integer> helds;
    @Option(names = "--config", defaultValue = "5-12") String config;
    @Option(names = "--arena", defaultValue = "256M") String arena;
    @Option(names = "--sizes", defaultValue = "uniform") String sizes;
    @Option(names = "--forks", defaultValue = "2") int forks;
    @Option(names = "--warmup", defaultValue = "3", description = "Warmup iterations.") int warmups;
    @Option(names = "--iterations", defaultValue = "5") int iterations;
    @Option(names = "--time", defaultValue = "500", description = "Iteration length, ms.") long iterationMillis;
    @Option(names = "--out", defaultValue = "results/processes") Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProcessBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        Timing timing = new Timing(forks, warmups, iterations, iterationMillis);
        List<RunResult> results = new ArrayList<>();
        for (String impl : impls) {
            for (String f : frees) {
                for (int n : processCounts) {
                    if (f.equals("cross") && (n != 2 || impl.equals("floor"))) {
                        continue; // a floor word holds one handle: nothing to hand over
                    }
                    for (int held : f.equals("cross") ? helds : List.of(0)) {
                        Spec spec = new Spec(impl, n, f, config, arena, sizes, held);
                        System.out.println("# " + spec);
                        results.add(run(spec, timing, out, System.out));
                    }
                }
            }
        }
        writeJson(results, out.resolve("processes.json"));
        return 0;
    }

    /** Writes {@code results} in JMH's JSON result format. */
    public static void writeJson(List<RunResult> results, Path file) throws IOException {
        try (PrintStream stream = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, stream).writeOut(results);
        }
    }

    /** Runs one spec: {@code timing.forks()} times N fresh worker JVMs; writes its .hgrm files to {@code hgrmDir}. */
    public static RunResult run(Spec spec, Timing timing, Path hgrmDir, PrintStream log)
            throws IOException, InterruptedException {
        BenchmarkParams params = params(spec, timing);
        List<BenchmarkResult> forkResults = new ArrayList<>();
        Histogram[] latency = {new Histogram(3), new Histogram(3)};
        for (int fork = 0; fork < timing.forks(); fork++) {
            List<WorkerReport> reports = runFork(spec, timing);
            List<IterationResult> iterations = new ArrayList<>();
            for (int i = 0; i < timing.iterations(); i++) {
                IterationResult iteration = new IterationResult(params, params.getMeasurement(),
                        new IterationResultMetaData(0, 0));
                StringBuilder line = new StringBuilder();
                for (WorkerReport report : reports) {
                    long[] it = report.measured.get(i);
                    iteration.addResult(new ThroughputResult(ResultRole.PRIMARY, spec.method(), it[0], it[1],
                            TimeUnit.MICROSECONDS));
                    line.append(String.format(" %.3f", it[0] * 1000.0 / it[1]));
                }
                log.printf("Fork %d iteration %d: %.3f calls/us (per process:%s)%n", fork + 1, i + 1,
                        iteration.getPrimaryResult().getScore(), line);
                iterations.add(iteration);
            }
            forkResults.add(new BenchmarkResult(params, iterations));
            for (int w = 0; w < reports.size(); w++) {
                latency[spec.frees().equals("cross") ? w : 0].add(reports.get(w).histogram);
            }
        }
        String name = HdrFiles.safe("ProcessBench." + spec.method() + "-arena=" + spec.arena() + "-config="
                + spec.config() + (spec.cross() ? "-held=" + spec.held() : "") + "-impl=" + spec.impl()
                + "-processes=" + spec.processes() + "-sizes=" + spec.sizes());
        if (spec.frees().equals("cross")) {
            HdrFiles.writeHgrm(hgrmDir.resolve(name + ".malloc" + HdrFiles.HGRM_SUFFIX), latency[0]);
            HdrFiles.writeHgrm(hgrmDir.resolve(name + ".free" + HdrFiles.HGRM_SUFFIX), latency[1]);
        } else {
            HdrFiles.writeHgrm(hgrmDir.resolve(name + ".pair" + HdrFiles.HGRM_SUFFIX), latency[0]);
        }
        RunResult result = new RunResult(params, forkResults);
        log.printf("Result \"%s\": %.3f ± %.3f calls/us%n", spec, result.getPrimaryResult().getScore(),
                result.getPrimaryResult().getScoreError());
        return result;
    }

    /** What one worker reported: per measurement iteration {calls, nanos}, and its latency histogram. */
    private record WorkerReport(List<long[]> measured, Histogram histogram) {
    }

    private static List<WorkerReport> runFork(Spec spec, Timing timing) throws IOException, InterruptedException {
        Impl impl = Impl.of(spec.impl());
        ArenaParams arena = ArenaParams.of(spec.config(), spec.arena());
        Path file = ArenaFiles.newPath(spec.impl() + ".shared");
        Path ring = spec.frees().equals("cross") ? ArenaFiles.newPath("ring") : null;
        List<Process> workers = new ArrayList<>();
        try (BenchAllocator creator = impl.create(arena.config(), file)) {
            if (ring != null) {
                try (var channel = java.nio.channels.FileChannel.open(ring, java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(new byte[1]), SpscRing.bytesFor(ProcessWorker.RING) - 1);
                }
            }
            for (int i = 0; i < spec.processes(); i++) {
                String role = ring == null ? "pair" : i == 0 ? "producer" : "consumer";
                workers.add(start(spec, timing, file, ring, role, i));
            }
            List<BufferedReader> outputs = new ArrayList<>();
            for (Process worker : workers) {
                BufferedReader reader = new BufferedReader(new InputStreamReader(worker.getInputStream(),
                        StandardCharsets.UTF_8));
                expect(reader, "READY", worker);
                outputs.add(reader);
            }
            for (Process worker : workers) { // as close together as we can
                Writer go = new OutputStreamWriter(worker.getOutputStream(), StandardCharsets.UTF_8);
                go.write("GO\n");
                go.flush();
            }
            List<WorkerReport> reports = new ArrayList<>();
            for (int i = 0; i < workers.size(); i++) {
                reports.add(read(outputs.get(i), workers.get(i)));
            }
            for (Process worker : workers) {
                if (!worker.waitFor(60, TimeUnit.SECONDS) || worker.exitValue() != 0) {
                    throw new IOException("worker " + worker.pid() + " did not exit cleanly");
                }
            }
            return reports;
        } finally {
            for (Process worker : workers) {
                worker.destroyForcibly();
            }
            if (ring != null) {
                ArenaFiles.delete(ring);
            }
            ArenaFiles.delete(file);
        }
    }

    private static Process start(Spec spec, Timing timing, Path file, Path ring, String role, int index)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(WORKER_JVM_ARGS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ProcessWorker.class.getName());
        command.addAll(List.of(spec.impl(), file.toString(), ring == null ? "-" : ring.toString(), role,
                Integer.toString(index), spec.config(), spec.arena(), spec.sizes(), Integer.toString(timing.warmups()),
                Integer.toString(timing.iterations()), Long.toString(timing.iterationMillis()),
                Integer.toString(spec.held())));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static void expect(BufferedReader reader, String expected, Process worker) throws IOException {
        String line = reader.readLine();
        if (!expected.equals(line)) {
            throw new IOException("worker " + worker.pid() + " said " + line + " instead of " + expected);
        }
    }

    private static WorkerReport read(BufferedReader reader, Process worker) throws IOException {
        List<long[]> measured = new ArrayList<>();
        Histogram histogram = null;
        for (String line; (line = reader.readLine()) != null; ) {
            String[] parts = line.split(" ");
            switch (parts[0]) {
                case "ITER" -> {
                    if (parts[1].equals("M")) {
                        measured.add(new long[] {Long.parseLong(parts[2]), Long.parseLong(parts[3])});
                    }
                }
                case "HIST" -> {
                    try {
                        histogram = Histogram.decodeFromCompressedByteBuffer(
                                ByteBuffer.wrap(Base64.getDecoder().decode(parts[1])), 0);
                    } catch (java.util.zip.DataFormatException e) {
                        throw new IOException("worker " + worker.pid() + " sent a bad histogram", e);
                    }
                }
                case "DONE" -> {
                    if (histogram == null) {
                        throw new IOException("worker " + worker.pid() + " sent no histogram");
                    }
                    return new WorkerReport(measured, histogram);
                }
                default -> throw new IOException("worker " + worker.pid() + " said: " + line);
            }
        }
        throw new IOException("worker " + worker.pid() + " ended without DONE (see its stderr above)");
    }

    private static BenchmarkParams params(Spec spec, Timing timing) {
        WorkloadParams workload = new WorkloadParams();
        List<String[]> values = new ArrayList<>(List.of(new String[] {"arena", spec.arena()},
                new String[] {"config", spec.config()}, new String[] {"impl", spec.impl()},
                new String[] {"processes", Integer.toString(spec.processes())}, new String[] {"sizes", spec.sizes()}));
        if (spec.cross()) {
            values.add(2, new String[] {"held", Integer.toString(spec.held())}); // only cross specs have it
        }
        for (int i = 0; i < values.size(); i++) {
            workload.put(values.get(i)[0], values.get(i)[1], i);
        }
        TimeValue iteration = TimeValue.milliseconds(timing.iterationMillis());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new BenchmarkParams(BENCHMARK_CLASS + "." + spec.method(), BENCHMARK_CLASS + "." + spec.method(), true,
                spec.processes(), new int[] {spec.processes()}, List.of(), timing.forks(), 0,
                new IterationParams(IterationType.WARMUP, timing.warmups(), iteration, 1),
                new IterationParams(IterationType.MEASUREMENT, timing.iterations(), iteration, 1),
                Mode.Throughput, workload, TimeUnit.MICROSECONDS, 1, java, WORKER_JVM_ARGS,
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), Version.getPlainVersion(), TimeValue.minutes(10));
    }
}
