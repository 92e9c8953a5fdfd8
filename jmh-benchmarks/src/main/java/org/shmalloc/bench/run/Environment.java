package org.shmalloc.bench.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.util.Version;

/**
 * The run's {@code env.json}: what a result cannot be read without. Machine (host, OS, CPU
 * model, cores, memory), JDK, JMH version, the commit measured (and whether the tree was dirty),
 * the profile and its timings, the date, the load average at the start and the end (a loaded
 * machine explains noisy errors), and the time a cache line takes to move between two cores at
 * the start and the end ({@link LineHandoff}: the cross-thread scores follow it). Written at the
 * start and rewritten at the end.
 */
final class Environment {

    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final long startNanos = System.nanoTime();

    static Environment capture(Plan plan, List<String> jvmArgs) {
        Environment env = new Environment();
        Map<String, Object> f = env.fields;
        f.put("profile", plan.name());
        f.put("date", Instant.now().toString());
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("host", firstLine(Path.of("/etc/hostname"), System.getenv().getOrDefault("HOSTNAME", "unknown")));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("cpu", cpuModel());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memory", memTotal());
        machine.put("loadAverageAtStart", loadAverage());
        machine.put("lineHandoffNanosAtStart", handoffNanos());
        f.put("machine", machine);
        Map<String, Object> jdk = new LinkedHashMap<>();
        jdk.put("version", System.getProperty("java.version"));
        jdk.put("vendor", System.getProperty("java.vendor"));
        jdk.put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        jdk.put("home", System.getProperty("java.home"));
        f.put("jdk", jdk);
        f.put("jmh", Version.getPlainVersion());
        f.put("commit", git("rev-parse", "HEAD"));
        f.put("describe", git("describe", "--always", "--dirty", "--tags"));
        f.put("branch", git("rev-parse", "--abbrev-ref", "HEAD"));
        String status = git("status", "--porcelain", "--untracked-files=no");
        f.put("dirty", status.equals("unknown") ? "unknown" : (Object) !status.isEmpty());
        Map<String, Object> timing = new LinkedHashMap<>();
        timing.put("jmh", plan.jmh().toString());
        timing.put("processes", plan.processTiming().toString());
        timing.put("cases", plan.cases().size());
        timing.put("processSpecs", plan.processes().size());
        timing.put("estimatedSeconds", Math.round(plan.estimateSeconds()));
        f.put("plan", timing);
        f.put("jvmArgs", jvmArgs);
        return env;
    }

    /** Adds the end-of-run fields: wall time, load, failures. */
    void finish(int ran, List<String> failures) {
        Map<String, Object> end = new LinkedHashMap<>();
        end.put("date", Instant.now().toString());
        end.put("wallSeconds", Math.round((System.nanoTime() - startNanos) / 1e9));
        end.put("loadAverageAtEnd", loadAverage());
        end.put("lineHandoffNanosAtEnd", handoffNanos());
        end.put("runs", ran);
        end.put("failures", failures);
        fields.put("end", end);
    }

    void write(Path file) throws IOException {
        Files.writeString(file, Json.write(fields), StandardCharsets.UTF_8);
    }

    String get(String key) {
        return String.valueOf(fields.get(key));
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return line.substring(9).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "unknown";
    }

    /** {@link LineHandoff#measureNanos()}, rounded to 0.1 ns; -1 on one core. */
    static double handoffNanos() {
        return Math.round(LineHandoff.measureNanos() * 10) / 10.0;
    }

    static String loadAverage() {
        return firstLine(Path.of("/proc/loadavg"), "unknown");
    }

    private static String firstLine(Path file, String fallback) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() ? fallback : lines.get(0).trim();
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }

    /** Where to ask git: the current directory if it is in a repository, else the jar's directory. */
    private static final java.io.File REPOSITORY = repository();

    private static java.io.File repository() {
        java.io.File cwd = new java.io.File(".").getAbsoluteFile();
        if (!git(cwd, "rev-parse", "--show-toplevel").equals("unknown")) {
            return cwd;
        }
        try {
            Path jar = Path.of(Environment.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().toFile();
        } catch (Exception e) {
            return cwd;
        }
    }

    private static String git(String... args) {
        return git(REPOSITORY, args);
    }

    /** Runs git in {@code dir}; "unknown" if there is no git or no repository. */
    private static String git(java.io.File dir, String... args) {
        try {
            List<String> command = new java.util.ArrayList<>(List.of("git"));
            command.addAll(List.of(args));
            Process git = new ProcessBuilder(command).directory(dir).redirectErrorStream(true).start();
            String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!git.waitFor(10, TimeUnit.SECONDS) || git.exitValue() != 0) {
                return "unknown";
            }
            return output;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
