package org.shmalloc.reports.html;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium}, headless, on a page from disk: the DOM after the page's scripts ran
 * ({@code --dump-dom}), every console message Chromium logged (one per line on stderr with
 * {@code --enable-logging=stderr}), or a screenshot. Each call uses a fresh profile and talks to
 * no server (background networking, component updates, sync and QUIC are off).
 */
final class HeadlessChromium {

    /** How long the page's timers may run, in virtual time (report.js gives up on a chart after 4 s). */
    private static final int VIRTUAL_TIME_MILLIS = 15_000;
    private static final int TIMEOUT_SECONDS = 120;

    /** What a load left: the final DOM, the console messages, and Chromium's whole stderr. */
    record Load(String dom, List<String> console, String stderr) {
    }

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** The browser named by $CHROMIUM, else {@code chromium} on the PATH. */
    static Optional<HeadlessChromium> find() {
        String named = System.getenv("CHROMIUM");
        if (named != null && !named.isBlank()) {
            return Optional.of(new HeadlessChromium(Path.of(named)));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(new HeadlessChromium(candidate));
                }
            }
        }
        return Optional.empty();
    }

    Load load(Path page) throws IOException, InterruptedException {
        Result r = run(List.of("--enable-logging=stderr", "--v=0", "--dump-dom", page.toUri().toString()));
        List<String> console = r.stderr.lines().filter(line -> line.contains(":CONSOLE")).toList();
        return new Load(r.stdout, console, r.stderr);
    }

    void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        run(List.of("--hide-scrollbars", "--window-size=" + width + "," + height,
                "--screenshot=" + png.toAbsolutePath(), page.toUri().toString()));
        if (!Files.isRegularFile(png)) {
            throw new IOException("chromium wrote no screenshot to " + png);
        }
    }

    private record Result(String stdout, String stderr) {
    }

    private Result run(List<String> args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("shm-reports-chromium-");
        Path stdout = profile.resolveSibling(profile.getFileName() + ".out");
        Path stderr = profile.resolveSibling(profile.getFileName() + ".err");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
                "--user-data-dir=" + profile, "--virtual-time-budget=" + VIRTUAL_TIME_MILLIS));
        command.addAll(args);
        Process chromium = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        try {
            if (!chromium.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + command);
            }
            return new Result(Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            chromium.descendants().forEach(ProcessHandle::destroyForcibly);
            chromium.destroyForcibly();
            chromium.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException stillInUse) {
            // a crash-reporter file may linger for a moment; the temp folder is cleaned by the OS
        }
    }
}
