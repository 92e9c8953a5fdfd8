package org.shmalloc.reports;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.shmalloc.reports.gate.GateSettings;
import org.shmalloc.reports.results.BenchmarkRun;
import org.shmalloc.reports.results.JmhJsonReader;
import org.shmalloc.reports.results.RunEnvironment;
import org.shmalloc.reports.results.TypicalRun;

/**
 * {@code baseline RESULTS_DIR...}: makes these results the committed baseline that {@code compare}
 * and CI's gate use. Given several runs of the profile, it keeps the most typical one
 * ({@link TypicalRun}). Replaces the previous baseline's result files (JMH JSON, .hgrm,
 * environment), keeping anything else in the folder (its README).
 */
@Command(name = "baseline", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Stores a results folder as the baseline (default: reports/baseline of this checkout), "
                + "replacing the previous one. Given several runs of the same profile, stores the most typical one: "
                + "the run closest to the per-benchmark medians. Commit the folder afterwards."})
final class BaselineCommand implements Callable<Integer> {

    static final Path DEFAULT_DIR = Path.of("reports", "baseline");

    @Parameters(arity = "1..*", paramLabel = "RESULTS_DIR",
            description = "The results to keep as the baseline, or several runs of one profile to choose from.")
    List<Path> candidates;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "The baseline folder. Default: reports/baseline under the checkout containing the current "
                    + "directory.")
    Path dir;

    @Mixin
    GateOptions gate;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<BenchmarkRun> runs = TypicalRun.load(candidates); // fails early on anything unreadable
        double[] distances = TypicalRun.distances(runs);
        int typical = TypicalRun.closest(distances);
        if (runs.size() > 1) {
            for (int i = 0; i < runs.size(); i++) {
                out.printf("%s %s: distance from the medians %.3f%n", i == typical ? "keeps" : "     ",
                        candidates.get(i), distances[i]);
            }
        }
        BenchmarkRun run = runs.get(typical);
        Path results = candidates.get(typical);
        Path target = dir != null ? dir : checkoutRoot().resolve(DEFAULT_DIR);
        Files.createDirectories(target);
        List<Path> files = resultFiles(results);
        for (Path old : resultFiles(target)) {
            Files.delete(old);
        }
        Path source = Files.isDirectory(results) ? results : results.toAbsolutePath().getParent();
        for (Path file : files) {
            Path copy = target.resolve(source.relativize(file).toString());
            Files.createDirectories(copy.getParent());
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        GateSettings settings = gate.settings();
        long floors = run.results().stream().filter(r -> settings.floorRule().isFloor(r.key())).count();
        out.printf("Baseline stored in %s: %d files, %d JMH results (%d floor), %d latency histograms.%n",
                target.toAbsolutePath().normalize(), files.size(), run.results().size(), floors, run.latencies().size());
        if (floors == 0) {
            out.println("WARNING: no CAS floor result (" + settings.floorRule().peerParam() + "="
                    + settings.floorRule().floorValue() + "): compare cannot normalise, and will not flag anything.");
        }
        out.println("Commit it: git add " + target + " && git commit");
        return ShmReports.OK;
    }

    /** The JMH JSON, .hgrm and environment files under {@code location} (or {@code location} itself). */
    static List<Path> resultFiles(Path location) throws IOException {
        if (!Files.isDirectory(location)) {
            return Files.exists(location) ? List.of(location) : List.of();
        }
        ObjectMapper json = new ObjectMapper();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(location, 3)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList()) {
                String name = file.getFileName().toString();
                boolean keep = name.endsWith(".hgrm") || RunEnvironment.FILE_NAMES.contains(name)
                        || name.endsWith(".json") && JmhJsonReader.isJmhResult(readOrNull(json, file));
                if (keep) {
                    files.add(file);
                }
            }
        }
        return files;
    }

    private static com.fasterxml.jackson.databind.JsonNode readOrNull(ObjectMapper json, Path file) {
        try {
            return json.readTree(file.toFile());
        } catch (IOException notJson) {
            return null;
        }
    }

    /** The nearest directory upwards from the current one that holds {@code reports/pom.xml}. */
    static Path checkoutRoot() throws IOException {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("reports").resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IOException("not inside an shm-alloc checkout (no reports/pom.xml above " + here + "): use --dir");
    }
}
