package org.shmalloc;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started from a test with this JVM's java and class path, running a {@code main} of the
 * test classes. Its stdout and stderr are collected line by line; stdin stays open for signals.
 */
final class ChildJvm {

    private final Process process;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;
    private final Writer input;

    private ChildJvm(Process process) {
        this.process = process;
        this.input = process.outputWriter(StandardCharsets.UTF_8);
        this.reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<output lost: " + e + ">");
            }
        });
    }

    static ChildJvm start(Class<?> main, List<String> jvmOptions, List<String> args) {
        return start(main, jvmOptions, args, java.util.Map.of());
    }

    static ChildJvm start(Class<?> main, List<String> jvmOptions, List<String> args,
                          java.util.Map<String, String> environment) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Xmx256m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.add(main.getName());
        command.addAll(args);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            return new ChildJvm(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one line to the child's stdin. */
    void send(String line) {
        try {
            input.write(line + "\n");
            input.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("child " + process.pid() + " is gone: " + lines(), e);
        }
    }

    /** Waits until the child printed a line starting with {@code prefix}; fails after {@code timeout}. */
    String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            // decided before the look, so that a line printed just before the end is still seen
            boolean last = System.nanoTime() > deadline || (!process.isAlive() && !reader.isAlive());
            synchronized (lines) {
                for (String line : lines) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
            }
            if (last) {
                break;
            }
            Thread.sleep(5);
        }
        return fail("child " + process.pid() + " printed no line starting with '" + prefix + "' within "
                + timeout + "; its output: " + lines());
    }

    /** Waits for the child to exit (killing it after {@code timeout}) and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            reader.join(Duration.ofSeconds(5));
            return fail("child " + process.pid() + " did not finish within " + timeout + "; its output: " + lines());
        }
        reader.join(Duration.ofSeconds(5));
        return process.exitValue();
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    long pid() {
        return process.pid();
    }

    void kill() {
        process.destroyForcibly();
    }
}
